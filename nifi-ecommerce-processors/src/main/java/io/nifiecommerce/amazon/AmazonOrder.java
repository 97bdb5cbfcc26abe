package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * An order as getOrders returns it, with its items from getOrderItems (none for an order that needs none: cancelled
 * or not to be sent on). The JSON is kept whole for the failure relationship.
 */
public record AmazonOrder(JsonNode json, List<JsonNode> items) {

    /** Payment authorised, the seller ships (or has shipped): the sale goes to the ERP. */
    public static final Set<String> TO_FULFIL = Set.of("Unshipped", "PartiallyShipped", "Shipped", "InvoiceUnconfirmed");
    /** Payment not authorised yet (PendingAvailability: a pre-order, Japan): nothing is sent on. */
    public static final Set<String> PENDING = Set.of("Pending", "PendingAvailability");
    public static final String CANCELED = "Canceled";
    /** FBA orders Amazon cannot fulfil: no sale. */
    public static final String UNFULFILLABLE = "Unfulfillable";

    public AmazonOrder {
        items = List.copyOf(items);
    }

    public String orderId() {
        return json.path("AmazonOrderId").asText();
    }

    public String status() {
        return json.path("OrderStatus").asText();
    }

    public String lastUpdateDate() {
        return json.path("LastUpdateDate").asText();
    }

    /** AmazonOrderId + LastUpdateDate: a new LastUpdateDate is a new version. */
    public String versionKey() {
        return orderId() + "@" + lastUpdateDate();
    }

    /** The order with its items under {@code OrderItems}, for a failure FlowFile. */
    public JsonNode withItems() {
        if (!(json instanceof ObjectNode object)) {
            return json;
        }
        final ObjectNode copy = object.deepCopy();
        copy.putArray("OrderItems").addAll(items);
        return copy;
    }
}
