package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sales-Post and Purch.-Post as far as API clients see them: what the lines' Qty. to Ship (Qty. to Receive) say is
 * posted, partially or not, with or without invoicing.
 *
 * <ul>
 *   <li>Nothing to post (every quantity 0) is BC's dialog error "There is nothing to post.", nothing written.</li>
 *   <li>A posted shipment (receipt) holds the lines with a quantity posted; the item ledger gets a Sale (Purchase)
 *       entry per item line; the order's lines get their Quantity Shipped (Received) and, when invoicing, Quantity
 *       Invoiced raised, and their Qty. to Ship (Receive) and Qty. to Invoice reset to what is left.</li>
 *   <li>Posting releases the order (status {@code Open} in API v2.0); the order is deleted once every line is shipped
 *       (received) and invoiced, as BC does, and otherwise stays with {@code fullyShipped} ({@code fullyReceived}).</li>
 *   <li>A sales invoice is written when invoicing sales; purchase invoices are not materialised (the simulator serves no
 *       {@code purchaseInvoices}).</li>
 * </ul>
 * Runs under the store lock, inside the caller's transaction.
 */
final class BcDocumentPosting {

    static final String NOTHING_TO_POST = "There is nothing to post.";

    private final BcCompany company;
    private final BcStore store;
    private final ItemLedger ledger;

    BcDocumentPosting(final BcCompany company, final BcStore store, final ItemLedger ledger) {
        this.company = company;
        this.store = store;
        this.ledger = ledger;
    }

    /** Posts the sales order's Qty. to Ship; with {@code invoice}, invoices it too. Returns the invoice, or the shipment. */
    JsonNode ship(final BcRow order, final boolean invoice) {
        final JsonNode o = order.data();
        final List<BcRow> orderLines = company.linesOf(BcCompany.SALES_ORDER_LINES, order.id());
        final List<BcRow> posted = toPost(orderLines, "shipQuantity");
        final Instant now = store.now();
        final String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();

        final BcTable shipments = company.tableFor(BcCompany.SALES_SHIPMENTS);
        final ObjectNode shipment = BcCompany.copyCommon(o, EntityBody.blank(shipments.type()));
        final String shipmentId = store.newId();
        final String shipmentNumber = company.nextNumber(BcCompany.SALES_SHIPMENTS, "S-SHPT", 102001, 1, "%s%d");
        shipment.put("id", shipmentId).put("number", shipmentNumber);
        shipment.put("invoiceDate", today).put("postingDate", today).put("dueDate", today);
        shipment.put("orderNumber", o.path("number").asText());
        shipment.put("lastModifiedDateTime", EntityBody.timestamp(now));
        company.recordShipmentTracking(order.id(), shipmentNumber, shipment);
        shipments.insert(shipmentId, shipment);

        final BcTable invoices = company.tableFor(BcCompany.SALES_INVOICES);
        final String invoiceId = invoice ? store.newId() : null;
        final ObjectNode invoiceData = invoice ? BcCompany.copyCommon(o, EntityBody.blank(invoices.type())) : null;

        final BcTable shipmentLines = company.tableFor(BcCompany.SALES_SHIPMENT_LINES);
        final BcTable invoiceLines = company.tableFor(BcCompany.SALES_INVOICE_LINES);
        final BcTable lines = company.tableFor(BcCompany.SALES_ORDER_LINES);
        final String customerNumber = o.path("customerNumber").asText();
        BigDecimal excluding = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (final BcRow line : posted) {
            final JsonNode l = line.data();
            final BigDecimal quantity = l.path("shipQuantity").decimalValue();
            final ObjectNode shipped = EntityBody.blank(shipmentLines.type());
            final String shippedId = store.newId();
            shipped.put("id", shippedId).put("documentId", shipmentId).put("documentNo", shipmentNumber);
            for (final String field : List.of("sequence", "lineType", "lineObjectNumber", "description", "description2",
                    "unitOfMeasureCode", "unitPrice", "discountPercent", "taxPercent")) {
                shipped.set(field, l.get(field));
            }
            shipped.put("quantity", quantity);
            shipped.put("shipmentDate", today);
            shipmentLines.insert(shippedId, shipped);

            // the part of the line posted, its amounts computed as BC does for the quantity invoiced
            final ObjectNode part = l.deepCopy();
            part.put("quantity", quantity).put("shippedQuantity", BigDecimal.ZERO).put("invoicedQuantity", BigDecimal.ZERO);
            if (quantity.compareTo(l.path("quantity").decimalValue()) != 0) {
                part.put("discountAmount", BigDecimal.ZERO);
            }
            BcCompany.computeLineAmounts(part, o);
            if (invoice) {
                final ObjectNode invoiced = BcCompany.copyCommon(part, EntityBody.blank(invoiceLines.type()));
                final String invoicedId = store.newId();
                invoiced.put("id", invoicedId).put("documentId", invoiceId);
                invoiceLines.insert(invoicedId, invoiced);
                excluding = excluding.add(part.path("amountExcludingTax").decimalValue());
                tax = tax.add(part.path("totalTaxAmount").decimalValue());
            }
            if (l.path("lineType").asText().equals("Item")) {
                final BcRow item = company.tableFor(BcCompany.ITEMS).get(l.path("itemId").asText());
                if (item != null) {
                    // The shipment posts a Sale entry in the item ledger; the item record itself is not modified.
                    ledger.post(item, ItemLedger.SALE, quantity.negate(), ledger.locationCode(l.path("locationId").asText()),
                            "Sales Shipment", shipmentNumber, "Customer", customerNumber, part.path("amountExcludingTax").decimalValue());
                }
            }
            final ObjectNode after = l.deepCopy();
            after.put("shippedQuantity", l.path("shippedQuantity").decimalValue().add(quantity));
            if (invoice) {
                after.put("invoicedQuantity", l.path("invoicedQuantity").decimalValue().add(quantity));
            }
            BcCompany.computeLineAmounts(after, o);
            lines.replace(line, after);
        }
        // Qty. to Ship of the lines not shipped this time back to what is outstanding, as after any posting
        resetUnposted(lines, orderLines, posted, line -> BcCompany.computeLineAmounts(line, o));
        if (invoice) {
            final boolean whole = orderLines.stream().filter(l -> !l.data().path("lineType").asText().equals("Comment")).allMatch(l ->
                    l.data().path("shippedQuantity").decimalValue().signum() == 0
                            && l.data().path("shipQuantity").decimalValue().compareTo(l.data().path("quantity").decimalValue()) == 0);
            if (whole) {
                // the whole order at once: the invoice carries the order's totals, its invoice discount included
                for (final String amount : List.of("discountAmount", "totalAmountExcludingTax", "totalTaxAmount", "totalAmountIncludingTax")) {
                    invoiceData.put(amount, o.path(amount).decimalValue());
                }
            } else {
                invoiceData.put("discountAmount", BigDecimal.ZERO);
                invoiceData.put("totalAmountExcludingTax", money(excluding)).put("totalTaxAmount", money(tax))
                        .put("totalAmountIncludingTax", money(excluding.add(tax)));
            }
            invoiceData.put("id", invoiceId).put("number", company.nextNumber(BcCompany.SALES_INVOICES, "S-INV", 103001, 1, "%s%d"));
            invoiceData.put("invoiceDate", today).put("postingDate", today).put("dueDate", today);
            invoiceData.put("orderId", order.id()).put("orderNumber", o.path("number").asText());
            invoiceData.put("pricesIncludeTax", o.path("pricesIncludeTax").asBoolean());
            invoiceData.put("status", "Open");
            invoiceData.put("lastModifiedDateTime", EntityBody.timestamp(now));
            invoices.insert(invoiceId, invoiceData);
        }
        closeOrKeep(BcCompany.SALES_ORDERS, BcCompany.SALES_ORDER_LINES, order, "shippedQuantity", "fullyShipped", now);
        return invoice ? company.withLines(BcCompany.SALES_INVOICES, invoices.get(invoiceId))
                : company.withLines(BcCompany.SALES_SHIPMENTS, shipments.get(shipmentId));
    }

    /** Posts the purchase order's Qty. to Receive; with {@code invoice}, invoices it too. Returns the purchase receipt. */
    JsonNode receive(final BcRow order, final boolean invoice) {
        final JsonNode o = order.data();
        final List<BcRow> posted = toPost(company.linesOf(BcCompany.PURCHASE_ORDER_LINES, order.id()), "receiveQuantity");
        final Instant now = store.now();
        final String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        final BcTable receipts = company.tableFor(BcCompany.PURCHASE_RECEIPTS);
        final ObjectNode receipt = BcCompany.copyCommon(o, EntityBody.blank(receipts.type()));
        final String receiptId = store.newId();
        final String receiptNumber = company.nextNumber(BcCompany.PURCHASE_RECEIPTS, "", 107001, 1, "%s%d");
        receipt.put("id", receiptId).put("number", receiptNumber).put("orderNumber", o.path("number").asText());
        receipt.put("invoiceDate", today).put("postingDate", today).put("dueDate", today);
        receipt.put("lastModifiedDateTime", EntityBody.timestamp(now));
        company.recordReceiptMark(order.id(), receiptId);
        receipts.insert(receiptId, receipt);

        final BcTable receiptLines = company.tableFor(BcCompany.PURCHASE_RECEIPT_LINES);
        final BcTable lines = company.tableFor(BcCompany.PURCHASE_ORDER_LINES);
        for (final BcRow line : posted) {
            final JsonNode l = line.data();
            final BigDecimal quantity = l.path("receiveQuantity").decimalValue();
            final ObjectNode received = BcCompany.copyCommon(l, EntityBody.blank(receiptLines.type()));
            final String receivedId = store.newId();
            received.put("id", receivedId).put("documentId", receiptId).put("quantity", quantity)
                    .put("unitCost", l.path("directUnitCost").decimalValue());
            receiptLines.insert(receivedId, received);
            if (l.path("lineType").asText().equals("Item")) {
                final BcRow item = company.tableFor(BcCompany.ITEMS).get(l.path("itemId").asText());
                if (item != null) {
                    ledger.post(item, ItemLedger.PURCHASE, quantity, ledger.locationCode(l.path("locationId").asText()), "Purchase Receipt",
                            receiptNumber, "Vendor", o.path("vendorNumber").asText(), BigDecimal.ZERO);
                }
            }
            final ObjectNode after = l.deepCopy();
            after.put("receivedQuantity", l.path("receivedQuantity").decimalValue().add(quantity));
            if (invoice) {
                after.put("invoicedQuantity", l.path("invoicedQuantity").decimalValue().add(quantity));
            }
            computePurchaseLine(after);
            lines.replace(line, after);
        }
        resetUnposted(lines, company.linesOf(BcCompany.PURCHASE_ORDER_LINES, order.id()), posted, BcDocumentPosting::computePurchaseLine);
        closeOrKeep(BcCompany.PURCHASE_ORDERS, BcCompany.PURCHASE_ORDER_LINES, order, "receivedQuantity", "fullyReceived", now);
        return company.withLines(BcCompany.PURCHASE_RECEIPTS, receipts.get(receiptId));
    }

    /**
     * A purchase line's amounts (Line Amount = Quantity x Direct Unit Cost - Line Discount, VAT on it) and, as BC's
     * InitOutstanding / InitQtyToReceive do, Qty. to Receive and Qty. to Invoice set to what is left.
     */
    static void computePurchaseLine(final ObjectNode line) {
        final BigDecimal quantity = line.path("quantity").decimalValue();
        final BigDecimal gross = quantity.multiply(line.path("directUnitCost").decimalValue());
        final BigDecimal percent = line.path("discountPercent").decimalValue();
        final BigDecimal discount = percent.signum() != 0 ? gross.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                : line.path("discountAmount").decimalValue();
        final BigDecimal excluding = money(gross.subtract(discount));
        final BigDecimal tax = money(excluding.multiply(line.path("taxPercent").decimalValue()).divide(BigDecimal.valueOf(100)));
        line.put("discountAmount", money(discount)).put("amountExcludingTax", excluding).put("totalTaxAmount", tax)
                .put("amountIncludingTax", excluding.add(tax)).put("netAmount", excluding).put("netTaxAmount", tax)
                .put("netAmountIncludingTax", excluding.add(tax));
        if (!line.path("lineType").asText().equals("Comment")) {
            line.put("receiveQuantity", quantity.subtract(line.path("receivedQuantity").decimalValue()));
            line.put("invoiceQuantity", quantity.subtract(line.path("invoicedQuantity").decimalValue()));
        }
    }

    /** The lines with a quantity to post; none is BC's "There is nothing to post.", nothing written. */
    private static List<BcRow> toPost(final List<BcRow> lines, final String quantityField) {
        final List<BcRow> posted = new ArrayList<>();
        for (final BcRow line : lines) {
            if (line.data().path(quantityField).decimalValue().signum() > 0) {
                posted.add(line);
            }
        }
        if (posted.isEmpty()) {
            throw new BcApiError(400, "Application_DialogException", NOTHING_TO_POST);
        }
        return posted;
    }

    private static void resetUnposted(final BcTable table, final List<BcRow> lines, final List<BcRow> posted,
                                      final Consumer<ObjectNode> recompute) {
        final Set<String> done = new HashSet<>();
        posted.forEach(p -> done.add(p.id()));
        for (final BcRow line : lines) {
            if (!done.contains(line.id())) {
                final ObjectNode data = table.get(line.id()).data().deepCopy();
                recompute.accept(data);
                if (!data.equals(table.get(line.id()).data())) {
                    table.replace(table.get(line.id()), data);
                }
            }
        }
    }

    /** Deletes the order once every line is posted and invoiced; else releases it and flags it fully posted when it is. */
    private void closeOrKeep(final String set, final String lineSet, final BcRow order, final String postedField, final String fullyField,
                             final Instant now) {
        final List<BcRow> lines = company.linesOf(lineSet, order.id());
        boolean fullyPosted = true;
        boolean fullyInvoiced = true;
        for (final BcRow line : lines) {
            final JsonNode l = line.data();
            if (l.path("lineType").asText().equals("Comment")) {
                continue;
            }
            final BigDecimal quantity = l.path("quantity").decimalValue();
            fullyPosted &= l.path(postedField).decimalValue().compareTo(quantity) >= 0;
            fullyInvoiced &= l.path("invoicedQuantity").decimalValue().compareTo(quantity) >= 0;
        }
        final BcTable orders = company.tableFor(set);
        final BcRow current = orders.get(order.id());
        if (fullyPosted && fullyInvoiced) {
            final BcTable lineTable = company.tableFor(lineSet);
            lines.forEach(lineTable::delete);
            orders.delete(current);
            return;
        }
        final ObjectNode data = current.data().deepCopy();
        data.put("status", "Open").put(fullyField, fullyPosted).put("lastModifiedDateTime", EntityBody.timestamp(now));
        orders.replace(current, data);
    }

    private static BigDecimal money(final BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
