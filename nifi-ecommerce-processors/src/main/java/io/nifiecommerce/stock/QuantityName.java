package io.nifiecommerce.stock;

/** The Shopify inventory quantity a stock level is written to (the only two inventorySetQuantities accepts). */
public enum QuantityName {
    /** Sellable units: Shopify sells down to it directly. */
    AVAILABLE("available"),
    /** Physical units: Shopify derives available as on_hand minus committed and reserved. */
    ON_HAND("on_hand");

    private final String apiName;

    QuantityName(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static QuantityName fromApiName(String name) {
        for (QuantityName value : values()) {
            if (value.apiName.equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown quantity name '" + name + "': expected available or on_hand");
    }
}
