package io.nifiecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens from the client-credentials grant of an app owned by the shop's organisation:
 * {@code POST {base}/admin/oauth/access_token} with the client id and secret. The token is kept
 * until shortly before it expires (about 24 h) and renewed once when Shopify refuses it (401).
 * Thread-safe; one token fetch at a time.
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Renew this long before expiry so that a long page loop never sends a token about to lapse. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    /** Assumed lifetime when the answer carries no expires_in. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final URI tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final HttpTransport transport;
    private final Duration requestTimeout;
    private final Clock clock;

    private String token;
    private String scope;
    private Instant renewAt = Instant.MIN;

    public ClientCredentialsTokenSource(final URI tokenUri, final String clientId, final String clientSecret,
                                        final HttpTransport transport, final Duration requestTimeout, final Clock clock) {
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    @Override
    public synchronized String accessToken() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    @Override
    public boolean renewable() {
        return true;
    }

    /** The scopes granted with the last token, as Shopify listed them (comma-separated), null before the first. */
    public synchronized String grantedScope() {
        return scope;
    }

    private void fetch() {
        final String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        final HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        final HttpResponse<byte[]> response = transport.send(request);
        final int status = response.statusCode();
        if (status == 400 || status == 401 || status == 403) {
            throw new ApiException(ErrorClass.AUTHENTICATION, status, "TOKEN_REFUSED",
                    "Shopify refused the client credentials at " + tokenUri.getPath() + " (HTTP " + status + ")");
        }
        if (status / 100 != 2) {
            throw new ApiException(ErrorClass.PERMANENT, status, "HTTP_" + status,
                    "Shopify answered HTTP " + status + " to the access token request");
        }
        final JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (final IOException e) {
            throw ApiException.unreadable(status, "The access token answer is not JSON", e);
        }
        final String accessToken = body == null ? null : body.path("access_token").asText(null);
        if (accessToken == null || accessToken.isBlank()) {
            // a 2xx without a token is a cut or garbled answer, not a refusal (those are 400/401/403 above)
            throw ApiException.unreadable(status, "The access token answer carries no access_token", null);
        }
        final Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_LIFETIME;
        final Duration margin = lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) > 0 ? REFRESH_MARGIN : lifetime.dividedBy(2);
        token = accessToken;
        scope = body.path("scope").asText(null);
        renewAt = clock.instant().plus(lifetime).minus(margin);
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
