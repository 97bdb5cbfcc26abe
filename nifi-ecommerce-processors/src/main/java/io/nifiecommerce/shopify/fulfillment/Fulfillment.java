package io.nifiecommerce.shopify.fulfillment;

import java.util.List;

/** A fulfillment already on an order, with its tracking: what a replayed shipment is recognised by. */
public record Fulfillment(String id, String status, List<TrackingInfo> tracking) {

    public Fulfillment {
        tracking = tracking == null ? List.of() : List.copyOf(tracking);
    }

    public boolean cancelled() {
        return "CANCELLED".equalsIgnoreCase(status) || "ERROR".equalsIgnoreCase(status) || "FAILURE".equalsIgnoreCase(status);
    }

    public boolean carries(final String trackingNumber) {
        return tracking.stream().anyMatch(t -> trackingNumber.equalsIgnoreCase(t.number()));
    }

    /** The company of the first tracking number; Shopify applies one company to all numbers of a fulfillment. */
    public String company() {
        return tracking.stream().map(TrackingInfo::company).filter(c -> c != null && !c.isBlank()).findFirst().orElse(null);
    }
}
