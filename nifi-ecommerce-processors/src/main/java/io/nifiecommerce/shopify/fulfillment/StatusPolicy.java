package io.nifiecommerce.shopify.fulfillment;

import java.util.Locale;
import java.util.Set;

/**
 * Which carrier statuses call for a fulfillment. A shipment without a status (an ERP shipment) is
 * always admitted; a CANCELLED one never is.
 */
public enum StatusPolicy {
    /** Any carrier event, the first scan or label registration included: the order is marked fulfilled as soon as the carrier knows the parcel. */
    FIRST_EVENT,
    /** Only once the parcel has left: picked up, in transit, out for delivery, at a pickup point, delivered, or a later problem. */
    SHIPPED,
    /** Only final statuses: delivered, or the carrier marked the status final. */
    FINAL;

    // canonical statuses of the tracking records, and Shopify's FulfillmentEventStatus names for feeds that use them
    private static final Set<String> SHIPPED_STATUSES = Set.of("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP",
            "DELIVERED", "ATTEMPT_FAILED", "DELAYED", "EXCEPTION", "RETURNED_TO_SENDER",
            "CARRIER_PICKED_UP", "READY_FOR_PICKUP", "ATTEMPTED_DELIVERY", "FAILURE");

    public boolean admits(final String status, final Boolean statusFinal) {
        if (status == null || status.isBlank()) {
            return this != FINAL || statusFinal == null || statusFinal;
        }
        final String normalized = status.strip().toUpperCase(Locale.ROOT);
        if (normalized.equals("CANCELLED") || normalized.equals("CANCELED")) {
            return false;
        }
        return switch (this) {
            case FIRST_EVENT -> true;
            case SHIPPED -> SHIPPED_STATUSES.contains(normalized);
            case FINAL -> Boolean.TRUE.equals(statusFinal) || normalized.equals("DELIVERED");
        };
    }
}
