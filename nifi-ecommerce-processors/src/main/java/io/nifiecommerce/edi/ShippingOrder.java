package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A shipping instruction for the 3PL: a BC sales order released for shipment, reduced to what the warehouse needs.
 *
 * @param orderNumber BC salesOrder.number, the reference the 3PL sends back in its DESADV / 945
 * @param externalDocumentNumber the customer's reference (the shop order name), or null
 * @param orderDate salesOrder.orderDate
 * @param requestedDeliveryDate salesOrder.requestedDeliveryDate, or null
 * @param customerNumber salesOrder.customerNumber
 * @param shipTo where the goods go
 * @param lines the item lines of the order, those fully shipped included (quantity 0): {@link #toPick()} are the ones to pick
 */
public record ShippingOrder(String orderNumber, String externalDocumentNumber, LocalDate orderDate, LocalDate requestedDeliveryDate,
                            String customerNumber, ShipTo shipTo, List<Line> lines) {

    public ShippingOrder {
        if (orderNumber == null || orderNumber.isBlank()) {
            throw new IllegalArgumentException("a shipping order needs the BC order number");
        }
        Objects.requireNonNull(orderDate, "orderDate");
        Objects.requireNonNull(shipTo, "shipTo");
        lines = List.copyOf(lines);
        if (lines.stream().noneMatch(l -> l.quantity().signum() > 0)) {
            throw new IllegalArgumentException("order " + orderNumber + " has no item line to ship");
        }
    }

    /** The lines with something left to pick, in order: what the instruction lists. */
    public List<Line> toPick() {
        return lines.stream().filter(l -> l.quantity().signum() > 0).toList();
    }

    /** The ship-to party. Country is ISO 3166-1 alpha-2. */
    public record ShipTo(String name, String contact, String addressLine1, String addressLine2, String city, String state,
                         String postCode, String country, String phone, String email) {
    }

    /**
     * One line to pick.
     *
     * @param lineNumber salesOrderLine.sequence (BC line number), echoed back by the 3PL
     * @param itemNumber salesOrderLine.lineObjectNumber (the BC item number, the 3PL's SKU)
     * @param gtin the item's GTIN when known, or null
     * @param quantity salesOrderLine.quantity minus what is already shipped: what the 3PL is to pick (0 once shipped)
     * @param unitOfMeasure salesOrderLine.unitOfMeasureCode (BC's code, e.g. PCS), or null
     * @param ordered salesOrderLine.quantity, the line's ordered quantity (null: the same as quantity)
     */
    public record Line(int lineNumber, String itemNumber, String gtin, String description, BigDecimal quantity, String unitOfMeasure,
                       BigDecimal ordered) {

        public Line(final int lineNumber, final String itemNumber, final String gtin, final String description, final BigDecimal quantity,
                    final String unitOfMeasure) {
            this(lineNumber, itemNumber, gtin, description, quantity, unitOfMeasure, null);
        }

        public Line {
            ordered = ordered == null ? quantity : ordered;
            if (itemNumber == null || itemNumber.isBlank()) {
                throw new IllegalArgumentException("line " + lineNumber + " has no item number");
            }
            Objects.requireNonNull(quantity, "quantity");
            if (quantity.signum() < 0) {
                throw new IllegalArgumentException("line " + lineNumber + " has a negative quantity to ship");
            }
        }
    }

    /**
     * The version of the instruction: a digest of everything the 3PL acts on (ship-to, dates, lines with their
     * ordered quantities). BC's lastModifiedDateTime moves for changes the warehouse does not care about (a price, a
     * dimension); this does not, so the same instruction is sent once and a real change is sent again. Shipments
     * posted in BC (from the 3PL's own confirmations) lower what is left to ship but not the ordered quantities: they
     * are not a new instruction, even when they ship a line completely (the line leaves {@link #toPick()}, not the version).
     */
    public String version() {
        final StringBuilder text = new StringBuilder(256).append(orderNumber).append('|').append(externalDocumentNumber).append('|')
                .append(orderDate).append('|').append(requestedDeliveryDate).append('|').append(customerNumber).append('|').append(shipTo);
        for (final Line line : lines) {
            text.append('|').append(line.lineNumber()).append(',').append(line.itemNumber()).append(',').append(line.gtin()).append(',')
                    .append(line.ordered().stripTrailingZeros().toPlainString()).append(',').append(line.unitOfMeasure());
        }
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
