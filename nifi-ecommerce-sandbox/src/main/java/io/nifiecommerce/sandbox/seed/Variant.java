package io.nifiecommerce.sandbox.seed;

import java.math.BigDecimal;

/** A sellable variant of a product; its inventory item carries the same numeric id space as Shopify's. */
public record Variant(long id, long productId, long inventoryItemId, String sku, String barcode, String title,
                      BigDecimal price, int weightGrams) {
}
