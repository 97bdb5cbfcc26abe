package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.AdminApi;
import io.nifiecommerce.stock.InventoryApiException;

import java.util.Map;

/**
 * The stock publisher's {@link AdminApi} over the bundle's Shopify client, as PublishStockLevels backs
 * it: the client paces and retries; mutations are safe to retry under their idempotency key.
 */
final class ClientAdminApi implements AdminApi {

    private final ShopifyGraphQlClient client;

    ClientAdminApi(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    @Override
    public JsonNode execute(final String document, final Map<String, Object> variables) {
        final GraphQlResponse response;
        try {
            response = client.execute(document, variables);
        } catch (final ApiException e) {
            throw new InventoryApiException(e.isTransient(), e.code(), e.getMessage(), e);
        }
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", response.data());
        return body;
    }
}
