package io.nifiecommerce.company;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** The first userError of B2B mutation payloads, as {code, message} (code INVALID when Shopify gave none). */
final class UserErrorList {

    private UserErrorList() {
    }

    static Optional<String[]> first(final JsonNode payload) {
        final JsonNode error = payload.path("userErrors").path(0);
        if (error.isMissingNode()) {
            return Optional.empty();
        }
        final String field = error.path("field").isArray() && !error.path("field").isEmpty() ? " (" + error.path("field").toString() + ")" : "";
        return Optional.of(new String[] {error.path("code").asText("INVALID").isEmpty() || error.path("code").isNull() ? "INVALID"
                : error.path("code").asText(), error.path("message").asText() + field});
    }

    /** The first userError of any payload of a multi-mutation answer. */
    static Optional<String[]> firstOfAll(final JsonNode data) {
        for (final JsonNode payload : data) {
            final Optional<String[]> error = first(payload);
            if (error.isPresent()) {
                return error;
            }
        }
        return Optional.empty();
    }
}
