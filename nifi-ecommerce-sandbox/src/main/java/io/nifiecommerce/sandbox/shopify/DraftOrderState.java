package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Order;

import java.time.Instant;

/**
 * A draft order of the simulated shop: its content kept as an {@link Order} (lines, buyer, tags, shipping line, updatedAt),
 * its draft status (OPEN, INVOICE_SENT, COMPLETED) and, once completed, the order it became. Written under the shop's lock.
 */
public final class DraftOrderState {

    final long id;
    final String name;
    volatile Order content;
    volatile String status = "OPEN";
    volatile Instant completedAt;
    volatile Long orderId;

    DraftOrderState(final long id, final String name, final Order content) {
        this.id = id;
        this.name = name;
        this.content = content;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Order content() {
        return content;
    }

    public String status() {
        return status;
    }

    /** The order the draft was completed into, null while it is a draft. */
    public Long orderId() {
        return orderId;
    }
}
