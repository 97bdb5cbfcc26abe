package io.nifiecommerce.catalog;

import java.util.Map;

/**
 * A Shopify product that already carries some of an item's SKUs.
 *
 * @param variantIds variant GID by SKU, for the SKUs found
 */
public record ExistingProduct(String id, String handle, String status, Map<String, String> variantIds) {

    public ExistingProduct {
        variantIds = Map.copyOf(variantIds);
    }
}
