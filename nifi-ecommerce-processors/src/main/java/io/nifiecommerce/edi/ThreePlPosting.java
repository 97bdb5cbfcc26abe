package io.nifiecommerce.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Posts in Business Central what the 3PL reports. A {@link ShipmentConfirmation}: reads the order with its lines, computes the
 * {@link ShipmentPosting.Plan}, PATCHes each line's Qty. to Ship, then runs the {@link PostingAction}. Remembering which
 * confirmations were posted is the caller's (the processor keeps them in cluster state); a confirmation refused by
 * the plan writes nothing.
 */
public final class ThreePlPosting {

    /** The route of the bc-extension page, relative to the service root. */
    public static final String EXTENSION_ROUTE = "api/nifiEcommerce/edi/v1.0";

    private static final ObjectMapper MAPPER = BusinessCentralClient.MAPPER;

    private final BusinessCentralClient client;
    private final String companyId;
    private final PostingAction action;

    public ThreePlPosting(final BusinessCentralClient client, final String companyId, final PostingAction action) {
        this.client = Objects.requireNonNull(client, "client");
        this.companyId = Objects.requireNonNull(companyId, "companyId");
        this.action = Objects.requireNonNull(action, "action");
    }

    /**
     * What a confirmation's posting came to: the units it posted, or, when BC already holds the shipment of this
     * confirmation (an earlier attempt whose answer was lost), that shipment's number and the units on it.
     */
    public record ShipmentPosted(BigDecimal quantity, String shipmentNumber, boolean alreadyPosted) {
    }

    /**
     * Posts the confirmation unless BC already holds its shipment. With {@link PostingAction#SHIP_EXTENSION} the 3PL's
     * shipment id ({@link #shipmentReference}) is written into the order's Your Reference before posting, Sales-Post
     * copies it onto the posted shipment, and every attempt first looks for a posted shipment of the order carrying it:
     * so an attempt that posted but whose answer was lost (a timeout, a dropped connection) is recognised when retried,
     * rather than posted twice or refused as an over-shipment. {@code shipAndInvoice} of API v2.0 has no such mark
     * (salesOrders does not show Your Reference): there, only the caller's memory keeps a confirmation once.
     *
     * @throws ShipmentPostingException when the order is not found or the confirmation does not fit it (nothing written)
     * @throws io.nifiecommerce.http.ApiException when BC refuses or cannot be reached (transient ones may be retried)
     */
    public ShipmentPosted post(final ShipmentConfirmation confirmation, final Map<String, String> itemsByGtin) {
        if (confirmation.orderNumber() == null) {
            throw new ShipmentPostingException("NO_ORDER_NUMBER", "confirmation " + confirmation.shipmentId() + " names no order");
        }
        final String reference = action == PostingAction.SHIP_EXTENSION ? shipmentReference(confirmation) : null;
        if (reference != null) {
            final JsonNode posted = postedShipment(confirmation.orderNumber(), reference);
            if (posted != null) {
                final BigDecimal quantity = postedQuantity(posted);
                final BigDecimal confirmed = confirmation.lines().stream().map(ShipmentConfirmation.Line::quantityShipped)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                if (quantity.compareTo(confirmed) != 0) {
                    // the mark stayed on the order and someone posted another shipment under it: a person decides
                    throw new ShipmentPostingException("POSTED_QUANTITY_MISMATCH", "shipment " + posted.path("number").asText() + " of order "
                            + confirmation.orderNumber() + " carries " + reference + " but posted " + quantity.toPlainString()
                            + " units, not the " + confirmed.toPlainString() + " confirmed");
                }
                return new ShipmentPosted(quantity, posted.path("number").asText(), true);
            }
        }
        final ShipmentPosting.Plan plan = postPlan(confirmation, itemsByGtin, reference);
        return new ShipmentPosted(plan.totalShipped(), null, false);
    }

    /** Whether {@link #post} finds a confirmation's shipment already posted (the bc-extension action marks it). */
    public boolean recognisesPostedShipments() {
        return action == PostingAction.SHIP_EXTENSION;
    }

    /**
     * The mark of a confirmation on BC's order and posted shipment (Your Reference, Text[35]): the 3PL's shipment id, or
     * {@code 3PL-} and a SHA-256 prefix of it when longer; null when the confirmation has no id.
     */
    static String shipmentReference(final ShipmentConfirmation confirmation) {
        final String id = confirmation.shipmentId();
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.length() <= 35 ? id : "3PL-" + ControlNumber.sha256Hex(id).substring(0, 31);
    }

    private JsonNode postedShipment(final String orderNumber, final String reference) {
        final BusinessCentralEndpoint endpoint = client.endpoint();
        final URI query = endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "salesShipments") + "?$filter="
                + filter("orderNumber eq '" + orderNumber.replace("'", "''") + "' and customerPurchaseOrderReference eq '"
                + reference.replace("'", "''") + "'") + "&$expand=salesShipmentLines");
        final List<JsonNode> found = client.getAll(query, 0);
        return found.isEmpty() ? null : found.get(0);
    }

    private static BigDecimal postedQuantity(final JsonNode shipment) {
        BigDecimal total = BigDecimal.ZERO;
        for (final JsonNode line : shipment.path("salesShipmentLines")) {
            total = total.add(line.path("quantity").decimalValue());
        }
        return total;
    }

    private ShipmentPosting.Plan postPlan(final ShipmentConfirmation confirmation, final Map<String, String> itemsByGtin, final String reference) {
        final BusinessCentralEndpoint endpoint = client.endpoint();
        final String filter = filter("number eq '" + confirmation.orderNumber().replace("'", "''") + "'");
        final URI query = endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "salesOrders") + "?$filter=" + filter
                + "&$expand=salesOrderLines");
        final List<JsonNode> found = client.getAll(query, 0);
        if (found.isEmpty()) {
            throw new ShipmentPostingException("ORDER_NOT_FOUND", "sales order " + confirmation.orderNumber()
                    + " is not open in BC (unknown, or already shipped and invoiced)");
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> order = MAPPER.convertValue(found.get(0), Map.class);
        final ShipmentPosting.Plan plan = ShipmentPosting.plan(confirmation, order, itemsByGtin);
        for (final ShipmentPosting.LineUpdate update : plan.updates()) {
            client.patch(endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "salesOrderLines(" + update.lineId() + ")")),
                    update.etag(), json(update.body()));
        }
        if (action == PostingAction.SHIP_EXTENSION) {
            final BusinessCentralEndpoint extension = endpoint.withRoute(EXTENSION_ROUTE);
            final String entity = BusinessCentralEndpoint.companyPath(companyId, "shippableSalesOrders(" + plan.orderId() + ")");
            final ObjectNode header = shipmentMarks(confirmation.trackingNumbers().isEmpty() ? null : confirmation.trackingNumbers().get(0),
                    reference);
            if (header.size() > 0) {
                client.patch(extension.resolve(entity), "*", header);
            }
            client.post(extension.resolve(entity + "/Microsoft.NAV.ship"), MAPPER.createObjectNode());
        } else {
            client.post(endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "salesOrders(" + plan.orderId() + ")")
                    + "/Microsoft.NAV.shipAndInvoice"), MAPPER.createObjectNode());
        }
        return plan;
    }

    /**
     * Posts a {@link ReceiptAdvice}: reads the purchase order with its lines, PATCHes each open line's Qty. to Receive
     * with the available quantity ({@link ReceiptPosting}), then receives (bc-extension's {@code receivablePurchaseOrders
     * /Microsoft.NAV.receive}) or, with {@link PostingAction#SHIP_AND_INVOICE}, {@code purchaseOrders(..)/Microsoft.NAV.receiveAndInvoice}.
     *
     * @return the line updates posted
     */
    public List<ReceiptPosting.LineUpdate> post(final ReceiptAdvice receipt) {
        if (receipt.purchaseOrderNumber() == null) {
            throw new ShipmentPostingException("NO_ORDER_NUMBER", "receipt " + receipt.receiptId() + " names no purchase order");
        }
        final BusinessCentralEndpoint endpoint = client.endpoint();
        final List<JsonNode> found = client.getAll(endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "purchaseOrders")
                + "?$filter=" + filter("number eq '" + receipt.purchaseOrderNumber().replace("'", "''") + "'") + "&$expand=purchaseOrderLines"), 0);
        if (found.isEmpty()) {
            throw new ShipmentPostingException("ORDER_NOT_FOUND", "purchase order " + receipt.purchaseOrderNumber() + " is not open in BC");
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> order = MAPPER.convertValue(found.get(0), Map.class);
        final List<ReceiptPosting.LineUpdate> updates = ReceiptPosting.plan(receipt, order);
        for (final ReceiptPosting.LineUpdate update : updates) {
            client.patch(endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "purchaseOrderLines(" + update.lineId() + ")")),
                    update.etag(), json(update.body()));
        }
        final String id = String.valueOf(order.get("id"));
        if (action == PostingAction.SHIP_EXTENSION) {
            client.post(endpoint.withRoute(EXTENSION_ROUTE).resolve(BusinessCentralEndpoint.companyPath(companyId,
                    "receivablePurchaseOrders(" + id + ")") + "/Microsoft.NAV.receive"), MAPPER.createObjectNode());
        } else {
            client.post(endpoint.resolve(BusinessCentralEndpoint.companyPath(companyId, "purchaseOrders(" + id + ")")
                    + "/Microsoft.NAV.receiveAndInvoice"), MAPPER.createObjectNode());
        }
        return updates;
    }

    /**
     * The PATCH body. Decimals are written plainly ({@code 40}, {@code 1.5}): Jackson's node factory would strip
     * trailing zeros into {@code 4E+1}, a number BC is not documented to accept.
     */
    static ObjectNode json(final Map<String, Object> body) {
        final ObjectNode node = MAPPER.createObjectNode();
        body.forEach((field, value) -> {
            if (value instanceof BigDecimal decimal) {
                final BigDecimal stripped = decimal.stripTrailingZeros();
                node.set(field, DecimalNode.valueOf(stripped.setScale(Math.max(0, stripped.scale()))));
            } else {
                node.set(field, MAPPER.valueToTree(value));
            }
        });
        return node;
    }

    private static String filter(final String expression) {
        return URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The PATCH on bc-extension's shippableSalesOrders before the ship action: the parcel's tracking number and the 3PL's
     * shipment id (Your Reference, copied by BC onto the posted shipment, where a retry finds it). Either may be null.
     */
    public static ObjectNode shipmentMarks(final String trackingNumber, final String reference) {
        final ObjectNode header = MAPPER.createObjectNode();
        if (trackingNumber != null) {
            header.put("packageTrackingNumber", cut(trackingNumber, 30));
        }
        if (reference != null) {
            header.put("yourReference", reference);
        }
        return header;
    }

    private static String cut(final String value, final int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
