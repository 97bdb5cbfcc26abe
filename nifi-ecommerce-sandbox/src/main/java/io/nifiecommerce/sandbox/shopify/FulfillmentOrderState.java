package io.nifiecommerce.sandbox.shopify;

import java.time.Instant;
import java.util.List;

/** A fulfillment order of the shop: the lines of one order assigned to one location, with what remains to ship. */
final class FulfillmentOrderState {

    final long id;
    final long orderId;
    final long locationId;
    final Instant createdAt;
    final List<Line> lines;
    volatile String status;
    volatile Instant updatedAt;

    FulfillmentOrderState(final long id, final long orderId, final long locationId, final Instant createdAt, final List<Line> lines,
                          final String status) {
        this.id = id;
        this.orderId = orderId;
        this.locationId = locationId;
        this.createdAt = createdAt;
        this.lines = lines;
        this.status = status;
        this.updatedAt = createdAt;
    }

    /** A line of the fulfillment order; {@code remaining} drops as fulfillments are created. */
    static final class Line {
        final long id;
        final long lineItemId;
        final int total;
        volatile int remaining;

        Line(final long id, final long lineItemId, final int total, final int remaining) {
            this.id = id;
            this.lineItemId = lineItemId;
            this.total = total;
            this.remaining = remaining;
        }
    }

    int remainingTotal() {
        return lines.stream().mapToInt(line -> line.remaining).sum();
    }
}
