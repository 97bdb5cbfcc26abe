package io.nifiecommerce.shopify.fulfillment;

import java.util.List;

/**
 * An order as read before fulfilling it: its fulfillment orders and the fulfillments it already has.
 * {@code complete} is false when the order has more fulfillment orders or lines than one read returns.
 */
public record FulfillableOrder(String id, String name, List<FulfillmentOrder> fulfillmentOrders, List<Fulfillment> fulfillments,
                               boolean complete) {

    public FulfillableOrder(final String id, final String name, final List<FulfillmentOrder> fulfillmentOrders,
                            final List<Fulfillment> fulfillments) {
        this(id, name, fulfillmentOrders, fulfillments, true);
    }

    public FulfillableOrder {
        fulfillmentOrders = fulfillmentOrders == null ? List.of() : List.copyOf(fulfillmentOrders);
        fulfillments = fulfillments == null ? List.of() : List.copyOf(fulfillments);
    }
}
