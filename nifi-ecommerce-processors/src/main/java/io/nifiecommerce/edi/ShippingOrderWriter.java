package io.nifiecommerce.edi;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Writes a {@link ShippingOrder} as the 3PL's shipping instruction: EDIFACT ORDERS D.96A or X12 940 004010, one
 * interchange per order. The control number is derived from the partner, the order number and the order's
 * {@link ShippingOrder#version() version}: writing the same version again gives the same references, so a replay is
 * recognisable as such by the 3PL.
 * <p>
 * ORDERS: UNH, BGM+220 (order number), DTM+137 (order date), DTM+2 (requested delivery), RFF+CR (customer's
 * reference), NAD+DP with the ship-to name and address, CTA/COM (contact, phone), then per line LIN (BC line number,
 * GTIN as EN), PIA+5 (BC item number as SA), IMD+F (description), QTY+21; UNS+S, CNT+2 (line count), UNT.
 * <p>
 * 940: ST, W05 (N, order number, customer's reference), N1*ST / N3 / N4 / PER, G62*04 (order date), G62*02
 * (requested delivery), then per line LX, W01 (quantity, unit, SK item number, EN/UK/UP GTIN), G69 (description),
 * N9*LI (BC line number); W76 (total quantity), SE.
 */
public final class ShippingOrderWriter {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String MESSAGE_REFERENCE = "0001";

    private final ShippingMessage message;
    private final EdiPartner partner;
    private final boolean ackRequested;

    public ShippingOrderWriter(final ShippingMessage message, final EdiPartner partner, final boolean ackRequested) {
        this.message = Objects.requireNonNull(message, "message");
        this.partner = Objects.requireNonNull(partner, "partner");
        if (partner.syntax() != message.syntax()) {
            throw new IllegalArgumentException(message + " is " + message.syntax() + " but the partner's envelope is " + partner.syntax());
        }
        this.ackRequested = ackRequested;
    }

    /** The control number the order's current version is (or was) written with. */
    public long controlNumber(final ShippingOrder order) {
        return ControlNumber.derive(partner.receiverId() + '|' + message + '|' + order.orderNumber() + '|' + order.version());
    }

    public WrittenInterchange write(final ShippingOrder order, final LocalDateTime preparedAt, final OutputStream out) {
        try (InterchangeWriter edi = InterchangeWriter.open(out, partner, controlNumber(order), preparedAt, "OW", ackRequested)) {
            if (message == ShippingMessage.EDIFACT_ORDERS_D96A) {
                orders(order, edi);
            } else {
                warehouseShippingOrder(order, edi);
            }
            edi.close();
            return new WrittenInterchange(edi.interchangeReference(), partner.syntax() == EdiSyntax.X12 ? edi.groupReference() : null,
                    MESSAGE_REFERENCE, edi.messages());
        }
    }

    private static void orders(final ShippingOrder order, final InterchangeWriter edi) {
        edi.startMessage(MESSAGE_REFERENCE, "ORDERS", "D", "96A", "UN", "EAN008");
        edi.segment("BGM", new String[] {"220"}, Edifact.text(order.orderNumber(), 35, "BGM 1004"), "9");
        edi.segment("DTM", (Object) new String[] {"137", CCYYMMDD.format(order.orderDate()), "102"});
        if (order.requestedDeliveryDate() != null) {
            edi.segment("DTM", (Object) new String[] {"2", CCYYMMDD.format(order.requestedDeliveryDate()), "102"});
        }
        if (order.externalDocumentNumber() != null && !order.externalDocumentNumber().isBlank()) {
            edi.segment("RFF", (Object) new String[] {"CR", Edifact.text(order.externalDocumentNumber(), 35, "RFF 1154")});
        }
        final ShippingOrder.ShipTo to = order.shipTo();
        edi.segment("NAD", "DP", order.customerNumber() == null ? null : new String[] {order.customerNumber(), null, "92"}, null,
                new String[] {Edifact.cut(to.name(), 35), Edifact.cut(rest(to.name(), 35), 35)},
                new String[] {Edifact.cut(to.addressLine1(), 35), Edifact.cut(to.addressLine2(), 35)},
                Edifact.cut(to.city(), 35), Edifact.cut(to.state(), 9), Edifact.cut(to.postCode(), 9), Edifact.cut(to.country(), 3));
        if (to.contact() != null && !to.contact().isBlank()) {
            edi.segment("CTA", "DL", new String[] {null, Edifact.cut(to.contact(), 35)});
        }
        if (to.phone() != null && !to.phone().isBlank()) {
            edi.segment("COM", (Object) new String[] {Edifact.cut(to.phone(), 512), "TE"});
        }
        if (to.email() != null && !to.email().isBlank()) {
            edi.segment("COM", (Object) new String[] {Edifact.cut(to.email(), 512), "EM"});
        }
        for (final ShippingOrder.Line line : order.toPick()) {
            edi.segment("LIN", Edifact.text(Integer.toString(line.lineNumber()), 6, "LIN 1082"), null,
                    line.gtin() == null ? null : new String[] {line.gtin(), "EN"});
            edi.segment("PIA", "5", new String[] {Edifact.text(line.itemNumber(), 35, "PIA 7140"), "SA"});
            if (line.description() != null && !line.description().isBlank()) {
                edi.segment("IMD", "F", null, new String[] {null, null, null, Edifact.cut(line.description(), 35),
                        Edifact.cut(rest(line.description(), 35), 35)});
            }
            edi.segment("QTY", (Object) new String[] {"21", decimal(line.quantity()), Edifact.cut(line.unitOfMeasure(), 3)});
        }
        edi.segment("UNS", "S");
        edi.segment("CNT", (Object) new String[] {"2", Integer.toString(order.toPick().size())});
        edi.endMessage();
    }

    private static void warehouseShippingOrder(final ShippingOrder order, final InterchangeWriter edi) {
        edi.startMessage(MESSAGE_REFERENCE, "940");
        edi.segment("W05", "N", X12.text(order.orderNumber(), 22, "W0502"), X12.cut(order.externalDocumentNumber(), 22));
        final ShippingOrder.ShipTo to = order.shipTo();
        edi.segment("N1", "ST", X12.text(to.name() == null ? order.customerNumber() : to.name(), 60, "N102"),
                order.customerNumber() == null ? null : "92", X12.cut(order.customerNumber(), 80));
        if (to.addressLine1() != null && !to.addressLine1().isBlank()) {
            edi.segment("N3", X12.cut(to.addressLine1(), 55), X12.cut(to.addressLine2(), 55));
        }
        if (to.city() != null && !to.city().isBlank()) {
            edi.segment("N4", X12.cut(to.city(), 30), X12.cut(to.state(), 2), X12.cut(to.postCode(), 15), X12.cut(to.country(), 3));
        }
        if ((to.contact() != null && !to.contact().isBlank()) || (to.phone() != null && !to.phone().isBlank())) {
            edi.segment("PER", "IC", X12.cut(to.contact(), 60), to.phone() == null || to.phone().isBlank() ? null : "TE",
                    X12.cut(to.phone(), 80));
        }
        edi.segment("G62", "04", CCYYMMDD.format(order.orderDate()));
        if (order.requestedDeliveryDate() != null) {
            edi.segment("G62", "02", CCYYMMDD.format(order.requestedDeliveryDate()));
        }
        BigDecimal total = BigDecimal.ZERO;
        int index = 0;
        for (final ShippingOrder.Line line : order.toPick()) {
            edi.segment("LX", Integer.toString(++index));
            final String gtinQualifier = line.gtin() == null ? null : switch (line.gtin().length()) {
                case 12 -> "UP";
                case 14 -> "UK";
                default -> "EN";
            };
            edi.segment("W01", decimal(line.quantity()), X12.unit(line.unitOfMeasure()), null, "SK", X12.text(line.itemNumber(), 48, "W0105"),
                    gtinQualifier, line.gtin());
            if (line.description() != null && !line.description().isBlank()) {
                edi.segment("G69", X12.cut(line.description(), 45));
            }
            edi.segment("N9", "LI", Integer.toString(line.lineNumber()));
            total = total.add(line.quantity());
        }
        edi.segment("W76", decimal(total));
        edi.endMessage();
    }

    private static String rest(final String value, final int length) {
        return value == null || value.length() <= length ? null : value.substring(length);
    }

    static String decimal(final BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
