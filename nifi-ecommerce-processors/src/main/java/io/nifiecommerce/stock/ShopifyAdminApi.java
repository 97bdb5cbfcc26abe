package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.Map;
import java.util.Objects;

/**
 * {@link AdminApi} over the shared {@link ShopifyGraphQlClient}, which already paces on the shop's cost budget and
 * retries throttling, 5xx and I/O errors: what reaches here has exhausted those retries.
 */
public final class ShopifyAdminApi implements AdminApi {

    private final ShopifyGraphQlClient client;

    public ShopifyAdminApi(ShopifyGraphQlClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public JsonNode execute(String document, Map<String, Object> variables) {
        final GraphQlResponse response;
        try {
            response = client.execute(document, variables);
        } catch (ApiException e) {
            throw new InventoryApiException(e.isTransient(), e.errorClass() == ErrorClass.AUTHENTICATION, e.code(), e.getMessage(), e);
        }
        final ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", response.data());
        return body;
    }
}
