package io.nifiecommerce.catalog;

import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Shopify calls of one catalog run, through the shared client (cost pacing, retries, token renewal), counted: the
 * requests made (retries inside the client not counted twice) and the cost points Shopify charged, which the run reports and the benchmark compares. Not thread-safe:
 * one run owns one instance.
 */
public final class CatalogCalls {

    private final ShopifyGraphQlClient client;
    private int requests;
    private double costPoints;

    public CatalogCalls(final ShopifyGraphQlClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** A query, or a mutation that is an upsert (sending it twice changes nothing): retried on any transient failure. */
    public GraphQlResponse idempotent(final String document, final Map<String, Object> variables) {
        return counted(() -> client.execute(document, variables));
    }

    /** A mutation that creates: retried only when Shopify proves it was not applied (throttled). */
    public GraphQlResponse creating(final String document, final Map<String, Object> variables) {
        return counted(() -> client.executeMutation(document, variables));
    }

    private GraphQlResponse counted(final Supplier<GraphQlResponse> call) {
        requests++;
        final GraphQlResponse response = call.get();
        if (response.cost() != null) {
            costPoints += response.cost().actualQueryCost() != null ? response.cost().actualQueryCost() : response.cost().requestedQueryCost();
        }
        return response;
    }

    public int requests() {
        return requests;
    }

    public double costPoints() {
        return costPoints;
    }
}
