package io.nifiecommerce.businesscentral;

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
 * Microsoft Entra ID client-credentials grant. The token is cached and renewed a margin before it
 * expires (so a long $batch never starts with a token about to lapse), and on demand after a 401.
 * Thread-safe; concurrent callers share one renewal.
 */
public final class ClientCredentialsToken implements Credentials {

    public static final String DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default";
    public static final String LOGIN_URL = "https://login.microsoftonline.com";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);

    private final URI tokenUri;
    private final String form;
    private final HttpTransport transport;
    private final Duration timeout;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentialsToken(final String loginUrl, final String tenantId, final String clientId, final String clientSecret,
                                  final String scope, final HttpTransport transport, final Duration timeout, final Clock clock) {
        final String base = loginUrl == null || loginUrl.isBlank() ? LOGIN_URL : loginUrl.replaceAll("/+$", "");
        this.tokenUri = URI.create(base + "/" + tenantId.trim() + "/oauth2/v2.0/token");
        this.form = "grant_type=client_credentials"
                + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret)
                + "&scope=" + encode(scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope);
        this.transport = transport;
        this.timeout = timeout;
        this.clock = clock;
    }

    public URI tokenUri() {
        return tokenUri;
    }

    @Override
    public synchronized String authorization() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            renew();
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void renew() {
        final HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        final HttpResponse<byte[]> response = transport.send(request);
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
        token = body.get("access_token").asText();
        final long expiresIn = body.path("expires_in").asLong(3599);
        final Duration lifetime = Duration.ofSeconds(expiresIn);
        final Duration margin = lifetime.compareTo(RENEWAL_MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(10) : RENEWAL_MARGIN;
        renewAt = clock.instant().plus(lifetime).minus(margin);
    }

    private static String firstLine(final String text) {
        final int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).trim();
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentialsToken[" + tokenUri + "]";
    }
}
