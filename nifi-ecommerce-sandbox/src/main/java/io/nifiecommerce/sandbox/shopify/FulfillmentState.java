package io.nifiecommerce.sandbox.shopify;

import java.time.Instant;
import java.util.List;

/** A fulfillment created through fulfillmentCreate: what left which location, and how to track it. */
public final class FulfillmentState {

    /** One tracking entry: the company, the number and its URL (any may be null). */
    public record Tracking(String company, String number, String url) {
    }

    /** A fulfillment event (fulfillmentEventCreate): the carrier's progress as the customer sees it. */
    public record Event(long id, String status, Instant happenedAt, Instant createdAt, Instant estimatedDeliveryAt, String message,
                        String address1, String city, String province, String zip, String country, Double latitude, Double longitude) {
    }

    /** A quantity of one order line shipped by this fulfillment. */
    public record ShippedLine(long id, long lineItemId, int quantity) {
    }

    final long id;
    final long orderId;
    final long locationId;
    final Instant createdAt;
    final List<ShippedLine> lines;
    final String name;
    volatile List<Tracking> tracking;
    volatile boolean notifyCustomer;
    volatile Instant updatedAt;
    /** Oldest first; written under the shop's lock, read lock-free. */
    final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    FulfillmentState(final long id, final long orderId, final long locationId, final Instant createdAt, final List<ShippedLine> lines,
                     final String name, final List<Tracking> tracking, final boolean notifyCustomer) {
        this.id = id;
        this.orderId = orderId;
        this.locationId = locationId;
        this.createdAt = createdAt;
        this.lines = lines;
        this.name = name;
        this.tracking = tracking;
        this.notifyCustomer = notifyCustomer;
        this.updatedAt = createdAt;
    }

    public long id() {
        return id;
    }

    public long orderId() {
        return orderId;
    }

    public long locationId() {
        return locationId;
    }

    public List<ShippedLine> lines() {
        return lines;
    }

    public List<Tracking> tracking() {
        return tracking;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public boolean notifyCustomer() {
        return notifyCustomer;
    }
}
