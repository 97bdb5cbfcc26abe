package io.nifiecommerce.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.http.ApiException;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Posts in Business Central what the 3PL reports. A {@link ShipmentConfirmation}: reads the order with its lines, computes the
 * {@link ShipmentPosting.Plan}, PATCHes each line's Qty. to Ship, then runs the {@link PostingAction}; a {@link
 * ReceiptAdvice} likewise with the purchase order's Qty. to Receive. Each attempt first looks in BC for the document it
 * would post (the 3PL's id marks it), so an attempt whose answer was lost is not posted twice. Remembering which
 * documents were posted is the caller's too (the processor keeps them in cluster state); one refused by the plan writes
 * nothing.
 */
public final class ThreePlPosting {

    /** The review code of a posting whose outcome BC's answer did not tell and no look-up could (see {@link #postUnmarked}). */
    public static final String OUTCOME_UNKNOWN = "POSTING_OUTCOME_UNKNOWN";

    /** The route of the bc-extension page, relative to the service root. */
    public static final String EXTENSION_ROUTE = "api/nifiEcommerce/edi/v1.0";

    private static final ObjectMapper MAPPER = BusinessCentralClient.MAPPER;

    private final BusinessCentralClient client;
    private final String companyId;
    private final PostingAction action;
    private final PostedDocuments documents;

    public ThreePlPosting(final BusinessCentralClient client, final String companyId, final PostingAction action) {
        this.client = Objects.requireNonNull(client, "client");
        this.companyId = Objects.requireNonNull(companyId, "companyId");
        this.action = Objects.requireNonNull(action, "action");
        this.documents = new PostedDocuments(client, companyId);
    }

    /**
     * What posting a 3PL's document came to: the units it posted or, when BC already holds the shipment (receipt) of this
     * document (an earlier attempt whose answer was lost), the number of that posted document and the units on it.
     */
    public record Posted(BigDecimal quantity, String documentNumber, boolean alreadyPosted) {
    }

    /**
     * Posts the confirmation unless BC already holds its shipment. With {@link PostingAction#SHIP_EXTENSION} the 3PL's
     * shipment id ({@link #shipmentReference}) is written into the order's Your Reference before posting, Sales-Post
     * copies it onto the posted shipment, and every attempt first looks for a posted shipment of the order carrying it:
     * so an attempt that posted but whose answer was lost (a timeout, a dropped connection) is recognised when retried,
     * rather than posted twice or refused as an over-shipment. {@code shipAndInvoice} of API v2.0 has no such mark
     * (salesOrders does not show Your Reference): there, a posting left without an answer is checked at once against the
     * order's shipments read just before it ({@link #postUnmarked}).
     *
     * @throws ShipmentPostingException when the order is not found or the confirmation does not fit it (nothing written),
     *                                  or when whether BC posted it cannot be told ({@code POSTING_OUTCOME_UNKNOWN})
     * @throws io.nifiecommerce.http.ApiException when BC refuses or cannot be reached before posting (transient ones may be
     *                                            retried at once: nothing was posted, or the next attempt finds it)
     */
    public Posted post(final ShipmentConfirmation confirmation, final Map<String, String> itemsByGtin) {
        if (confirmation.orderNumber() == null) {
            throw new ShipmentPostingException("NO_ORDER_NUMBER", "confirmation " + confirmation.shipmentId() + " names no order");
        }
        final String reference = action == PostingAction.SHIP_EXTENSION ? shipmentReference(confirmation) : null;
        final BigDecimal confirmed = confirmation.lines().stream().map(ShipmentConfirmation.Line::quantityShipped)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (reference != null) {
            final List<JsonNode> posted = documents.ofOrder(PostedDocuments.SHIPMENTS, confirmation.orderNumber(),
                    " and customerPurchaseOrderReference eq '" + reference.replace("'", "''") + "'");
            if (!posted.isEmpty()) {
                return documents.found(PostedDocuments.SHIPMENTS, posted, confirmed, "carries " + reference);
            }
        }
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
            return new Posted(plan.totalShipped(), null, false);
        }
        return postUnmarked(PostedDocuments.SHIPMENTS, confirmation.orderNumber(), plan.totalShipped(), endpoint.resolve(
                BusinessCentralEndpoint.companyPath(companyId, "salesOrders(" + plan.orderId() + ")") + "/Microsoft.NAV.shipAndInvoice"));
    }

    /**
     * The mark of a confirmation on BC's order and posted shipment (Your Reference, Text[35]): the 3PL's shipment id, or
     * {@code 3PL-} and a SHA-256 prefix of it when longer; null when the confirmation has no id.
     */
    static String shipmentReference(final ShipmentConfirmation confirmation) {
        return mark(confirmation.shipmentId());
    }

    /**
     * The mark of a receipt on BC's purchase order and posted receipt (Vendor Shipment No., Code[35]: BC keeps it in
     * capitals): the 3PL's receipt number in capitals, or {@code 3PL-} and a SHA-256 prefix of it when longer; null when
     * the receipt has no number.
     */
    static String receiptReference(final ReceiptAdvice receipt) {
        final String mark = mark(receipt.receiptId() == null ? null : receipt.receiptId().trim());
        return mark == null ? null : mark.toUpperCase(Locale.ROOT);
    }

    private static String mark(final String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.length() <= 35 ? id : "3PL-" + ControlNumber.sha256Hex(id).substring(0, 31);
    }

    /**
     * Posts a {@link ReceiptAdvice} unless BC already holds its receipt: reads the purchase order with its lines, PATCHes
     * each open line's Qty. to Receive with the available quantity ({@link ReceiptPosting}), then receives. With {@link
     * PostingAction#SHIP_EXTENSION}, as for shipments, the 3PL's receipt number ({@link #receiptReference}) goes into the
     * order's Vendor Shipment No. (bc-extension's {@code receivablePurchaseOrders}) before {@code Microsoft.NAV.receive};
     * Purch.-Post copies it onto the posted receipt, which bc-extension's {@code postedPurchaseReceipts} shows, and every
     * attempt looks there first. With {@link PostingAction#SHIP_AND_INVOICE}, {@code purchaseOrders(..)/Microsoft.NAV
     * .receiveAndInvoice}, whose lost answer is checked as {@code shipAndInvoice}'s is.
     *
     * @throws ShipmentPostingException as {@link #post(ShipmentConfirmation, Map)}
     */
    public Posted post(final ReceiptAdvice receipt) {
        if (receipt.purchaseOrderNumber() == null) {
            throw new ShipmentPostingException("NO_ORDER_NUMBER", "receipt " + receipt.receiptId() + " names no purchase order");
        }
        final String reference = action == PostingAction.SHIP_EXTENSION ? receiptReference(receipt) : null;
        final BigDecimal available = receipt.lines().stream().map(ReceiptAdvice.Line::available).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (reference != null) {
            final List<JsonNode> posted = documents.markedReceipts(receipt.purchaseOrderNumber(), reference);
            if (!posted.isEmpty()) {
                return documents.found(PostedDocuments.RECEIPTS, posted, available, "carries " + reference);
            }
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
        final BigDecimal received = updates.stream().map(ReceiptPosting.LineUpdate::receiveQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        final String id = String.valueOf(order.get("id"));
        if (action == PostingAction.SHIP_EXTENSION) {
            final BusinessCentralEndpoint extension = endpoint.withRoute(EXTENSION_ROUTE);
            final String entity = BusinessCentralEndpoint.companyPath(companyId, "receivablePurchaseOrders(" + id + ")");
            if (reference != null) {
                client.patch(extension.resolve(entity), "*", receiptMarks(reference));
            }
            client.post(extension.resolve(entity + "/Microsoft.NAV.receive"), MAPPER.createObjectNode());
            return new Posted(received, null, false);
        }
        return postUnmarked(PostedDocuments.RECEIPTS, receipt.purchaseOrderNumber(), received, endpoint.resolve(
                BusinessCentralEndpoint.companyPath(companyId, "purchaseOrders(" + id + ")") + "/Microsoft.NAV.receiveAndInvoice"));
    }

    /**
     * Runs a posting action API v2.0 gives no way to mark ({@code shipAndInvoice}, {@code receiveAndInvoice}: salesOrders
     * and purchaseOrders expose no field that BC copies onto the posted document and that the posted pages show, bar
     * business fields such as the External Document No., which carries the shop's order name). So the order's posted
     * documents are read just before; when the action fails without a clear answer (a timeout, a dropped connection, a
     * 5xx), they are read again: one that appeared since is this posting (its quantity is checked); none, and whether BC
     * posted cannot be told (it may have refused, or may still be posting), so a person checks: {@code
     * POSTING_OUTCOME_UNKNOWN}, never a blind retry that would post and invoice twice. Throttling (429) is answered before
     * BC runs anything: left to the caller's retry.
     */
    private Posted postUnmarked(final PostedDocuments.Kind kind, final String orderNumber, final BigDecimal planned, final URI postingAction) {
        final Set<String> before = new HashSet<>();
        documents.ofOrder(kind, orderNumber, "").forEach(document -> before.add(document.path("number").asText()));
        try {
            client.post(postingAction, MAPPER.createObjectNode());
            return new Posted(planned, null, false);
        } catch (final ApiException e) {
            if (!e.isTransient() || e.status() == 429) {
                throw e;
            }
            final List<JsonNode> appeared;
            try {
                appeared = documents.ofOrder(kind, orderNumber, "").stream()
                        .filter(document -> !before.contains(document.path("number").asText())).toList();
            } catch (final ApiException check) {
                throw outcomeUnknown(kind, orderNumber, e, "BC could not be read afterwards either (" + check.getMessage() + ")");
            }
            if (appeared.isEmpty()) {
                throw outcomeUnknown(kind, orderNumber, e, "BC shows no new " + kind.caption() + " of it yet");
            }
            return documents.found(kind, appeared, planned, "appeared while the posting went unanswered");
        }
    }

    private static ShipmentPostingException outcomeUnknown(final PostedDocuments.Kind kind, final String orderNumber, final ApiException cause,
                                                           final String seen) {
        return new ShipmentPostingException(OUTCOME_UNKNOWN, "the posting of order " + orderNumber + " got no clear answer ("
                + cause.getMessage() + ") and " + seen + ": it may not have posted, or may still be posting. Check the posted "
                + kind.caption() + "s of order " + orderNumber + " in BC before sending this again (this posting action leaves no mark to look for).");
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

    /** An OData filter expression, encoded for the query string. */
    static String filter(final String expression) {
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

    /** The PATCH on bc-extension's receivablePurchaseOrders before the receive action: the 3PL's receipt number as Vendor Shipment No. */
    public static ObjectNode receiptMarks(final String reference) {
        return MAPPER.createObjectNode().put("vendorShipmentNumber", reference);
    }

    private static String cut(final String value, final int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
