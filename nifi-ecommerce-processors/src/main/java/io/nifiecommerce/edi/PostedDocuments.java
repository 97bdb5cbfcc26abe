package io.nifiecommerce.edi;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The posted shipments and receipts of one order as BC shows them (API v2.0's read-only {@code salesShipments} and
 * {@code purchaseReceipts}, lines expanded): where {@link ThreePlPosting} looks for what an earlier attempt may already
 * have posted.
 */
final class PostedDocuments {

    /** A kind of posted document: its API v2.0 entity set, its lines, and what a person calls it. */
    record Kind(String entitySet, String lines, String caption) {
    }

    static final Kind SHIPMENTS = new Kind("salesShipments", "salesShipmentLines", "shipment");
    static final Kind RECEIPTS = new Kind("purchaseReceipts", "purchaseReceiptLines", "receipt");

    private final BusinessCentralClient client;
    private final String companyId;

    PostedDocuments(final BusinessCentralClient client, final String companyId) {
        this.client = client;
        this.companyId = companyId;
    }

    /** The order's posted documents with their lines; {@code andFilter} narrows the filter (e.g. {@code " and x eq 'y'"}), or is empty. */
    List<JsonNode> ofOrder(final Kind kind, final String orderNumber, final String andFilter) {
        return client.getAll(client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, kind.entitySet()) + "?$filter="
                + ThreePlPosting.filter("orderNumber eq '" + orderNumber.replace("'", "''") + "'" + andFilter) + "&$expand=" + kind.lines()), 0);
    }

    /**
     * The order's posted receipts whose Vendor Shipment No. is {@code reference}: found on bc-extension's {@code
     * postedPurchaseReceipts} (API v2.0's purchaseReceipts does not show the field), then read with their lines from
     * API v2.0 (both pages are keyed by the receipt's SystemId).
     */
    List<JsonNode> markedReceipts(final String orderNumber, final String reference) {
        final BusinessCentralEndpoint extension = client.endpoint().withRoute(ThreePlPosting.EXTENSION_ROUTE);
        final Set<String> ids = new HashSet<>();
        client.getAll(extension.resolve(BusinessCentralEndpoint.companyPath(companyId, "postedPurchaseReceipts") + "?$filter="
                        + ThreePlPosting.filter("orderNumber eq '" + orderNumber.replace("'", "''") + "' and vendorShipmentNumber eq '"
                        + reference.replace("'", "''") + "'")), 0)
                .forEach(receipt -> ids.add(receipt.path("id").asText()));
        if (ids.isEmpty()) {
            return List.of();
        }
        return ofOrder(RECEIPTS, orderNumber, "").stream().filter(receipt -> ids.contains(receipt.path("id").asText())).toList();
    }

    /**
     * What was found already posted: success when its units are the {@code expected} ones; otherwise (the mark stayed
     * on the order and someone posted another document under it, or another posting ran meanwhile) a person decides.
     *
     * @throws ShipmentPostingException {@code POSTED_QUANTITY_MISMATCH}
     */
    ThreePlPosting.Posted found(final Kind kind, final List<JsonNode> documents, final BigDecimal expected, final String how) {
        BigDecimal quantity = BigDecimal.ZERO;
        for (final JsonNode document : documents) {
            for (final JsonNode line : document.path(kind.lines())) {
                quantity = quantity.add(line.path("quantity").decimalValue());
            }
        }
        final String numbers = documents.stream().map(document -> document.path("number").asText()).collect(Collectors.joining(","));
        if (quantity.compareTo(expected) != 0) {
            throw new ShipmentPostingException("POSTED_QUANTITY_MISMATCH", kind.caption() + " " + numbers + " of order "
                    + documents.get(0).path("orderNumber").asText() + " " + how + " but posted " + quantity.toPlainString()
                    + " units, not the " + expected.toPlainString() + " reported");
        }
        return new ThreePlPosting.Posted(quantity, numbers, true);
    }
}
