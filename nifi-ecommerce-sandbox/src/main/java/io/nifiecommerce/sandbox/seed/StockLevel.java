package io.nifiecommerce.sandbox.seed;

/** The starting quantities of one inventory item at one location. */
public record StockLevel(long inventoryItemId, long locationId, int available, int committed) {

    public int onHand() {
        return available + committed;
    }
}
