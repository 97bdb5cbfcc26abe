package io.nifiecommerce.shopify.fulfillment;

import java.util.List;

/** An order as read before fulfilling it: its fulfillment orders and the fulfillments it already has. */
public record FulfillableOrder(String id, String name, List<FulfillmentOrder> fulfillmentOrders, List<Fulfillment> fulfillments) {

    public FulfillableOrder {
        fulfillmentOrders = fulfillmentOrders == null ? List.of() : List.copyOf(fulfillmentOrders);
        fulfillments = fulfillments == null ? List.of() : List.copyOf(fulfillments);
    }
}
