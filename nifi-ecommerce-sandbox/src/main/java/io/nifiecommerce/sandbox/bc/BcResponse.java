package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The answer to one operation: status, headers and JSON body (null for 204), and the entity set it
 * addressed, for the {@code bc.requests.<entitySet>.<method>} counters.
 */
record BcResponse(int status, Map<String, String> headers, JsonNode body, String entitySet) {

    boolean failed() {
        return status >= 400;
    }
}
