package io.nifiecommerce.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTransportTest {

    /** Headers promising a body, a few bytes of it, then silence: the exchange must still end. */
    @Test
    void stalledBodyEndsAsTransientTimeout() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final Thread stalling = Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    final OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 4096\r\nContent-Type: application/json\r\n\r\n{\"da"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    release.await(30, TimeUnit.SECONDS);
                } catch (final IOException | InterruptedException ignored) {
                    // the client gave up: what the test wants
                }
            });
            final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)), RetryPolicy.NONE);
            final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                    .timeout(Duration.ofMillis(500)).GET().build();
            final long started = System.nanoTime();
            final ApiException e = assertThrows(ApiException.class, () -> transport.send(request));
            final long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ErrorClass.TRANSIENT, e.errorClass());
            assertEquals("TIMEOUT", e.code());
            assertTrue(elapsedMillis < 10_000, "ended after " + elapsedMillis + " ms");
            release.countDown();
            stalling.join();
        }
    }

    @Test
    void delayHonoursRetryAfterWithinTheCap() {
        final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(2), policy.delay(1, Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(5), policy.delay(1, Duration.ofSeconds(60)));
        for (int retry = 1; retry < 10; retry++) {
            final Duration delay = policy.delay(retry, null);
            assertTrue(!delay.isNegative() && delay.compareTo(Duration.ofSeconds(5)) <= 0, delay.toString());
        }
    }
}
