package io.nifiecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code extensions.cost} of a response: what the query asked for, what it cost (null when
 * throttled) and the state of the shop's leaky bucket after it.
 */
public record QueryCost(double requestedQueryCost, Double actualQueryCost, double maximumAvailable,
                        double currentlyAvailable, double restoreRate) {

    /** Null when the response carries no cost (errors before execution, non-Shopify servers). */
    public static QueryCost from(final JsonNode extensions) {
        if (extensions == null) {
            return null;
        }
        final JsonNode cost = extensions.path("cost");
        final JsonNode throttle = cost.path("throttleStatus");
        if (cost.isMissingNode() || throttle.isMissingNode()) {
            return null;
        }
        final JsonNode actual = cost.path("actualQueryCost");
        return new QueryCost(cost.path("requestedQueryCost").asDouble(),
                actual.isNumber() ? actual.asDouble() : null,
                throttle.path("maximumAvailable").asDouble(),
                throttle.path("currentlyAvailable").asDouble(),
                throttle.path("restoreRate").asDouble());
    }
}
