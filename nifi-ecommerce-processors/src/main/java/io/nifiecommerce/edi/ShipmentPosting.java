package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What posting a 3PL's shipment confirmation takes in Business Central, computed from the confirmation and the sales
 * order as BC has it now (salesOrders with salesOrderLines expanded, each line with its {@code @odata.etag}).
 * <p>
 * BC API v2.0 has no "ship these quantities" call: {@code salesShipments} is read-only, and the one bound action,
 * {@code salesOrders(..)/Microsoft.NAV.shipAndInvoice}, posts what the lines' "Qty. to Ship" says. So the posting is:
 * <ol>
 * <li>one PATCH per open Item line of {@code salesOrderLines(id)} setting {@code shipQuantity} (Qty. to Ship, editable
 * in APIV2SalesOrderLines) to the confirmed quantity, 0 for lines the 3PL did not ship (a partial shipment posts only
 * what left), with {@code If-Match} on the line's etag;</li>
 * <li>then the posting action: the custom page of {@code bc-extension/} ({@code shippableSalesOrders(..)/Microsoft.NAV.ship},
 * Ship without Invoice) or, where invoicing at shipment is wanted, the standard {@code shipAndInvoice}.</li>
 * </ol>
 * Confirmed lines are matched by our line number (LIN 1082 / N9*LI) when the 3PL echoes it, else by item number, else
 * by GTIN through the map given. A line that matches nothing, or ships more than is left, refuses the whole posting:
 * nothing is written to BC and a person decides.
 */
public final class ShipmentPosting {

    /** One PATCH of a sales order line. */
    public record LineUpdate(String lineId, String etag, int sequence, String itemNumber, BigDecimal shipQuantity) {

        /** The PATCH body: only Qty. to Ship. */
        public Map<String, Object> body() {
            return Map.of("shipQuantity", shipQuantity);
        }
    }

    /** The plan for one confirmation. */
    public record Plan(String orderId, String orderNumber, List<LineUpdate> updates, BigDecimal totalShipped) {
    }

    private ShipmentPosting() {
    }

    /**
     * @param salesOrder the BC entity, as a plain map (salesOrderLines expanded)
     * @param itemsByGtin BC item numbers by GTIN, for 3PLs that identify lines by GTIN only; may be empty
     * @throws ShipmentPostingException when the confirmation does not fit the order
     */
    public static Plan plan(final ShipmentConfirmation confirmation, final Map<String, ?> salesOrder, final Map<String, String> itemsByGtin) {
        Objects.requireNonNull(confirmation, "confirmation");
        final String number = text(salesOrder, "number");
        if (confirmation.orderNumber() != null && !confirmation.orderNumber().equals(number)) {
            throw new ShipmentPostingException("MISMATCHED_ORDER", "confirmation " + confirmation.shipmentId() + " is for order "
                    + confirmation.orderNumber() + ", not " + number);
        }
        final String orderId = text(salesOrder, "id");
        if (!(salesOrder.get("salesOrderLines") instanceof List<?> rawLines)) {
            throw new ShipmentPostingException("NO_LINES", "order " + number + " read without salesOrderLines");
        }
        final List<Map<?, ?>> open = new ArrayList<>();
        for (final Object raw : rawLines) {
            if (raw instanceof Map<?, ?> line && (text(line, "lineType") == null || "Item".equalsIgnoreCase(text(line, "lineType")))) {
                open.add(line);
            }
        }
        final Map<Map<?, ?>, BigDecimal> toShip = new LinkedHashMap<>();
        final Set<Map<?, ?>> matchedByNumber = new HashSet<>();
        for (final ShipmentConfirmation.Line shipped : confirmation.lines()) {
            if (shipped.quantityShipped().signum() == 0) {
                continue;
            }
            final Map<?, ?> line = match(shipped, open, toShip, itemsByGtin, number);
            final BigDecimal already = toShip.getOrDefault(line, BigDecimal.ZERO);
            final BigDecimal total = already.add(shipped.quantityShipped());
            final BigDecimal remaining = decimal(line, "quantity").subtract(decimal(line, "shippedQuantity"));
            if (total.compareTo(remaining) > 0) {
                throw new ShipmentPostingException("OVER_SHIPMENT", "order " + number + " line " + text(line, "sequence") + " ("
                        + text(line, "lineObjectNumber") + "): " + total.toPlainString() + " shipped but only " + remaining.toPlainString()
                        + " left to ship");
            }
            toShip.put(line, total);
            matchedByNumber.add(line);
        }
        if (toShip.isEmpty()) {
            throw new ShipmentPostingException("NOTHING_SHIPPED", "confirmation " + confirmation.shipmentId() + " ships nothing of order " + number);
        }
        final List<LineUpdate> updates = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (final Map<?, ?> line : open) {
            final BigDecimal remaining = decimal(line, "quantity").subtract(decimal(line, "shippedQuantity"));
            if (remaining.signum() <= 0 && !matchedByNumber.contains(line)) {
                continue;
            }
            final BigDecimal quantity = toShip.getOrDefault(line, BigDecimal.ZERO);
            final String id = text(line, "id");
            if (id == null) {
                throw new ShipmentPostingException("NO_LINE_ID", "order " + number + " line " + text(line, "sequence") + " read without its id");
            }
            updates.add(new LineUpdate(id, text(line, "@odata.etag"), Integer.parseInt(text(line, "sequence")), text(line, "lineObjectNumber"),
                    quantity));
            total = total.add(quantity);
        }
        return new Plan(orderId, number, updates, total);
    }

    private static Map<?, ?> match(final ShipmentConfirmation.Line shipped, final List<Map<?, ?>> open, final Map<Map<?, ?>, BigDecimal> toShip,
                                   final Map<String, String> itemsByGtin, final String number) {
        if (shipped.lineNumber() != null) {
            for (final Map<?, ?> line : open) {
                if (String.valueOf(shipped.lineNumber()).equals(text(line, "sequence"))) {
                    return line;
                }
            }
        }
        String item = shipped.itemNumber();
        if (item == null && shipped.gtin() != null) {
            item = itemsByGtin.get(shipped.gtin());
        }
        if (item != null) {
            Map<?, ?> candidate = null;
            for (final Map<?, ?> line : open) {
                if (item.equals(text(line, "lineObjectNumber"))) {
                    final BigDecimal remaining = decimal(line, "quantity").subtract(decimal(line, "shippedQuantity"))
                            .subtract(toShip.getOrDefault(line, BigDecimal.ZERO));
                    if (remaining.signum() > 0) {
                        return line;
                    }
                    candidate = candidate == null ? line : candidate;
                }
            }
            if (candidate != null) {
                return candidate;
            }
        }
        throw new ShipmentPostingException("UNMATCHED_LINE", "order " + number + ": shipped line " + describe(shipped)
                + " matches no open item line");
    }

    private static String describe(final ShipmentConfirmation.Line line) {
        return (line.lineNumber() == null ? "" : line.lineNumber() + " ") + (line.itemNumber() == null ? "" : "item " + line.itemNumber() + " ")
                + (line.gtin() == null ? "" : "GTIN " + line.gtin());
    }

    private static String text(final Map<?, ?> entity, final String field) {
        final Object value = entity.get(field);
        if (value == null) {
            return null;
        }
        final String text = value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static BigDecimal decimal(final Map<?, ?> entity, final String field) {
        final String text = text(entity, field);
        return text == null ? BigDecimal.ZERO : new BigDecimal(text);
    }
}
