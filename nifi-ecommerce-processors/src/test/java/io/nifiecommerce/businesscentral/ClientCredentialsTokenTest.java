package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCredentialsTokenTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-08-18T20:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private ClientCredentialsToken token(final StubBusinessCentral bc, final String secret) {
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), RetryPolicy.NONE);
        return new ClientCredentialsToken(bc.baseUrl() + "/", StubBusinessCentral.TENANT, "client", secret, null, transport, Duration.ofSeconds(5), clock);
    }

    @Test
    void tokenIsCachedAndRenewedBeforeItExpires() throws Exception {
        try (StubBusinessCentral bc = new StubBusinessCentral()) {
            final ClientCredentialsToken token = token(bc, "secret");
            assertEquals(bc.baseUrl() + "/" + StubBusinessCentral.TENANT + "/oauth2/v2.0/token", token.tokenUri().toString());
            final String first = token.authorization();
            assertTrue(first.startsWith("Bearer "));
            now.set(now.get().plus(Duration.ofMinutes(54)));
            assertEquals(first, token.authorization(), "cached for most of its hour");
            assertEquals(1, bc.tokenRequests());
            now.set(now.get().plus(Duration.ofMinutes(1).plusSeconds(1)));
            assertNotEquals(first, token.authorization(), "renewed five minutes before expiry");
            assertEquals(2, bc.tokenRequests());
            token.invalidate();
            token.authorization();
            assertEquals(3, bc.tokenRequests(), "renewed on demand after a 401");
        }
    }

    @Test
    void refusedSecretIsAnAuthenticationErrorWithEntrasReasonButNotTheSecret() throws Exception {
        try (StubBusinessCentral bc = new StubBusinessCentral()) {
            final ApiException e = assertThrows(ApiException.class, () -> token(bc, "s3cr3t-value").authorization());
            assertEquals(ErrorClass.AUTHENTICATION, e.errorClass());
            assertEquals("invalid_client", e.code());
            assertTrue(e.getMessage().contains("AADSTS7000215"));
            assertFalse(e.getMessage().contains("s3cr3t-value"));
            assertFalse(token(bc, "x").toString().contains("x&"), "toString shows the URL only");
        }
    }
}
