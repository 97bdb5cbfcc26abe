package io.nifiecommerce.stock;

import java.util.Objects;

/**
 * One quantity to set in Shopify.
 *
 * @param inventoryItemId    the InventoryItem GID
 * @param locationId         the Location GID
 * @param quantity           the new quantity
 * @param changeFromQuantity the quantity Shopify must currently hold for the change to apply (compare-and-set),
 *                           or null to set unconditionally
 */
public record InventoryChange(String inventoryItemId, String locationId, long quantity, Long changeFromQuantity) {

    public InventoryChange {
        Objects.requireNonNull(inventoryItemId, "inventoryItemId");
        Objects.requireNonNull(locationId, "locationId");
    }

    public InventoryChange(String inventoryItemId, String locationId, long quantity) {
        this(inventoryItemId, locationId, quantity, null);
    }
}
