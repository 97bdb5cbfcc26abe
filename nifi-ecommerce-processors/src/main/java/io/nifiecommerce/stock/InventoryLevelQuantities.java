package io.nifiecommerce.stock;

/** The quantities Shopify holds for one item at one location; null where Shopify did not report one. */
public record InventoryLevelQuantities(Long available, Long onHand, Long committed) {

    public Long get(QuantityName name) {
        return name == QuantityName.AVAILABLE ? available : onHand;
    }
}
