package io.nifiecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ClientCredentialsGrant;
import io.nifiecommerce.http.ClientCredentialsGrant.IssuedToken;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Access tokens from the client-credentials grant of an app owned by the shop's organisation:
 * {@code POST {base}/admin/oauth/access_token} with the client id and secret, read the way Shopify
 * answers, on top of the one {@link ClientCredentialsGrant} cache (kept until shortly before it
 * expires, about 24 h, and renewed once when Shopify refuses it).
 */
public final class ClientCredentialsTokenSource implements AccessTokenSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Assumed lifetime when the answer carries no expires_in. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final ClientCredentialsGrant grant;

    public ClientCredentialsTokenSource(final URI tokenUri, final String clientId, final String clientSecret,
                                        final HttpTransport transport, final Duration requestTimeout, final Clock clock) {
        this.grant = new ClientCredentialsGrant(tokenUri, clientId, clientSecret, Map.of(), transport, requestTimeout, clock,
                response -> read(response, tokenUri));
    }

    @Override
    public String accessToken() {
        return grant.token();
    }

    @Override
    public void invalidate() {
        grant.invalidate();
    }

    @Override
    public boolean renewable() {
        return true;
    }

    /** The scopes granted with the last token, as Shopify listed them (comma-separated), null before the first. */
    public String grantedScope() {
        return grant.grantedScope();
    }

    private static IssuedToken read(final HttpResponse<byte[]> response, final URI tokenUri) {
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
        return new IssuedToken(accessToken, lifetime, body.path("scope").asText(null));
    }
}
