package io.nifiecommerce.tracking;

/**
 * Canonical shipment statuses every feed converges on, with whether the shipment's story ends there and the
 * Shopify {@code FulfillmentEventStatus} to post for it (null: nothing worth posting).
 */
public enum TrackingStatus {
    PENDING(false, "CONFIRMED"),
    PICKED_UP(false, "CARRIER_PICKED_UP"),
    IN_TRANSIT(false, "IN_TRANSIT"),
    OUT_FOR_DELIVERY(false, "OUT_FOR_DELIVERY"),
    AVAILABLE_FOR_PICKUP(false, "READY_FOR_PICKUP"),
    DELIVERED(true, "DELIVERED"),
    ATTEMPT_FAILED(false, "ATTEMPTED_DELIVERY"),
    DELAYED(false, "DELAYED"),
    EXCEPTION(false, "FAILURE"),
    RETURNED_TO_SENDER(true, "FAILURE"),
    CANCELLED(true, "FAILURE"),
    UNKNOWN(false, null);

    private final boolean terminal;
    private final String shopifyEventStatus;

    TrackingStatus(final boolean terminal, final String shopifyEventStatus) {
        this.terminal = terminal;
        this.shopifyEventStatus = shopifyEventStatus;
    }

    /** True when no further event is expected for the shipment. */
    public boolean isFinal() {
        return terminal;
    }

    /** Shopify Admin API {@code FulfillmentEventStatus} value, or null when the status has no counterpart. */
    public String shopifyEventStatus() {
        return shopifyEventStatus;
    }
}
