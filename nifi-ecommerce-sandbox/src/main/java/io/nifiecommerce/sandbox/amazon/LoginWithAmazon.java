package io.nifiecommerce.sandbox.amazon;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login with Amazon's token endpoint as a selling partner application uses it ({@code POST /auth/o2/token},
 * form {@code grant_type=refresh_token}, {@code refresh_token}, {@code client_id}, {@code client_secret}): the
 * answer is {@code {access_token, token_type: "bearer", expires_in: 3600, refresh_token}}. Access tokens
 * ({@code Atza|...}) go in the {@code x-amz-access-token} header of SP-API calls and lapse after their lifetime.
 */
public final class LoginWithAmazon {

    /** LWA access tokens live one hour. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public LoginWithAmazon(final String clientId, final String clientSecret, final String refreshToken, final Duration lifetime,
                           final Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** An answer of the token endpoint: the status and its JSON body (an OAuth 2.0 error body when refused). */
    public record Answer(int status, Map<String, Object> body) {
    }

    public Answer exchange(final Map<String, String> form) {
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "Client authentication failed");
        }
        if (!refreshToken.equals(form.get("refresh_token"))) {
            return error(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }
        final String token = "Atza|" + HexFormat.of().formatHex(random.generateSeed(24));
        issued.put(token, clock.instant().plus(lifetime));
        return new Answer(200, Map.of("access_token", token, "token_type", "bearer", "expires_in", lifetime.toSeconds(),
                "refresh_token", refreshToken));
    }

    /** @throws AmazonApiError 403 Unauthorized when the token is missing, unknown or expired */
    public void check(final String accessToken) {
        final Instant expires = accessToken == null ? null : issued.get(accessToken);
        if (expires == null) {
            throw AmazonApiError.unauthorized("The access token you provided is revoked, malformed or invalid.");
        }
        if (!clock.instant().isBefore(expires)) {
            throw AmazonApiError.unauthorized("The access token you provided has expired.");
        }
    }

    /** Forgets the tokens issued (a sandbox reset). */
    public void revokeIssued() {
        issued.clear();
    }

    private static Answer error(final int status, final String error, final String description) {
        return new Answer(status, Map.of("error", error, "error_description", description));
    }
}
