package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What posting a 3PL's receipt takes in Business Central: per open Item line of the purchase order (purchaseOrders
 * with purchaseOrderLines expanded), {@code receiveQuantity} (Qty. to Receive, editable in APIV2PurchaseOrderLines) set
 * to the quantity <em>available</em> (received minus blocked, damaged or held for quality control), 0 for lines not
 * received. Blocked quantities are not received into BC, so they never count as available stock; they stay on the
 * purchase order, open, until the 3PL releases them (a later receipt) or a person closes them. Then the posting action
 * ({@code purchaseOrders(..)/Microsoft.NAV.receiveAndInvoice} in API v2.0, which also invoices: the same trade-off as
 * for shipments, see docs/edi.md).
 */
public final class ReceiptPosting {

    /** One PATCH of a purchase order line. */
    public record LineUpdate(String lineId, String etag, String itemNumber, BigDecimal receiveQuantity) {

        public Map<String, Object> body() {
            return Map.of("receiveQuantity", receiveQuantity);
        }
    }

    private ReceiptPosting() {
    }

    public static List<LineUpdate> plan(final ReceiptAdvice receipt, final Map<String, ?> purchaseOrder) {
        final String number = String.valueOf(purchaseOrder.get("number"));
        if (receipt.purchaseOrderNumber() != null && !receipt.purchaseOrderNumber().equals(number)) {
            throw new ShipmentPostingException("MISMATCHED_ORDER", "receipt " + receipt.receiptId() + " is for purchase order "
                    + receipt.purchaseOrderNumber() + ", not " + number);
        }
        if (!(purchaseOrder.get("purchaseOrderLines") instanceof List<?> rawLines)) {
            throw new ShipmentPostingException("NO_LINES", "purchase order " + number + " read without purchaseOrderLines");
        }
        final Map<Map<?, ?>, BigDecimal> toReceive = new LinkedHashMap<>();
        final List<Map<?, ?>> open = new ArrayList<>();
        for (final Object raw : rawLines) {
            if (raw instanceof Map<?, ?> line && (line.get("lineType") == null || "Item".equals(String.valueOf(line.get("lineType"))))) {
                open.add(line);
                toReceive.put(line, BigDecimal.ZERO);
            }
        }
        for (final ReceiptAdvice.Line received : receipt.lines()) {
            if (received.available().signum() == 0) {
                continue;
            }
            final Map<?, ?> line = open.stream()
                    .filter(l -> received.lineNumber() != null ? String.valueOf(received.lineNumber()).equals(String.valueOf(l.get("sequence")))
                            : received.itemNumber() != null && received.itemNumber().equals(String.valueOf(l.get("lineObjectNumber"))))
                    .findFirst()
                    .orElseThrow(() -> new ShipmentPostingException("UNMATCHED_LINE", "purchase order " + number + ": received line "
                            + (received.lineNumber() != null ? received.lineNumber() : received.itemNumber()) + " matches no open item line"));
            final BigDecimal total = toReceive.get(line).add(received.available());
            final BigDecimal outstanding = decimal(line.get("quantity")).subtract(decimal(line.get("receivedQuantity")));
            if (total.compareTo(outstanding) > 0) {
                throw new ShipmentPostingException("OVER_RECEIPT", "purchase order " + number + " line " + line.get("sequence") + ": "
                        + total.toPlainString() + " received but only " + outstanding.toPlainString() + " outstanding");
            }
            toReceive.put(line, total);
        }
        final List<LineUpdate> updates = new ArrayList<>();
        toReceive.forEach((line, quantity) -> updates.add(new LineUpdate(String.valueOf(line.get("id")),
                line.get("@odata.etag") == null ? null : String.valueOf(line.get("@odata.etag")),
                String.valueOf(line.get("lineObjectNumber")), quantity)));
        return updates;
    }

    private static BigDecimal decimal(final Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }
}
