package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Microsoft Entra ID v2.0 token endpoint for the client-credentials grant, and the check of the
 * bearer tokens it issued. Errors have Entra's shape ({@code error}, {@code error_description}
 * with an AADSTS code, {@code error_codes}, {@code trace_id}, {@code correlation_id}).
 */
final class EntraTokenIssuer {

    static final String BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";

    private final BcSimulatorConfig config;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    /** Outcome of a token request: the HTTP status and JSON body. */
    record Answer(int status, ObjectNode body) {
    }

    /** Outcome of a bearer check. */
    enum Check {
        VALID, MISSING, UNKNOWN, EXPIRED
    }

    EntraTokenIssuer(final BcSimulatorConfig config) {
        this.config = config;
    }

    Answer issue(final String tenant, final String form, final String basicAuthorization) {
        if (!tenant.equalsIgnoreCase(config.tenantId())) {
            return failure(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have the correct tenant ID"
                    + " and are signing into the correct cloud.");
        }
        final Map<String, String> fields = parseForm(form);
        String clientId = fields.get("client_id");
        String clientSecret = fields.get("client_secret");
        if (basicAuthorization != null && basicAuthorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            final String decoded = new String(Base64.getDecoder().decode(basicAuthorization.substring(6).trim()), StandardCharsets.UTF_8);
            final int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                clientSecret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        final String grantType = fields.get("grant_type");
        if (grantType == null) {
            return failure(400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }
        if (!grantType.equals("client_credentials")) {
            return failure(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grantType + "'.");
        }
        if (clientId == null || clientId.isEmpty()) {
            return failure(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
        }
        final String scope = fields.get("scope");
        if (scope == null || !scope.endsWith("/.default")) {
            return failure(400, "invalid_scope", 1002012, "The provided value for scope " + scope
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier"
                    + " (application ID URI).");
        }
        if (!clientId.equals(config.clientId())) {
            return failure(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + config.tenantId() + "'.");
        }
        if (clientSecret == null || clientSecret.isEmpty()) {
            return failure(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is required for the"
                    + " 'client_credentials' grant type.");
        }
        if (!constantTimeEquals(clientSecret, config.clientSecret())) {
            return failure(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request"
                    + " is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
        }
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        final String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, config.clock().instant().plus(config.tokenLifetime()));
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("token_type", "Bearer").put("expires_in", config.tokenLifetime().toSeconds())
                .put("ext_expires_in", config.tokenLifetime().toSeconds()).put("access_token", token);
        return new Answer(200, body);
    }

    Check check(final String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Check.MISSING;
        }
        final Instant expiry = tokens.get(authorization.substring(7).trim());
        if (expiry == null) {
            return Check.UNKNOWN;
        }
        if (!config.clock().instant().isBefore(expiry)) {
            return Check.EXPIRED;
        }
        return Check.VALID;
    }

    /** Forgets every issued token (a "revoked secret" or a restarted tenant). */
    void revokeAll() {
        tokens.clear();
    }

    private Answer failure(final int status, final String error, final int aadsts, final String description) {
        final String trace = UUID.randomUUID().toString();
        final String correlation = UUID.randomUUID().toString();
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("error_description", "AADSTS" + aadsts + ": " + description + " Trace ID: " + trace + " Correlation ID: "
                + correlation + " Timestamp: " + config.clock().instant());
        body.putArray("error_codes").add(aadsts);
        body.put("timestamp", config.clock().instant().toString());
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        return new Answer(status, body);
    }

    private static Map<String, String> parseForm(final String form) {
        final Map<String, String> fields = new HashMap<>();
        if (form == null) {
            return fields;
        }
        for (final String pair : form.split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static boolean constantTimeEquals(final String a, final String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
