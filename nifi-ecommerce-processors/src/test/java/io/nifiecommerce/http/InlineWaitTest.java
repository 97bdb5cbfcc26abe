package io.nifiecommerce.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSession;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits longer than a few seconds end the call, with the wait, instead of holding a NiFi task thread. */
class InlineWaitTest {

    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void aLongRetryAfterEndsTheCallAsTransientWithTheWait() {
        final AtomicInteger calls = new AtomicInteger();
        final HttpTransport transport = new HttpTransport(request -> {
            calls.incrementAndGet();
            return response(429, Map.of("Retry-After", List.of("30")));
        }, new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMinutes(1)), sleeps::add);

        final ApiException e = assertThrows(ApiException.class, () -> transport.send(request()));

        assertEquals(ErrorClass.TRANSIENT, e.errorClass());
        assertEquals("HTTP_429", e.code());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
        assertEquals(1, calls.get(), "not sent again within the task");
        assertTrue(sleeps.isEmpty(), "never slept: " + sleeps);
    }

    @Test
    void aShortRetryAfterIsWaitedInPlace() {
        final AtomicInteger calls = new AtomicInteger();
        final HttpTransport transport = new HttpTransport(request -> calls.incrementAndGet() == 1
                ? response(503, Map.of("Retry-After", List.of("2"))) : response(200, Map.of()),
                new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMinutes(1)), sleeps::add);

        assertEquals(200, transport.send(request()).statusCode());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    private static HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://bc.invalid/api")).GET().build();
    }

    private static HttpResponse<byte[]> response(final int status, final Map<String, List<String>> headers) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return InlineWaitTest.request();
            }

            @Override
            public Optional<HttpResponse<byte[]>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (name, value) -> true);
            }

            @Override
            public byte[] body() {
                return new byte[0];
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return request().uri();
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
