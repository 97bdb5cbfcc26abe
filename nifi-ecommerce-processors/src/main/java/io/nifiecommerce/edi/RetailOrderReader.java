package io.nifiecommerce.edi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads EANCOM ORDERS (D.96A EAN008, D.01B EAN010 and their neighbours: the segments read are the same) into
 * {@link RetailOrder}s. Messages of other types in the interchange are ignored.
 * <p>
 * Header: BGM (1004 order number, 1225 function), DTM+137 / DTM+2 (or 64, 69), NAD+BY / DP / IV / SU (C082 3039
 * with agency 9 = GLN; any id is taken, the agency is not checked), CUX+2. Detail: LIN (1082, C212 EN), PIA (BP, SA,
 * IN...), IMD+F (7008), QTY+21 (or 1), PRI+AAA / AAB. Quantities and prices accept a decimal comma.
 */
public final class RetailOrderReader {

    private RetailOrderReader() {
    }

    /** Every ORDERS message of the input, envelope checked strictly; an {@link EdiSyntaxException} names the first bad segment. */
    public static List<RetailOrder> read(final InputStream in) {
        return read(in, EdiInterchangeReader.Strictness.STRICT);
    }

    public static List<RetailOrder> read(final InputStream in, final EdiInterchangeReader.Strictness strictness) {
        return EdiInterchangeReader.messages(in, strictness, (interchange, message) -> "ORDERS".equals(message.type())
                ? order(interchange, message) : null);
    }

    private static RetailOrder order(final EdiInterchange interchange, final EdiMessage message) {
        String orderNumber = null;
        String function = null;
        LocalDate orderDate = null;
        LocalDate delivery = null;
        String buyer = null;
        String buyerName = null;
        String deliveryParty = null;
        String invoicee = null;
        String supplier = null;
        String currency = null;
        final List<RetailOrder.Line> lines = new ArrayList<>();
        LineBuilder line = null;
        EdiSegment bgm = null;
        for (final EdiSegment segment : message.segments()) {
            switch (segment.tag()) {
                case "BGM" -> {
                    bgm = segment;
                    orderNumber = segment.element(2);
                    function = segment.element(3);
                }
                case "DTM" -> {
                    if (line == null) {
                        final String qualifier = segment.component(1, 1);
                        if ("137".equals(qualifier)) {
                            orderDate = ShipmentConfirmationReader.edifactDate(segment);
                        } else if ("2".equals(qualifier) || (delivery == null && ("64".equals(qualifier) || "69".equals(qualifier)))) {
                            delivery = ShipmentConfirmationReader.edifactDate(segment);
                        }
                    }
                }
                case "NAD" -> {
                    final String id = segment.component(2, 1);
                    switch (segment.element(1) == null ? "" : segment.element(1)) {
                        case "BY" -> {
                            buyer = id;
                            buyerName = segment.component(4, 1) != null ? segment.component(4, 1) : segment.component(3, 1);
                        }
                        case "DP" -> deliveryParty = id;
                        case "IV" -> invoicee = id;
                        case "SU" -> supplier = id;
                        default -> {
                            // other parties (ST, UC...) do not change where the order goes in BC
                        }
                    }
                }
                case "CUX" -> {
                    if ("2".equals(segment.component(1, 1))) {
                        currency = segment.component(1, 2);
                    }
                }
                case "LIN" -> {
                    line = close(line, lines);
                    line = new LineBuilder(segment);
                    identify(line, segment.component(3, 1), segment.component(3, 2));
                }
                case "PIA" -> {
                    if (line != null) {
                        for (int element = 2; element <= 6; element++) {
                            identify(line, segment.component(element, 1), segment.component(element, 2));
                        }
                    }
                }
                case "IMD" -> {
                    if (line != null && line.description == null) {
                        line.description = segment.component(3, 4);
                    }
                }
                case "QTY" -> {
                    final String qualifier = segment.component(1, 1);
                    // 21 ordered quantity (EANCOM); 1 discrete quantity, which plain UN/EDIFACT orders use
                    if (line != null && ("21".equals(qualifier) || ("1".equals(qualifier) && line.quantity == null))) {
                        line.quantity = ShipmentConfirmationReader.quantity(segment, segment.component(1, 2));
                    }
                }
                case "PRI" -> {
                    if (line != null) {
                        final String qualifier = segment.component(1, 1);
                        if ("AAA".equals(qualifier) || ("AAB".equals(qualifier) && line.price == null)) {
                            line.price = ShipmentConfirmationReader.quantity(segment, segment.component(1, 2));
                        }
                    }
                }
                case "UNS" -> line = close(line, lines);
                default -> {
                    // other segments do not change the order BC gets
                }
            }
        }
        close(line, lines);
        if (orderNumber == null) {
            throw bgm != null ? bgm.error("order without a document number (BGM 1004)")
                    : message.header().error("ORDERS message without BGM");
        }
        return new RetailOrder(interchange.senderId(), interchange.controlReference(), message.reference(),
                message.version() + (message.association() == null ? "" : "/" + message.association()), orderNumber, function, orderDate,
                delivery, buyer, deliveryParty, invoicee, supplier, buyer == null ? buyerName : null, currency, lines);
    }

    private static void identify(final LineBuilder line, final String id, final String type) {
        if (id == null) {
            return;
        }
        final String code = ItemIdType.of(id, type, null);
        if ("EN".equals(code) || "SRV".equals(code) || "UP".equals(code)) {
            line.gtin = id;
        } else if ("BP".equals(code)) {
            line.buyerItem = id;
        } else if (code != null && line.supplierItem == null) {
            line.supplierItem = id;
        }
    }

    private static LineBuilder close(final LineBuilder line, final List<RetailOrder.Line> lines) {
        if (line != null) {
            if (line.quantity == null) {
                throw line.segment.error("line " + line.segment.element(1) + " without an ordered quantity (QTY+21)");
            }
            lines.add(new RetailOrder.Line(line.segment.element(1), line.gtin, line.buyerItem, line.supplierItem, line.description,
                    line.quantity, line.price));
        }
        return null;
    }

    private static final class LineBuilder {
        private final EdiSegment segment;
        private String gtin;
        private String buyerItem;
        private String supplierItem;
        private String description;
        private BigDecimal quantity;
        private BigDecimal price;

        LineBuilder(final EdiSegment segment) {
            this.segment = segment;
        }
    }
}
