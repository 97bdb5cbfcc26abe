package io.nifiecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful GraphQL answer: its {@code data}, its cost, and the API version that actually served
 * it (differs from the requested one when Shopify fell forward from an unsupported version).
 */
public record GraphQlResponse(JsonNode data, QueryCost cost, String servedApiVersion) {

    /** The node at a dotted path under {@code data}, e.g. {@code orders.pageInfo}; a missing node if absent. */
    public JsonNode at(final String dottedPath) {
        return data.at("/" + dottedPath.replace('.', '/'));
    }
}
