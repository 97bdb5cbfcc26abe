package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The one call stock publishing needs from the Shopify Admin GraphQL API. The NiFi adapter backs it with the shared
 * Shopify client (cost pacing, retries, authentication); tests back it with a stub built from real captures.
 */
@FunctionalInterface
public interface AdminApi {

    /**
     * Executes a document.
     *
     * @return the whole response body: {@code data}, and {@code errors} / {@code extensions} when present
     * @throws InventoryApiException when the call could not be made or answered; {@link InventoryApiException#isTransient()}
     *                               tells whether trying again later may succeed
     */
    JsonNode execute(String document, Map<String, Object> variables);
}
