package io.nifiecommerce.businesscentral;

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
 * Microsoft Entra ID client-credentials grant: the token endpoint of the tenant and the way Entra
 * answers, on top of the one {@link ClientCredentialsGrant} cache (renewed before expiry, and on
 * demand after a 401).
 */
public final class ClientCredentialsToken implements Credentials {

    public static final String DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default";
    public static final String LOGIN_URL = "https://login.microsoftonline.com";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ClientCredentialsGrant grant;

    public ClientCredentialsToken(final String loginUrl, final String tenantId, final String clientId, final String clientSecret,
                                  final String scope, final HttpTransport transport, final Duration timeout, final Clock clock) {
        final String base = loginUrl == null || loginUrl.isBlank() ? LOGIN_URL : loginUrl.replaceAll("/+$", "");
        final URI tokenUri = URI.create(base + "/" + tenantId.trim() + "/oauth2/v2.0/token");
        this.grant = new ClientCredentialsGrant(tokenUri, clientId, clientSecret,
                Map.of("scope", scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope), transport, timeout, clock,
                response -> read(response, tokenUri));
    }

    public URI tokenUri() {
        return grant.tokenUri();
    }

    @Override
    public String authorization() {
        return "Bearer " + grant.token();
    }

    @Override
    public void invalidate() {
        grant.invalidate();
    }

    private static IssuedToken read(final HttpResponse<byte[]> response, final URI tokenUri) {
        final JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (final IOException e) {
            throw ApiException.unreadable(response.statusCode(), "Unreadable token response from " + tokenUri.getHost(), e);
        }
        if (response.statusCode() == 200 && (body == null || !body.hasNonNull("access_token"))) {
            // a 200 without a token is a cut or garbled answer, not a refusal
            throw ApiException.unreadable(200, "Token response from " + tokenUri.getHost() + " without access_token", null);
        }
        if (response.statusCode() != 200 || body == null || !body.hasNonNull("access_token")) {
            final String error = body == null ? "" : body.path("error").asText("");
            final String description = body == null ? "" : body.path("error_description").asText("");
            throw new ApiException(ErrorClass.AUTHENTICATION, response.statusCode(), error.isEmpty() ? "TOKEN_REFUSED" : error,
                    "Entra ID refused the client credentials (HTTP " + response.statusCode() + ")"
                            + (description.isEmpty() ? "" : ": " + firstLine(description)));
        }
        return new IssuedToken(body.get("access_token").asText(), Duration.ofSeconds(body.path("expires_in").asLong(3599)), null);
    }

    private static String firstLine(final String text) {
        final int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).trim();
    }

    @Override
    public String toString() {
        return "ClientCredentialsToken[" + grant.tokenUri() + "]";
    }
}
