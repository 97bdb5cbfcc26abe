package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/** A call to Shopify that failed as a whole: transient (throttled, 5xx, I/O) or permanent (bad request, access denied). */
public class InventoryApiException extends RuntimeException {

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "THROTTLED", "INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT", "IDEMPOTENCY_CONCURRENT_REQUEST");

    private final boolean transientFailure;
    private final boolean authentication;
    private final String code;

    public InventoryApiException(boolean transientFailure, String code, String message, Throwable cause) {
        this(transientFailure, false, code, message, cause);
    }

    /**
     * @param authentication the credentials or their scopes were refused: neither the data nor a retry is at fault
     */
    public InventoryApiException(boolean transientFailure, boolean authentication, String code, String message, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.authentication = authentication;
        this.code = code;
    }

    public InventoryApiException(boolean transientFailure, String code, String message) {
        this(transientFailure, code, message, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public boolean isAuthentication() {
        return authentication;
    }

    public String code() {
        return code;
    }

    static boolean isTransientCode(String code) {
        return code != null && TRANSIENT_CODES.contains(code);
    }

    /**
     * Throws when the response carries top-level GraphQL {@code errors}: the whole request failed (a partial
     * {@code data} beside them is not trusted).
     */
    static void throwOnErrors(JsonNode response) {
        final JsonNode errors = response == null ? null : response.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return;
        }
        final JsonNode first = errors.get(0);
        final String code = first.path("extensions").path("code").asText(null);
        final String message = first.path("message").asText("GraphQL error");
        throw new InventoryApiException(isTransientCode(code), "ACCESS_DENIED".equals(code), code == null ? "GRAPHQL_ERROR" : code,
                message, null);
    }
}
