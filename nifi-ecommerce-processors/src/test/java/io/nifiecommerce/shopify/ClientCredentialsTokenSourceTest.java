package io.nifiecommerce.shopify;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCredentialsTokenSourceTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/oauth/access_token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            final byte[] body = (status == 200
                    ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"scope\":\"read_orders\",\"expires_in\":3600}"
                    : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ClientCredentialsTokenSource source(final Clock clock) {
        return new ClientCredentialsTokenSource(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/admin/oauth/access_token"),
                "id", "secret", new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)), RetryPolicy.NONE), Duration.ofSeconds(5), clock);
    }

    @Test
    void renewsFiveMinutesBeforeExpiryAndAfterInvalidation() {
        final ManualClock clock = new ManualClock();
        final ClientCredentialsTokenSource tokens = source(clock);

        assertEquals("token-1", tokens.accessToken());
        assertEquals("read_orders", tokens.grantedScope());
        clock.now = clock.now.plus(Duration.ofMinutes(54));
        assertEquals("token-1", tokens.accessToken(), "still valid for six minutes");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertEquals("token-2", tokens.accessToken(), "renewed before it lapses");
        tokens.invalidate();
        assertEquals("token-3", tokens.accessToken());
        assertTrue(tokens.renewable());
    }

    @Test
    void refusedCredentialsAreAnAuthenticationError() {
        status = 401;
        final ApiException e = assertThrows(ApiException.class, () -> source(new ManualClock()).accessToken());
        assertEquals(ErrorClass.AUTHENTICATION, e.errorClass());
        assertFalse(e.getMessage().contains("secret"), "the secret is not in the message");
    }
}
