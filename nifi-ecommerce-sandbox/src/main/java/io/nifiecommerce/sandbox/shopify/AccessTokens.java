package io.nifiecommerce.sandbox.shopify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens a shop accepts: one static Admin API token (like a custom app's
 * {@code shpat_...}) that never expires, and tokens issued by the client-credentials grant, which
 * expire after the configured lifetime.
 */
public final class AccessTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String staticToken;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Clock clock;
    private volatile Duration lifetime;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    public AccessTokens(final String staticToken, final String clientId, final String clientSecret, final String scope,
                        final Duration lifetime, final Clock clock) {
        this.staticToken = staticToken;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String staticToken() {
        return staticToken;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String scope() {
        return scope;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public void lifetime(final Duration newLifetime) {
        this.lifetime = newLifetime;
    }

    public boolean valid(final String token) {
        if (token == null) {
            return false;
        }
        if (token.equals(staticToken)) {
            return true;
        }
        final Instant expiry = issued.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** A new token for valid client credentials, empty otherwise. */
    public Optional<String> issue(final String id, final String secret) {
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            return Optional.empty();
        }
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        final String token = "shpca_" + HexFormat.of().formatHex(bytes);
        issued.put(token, clock.instant().plus(lifetime));
        return Optional.of(token);
    }

    /** Forgets issued tokens (a reset): clients must ask again. */
    public void revokeIssued() {
        issued.clear();
    }
}
