package io.nifiecommerce.edi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a 3PL's receipts: EDIFACT RECADV (any directory) and X12 944 (Warehouse Stock Transfer Receipt Advice).
 * <p>
 * RECADV: BGM 1004, DTM+50 (else 137), RFF+ON (our purchase order), LIN (1082, EN), PIA (SA/BP/IN), QTY+48 received,
 * QTY+194 received and accepted, QTY+195 received and not accepted, QTY+124 damaged, GIN+BX lot. When only 194 is
 * given, received = 194 + 195 + 124.
 * <p>
 * 944: W17 (02 date, 03 receipt number, 04 depositor order = our PO), LX, W07 (01 quantity received, 03 UPC, 04/05
 * product id, 08 lot), W13 (01 quantity damaged or on hold), N9*LI (line number).
 */
public final class ReceiptAdviceReader {

    private ReceiptAdviceReader() {
    }

    public static List<ReceiptAdvice> read(final InputStream in, final EdiInterchangeReader.Strictness strictness) {
        return EdiInterchangeReader.messages(in, strictness, (interchange, message) -> switch (message.type()) {
            case "RECADV" -> recadv(interchange, message);
            case "944" -> receiptAdvice944(interchange, message);
            default -> null;
        });
    }

    private static ReceiptAdvice recadv(final EdiInterchange interchange, final EdiMessage message) {
        final Header header = new Header();
        final List<ReceiptAdvice.Line> lines = new ArrayList<>();
        Builder line = null;
        for (final EdiSegment segment : message.segments()) {
            switch (segment.tag()) {
                case "BGM" -> header.receiptId = segment.element(2);
                case "DTM" -> {
                    final String qualifier = segment.component(1, 1);
                    if (line == null && ("50".equals(qualifier) || ("137".equals(qualifier) && header.date == null))) {
                        header.date = ShipmentConfirmationReader.edifactDate(segment);
                    }
                }
                case "RFF" -> {
                    if ("ON".equals(segment.component(1, 1)) && header.order == null) {
                        header.order = segment.component(1, 2);
                    }
                }
                case "LIN" -> {
                    line = close(line, lines);
                    line = new Builder(segment);
                    line.lineNumber = parseLineNumber(segment.element(1));
                    identify(line, segment.component(3, 1), segment.component(3, 2));
                }
                case "PIA" -> {
                    if (line != null) {
                        for (int element = 2; element <= 6; element++) {
                            identify(line, segment.component(element, 1), segment.component(element, 2));
                        }
                    }
                }
                case "QTY" -> {
                    if (line != null) {
                        final BigDecimal quantity = ShipmentConfirmationReader.quantity(segment, segment.component(1, 2));
                        switch (segment.component(1, 1) == null ? "" : segment.component(1, 1)) {
                            case "48" -> line.received = quantity;
                            case "194" -> line.accepted = quantity;
                            case "195", "124" -> line.blocked = line.blocked.add(quantity);
                            default -> {
                                // other quantities (ordered 21, despatched 12) do not change stock
                            }
                        }
                    }
                }
                case "GIN" -> {
                    if (line != null && "BX".equals(segment.element(1))) {
                        line.lot = segment.component(2, 1);
                    }
                }
                default -> {
                    // other segments do not change what was received
                }
            }
        }
        close(line, lines);
        return new ReceiptAdvice("RECADV", interchange.controlReference(), message.reference(), header.receiptId, header.order,
                header.date, lines);
    }

    private static ReceiptAdvice receiptAdvice944(final EdiInterchange interchange, final EdiMessage message) {
        final Header header = new Header();
        final List<ReceiptAdvice.Line> lines = new ArrayList<>();
        Builder line = null;
        for (final EdiSegment segment : message.segments()) {
            switch (segment.tag()) {
                case "W17" -> {
                    header.date = ShipmentConfirmationReader.x12Date(segment, segment.element(2));
                    header.receiptId = segment.element(3);
                    header.order = segment.element(4);
                }
                case "LX" -> line = close(line, lines);
                case "W07" -> {
                    line = close(line, lines);
                    line = new Builder(segment);
                    line.received = ShipmentConfirmationReader.quantity(segment, segment.element(1));
                    line.gtin = segment.element(3);
                    if (segment.element(5) != null) {
                        final String qualifier = segment.element(4);
                        if ("UP".equals(qualifier) || "EN".equals(qualifier) || "UK".equals(qualifier)) {
                            line.gtin = segment.element(5);
                        } else {
                            line.itemNumber = segment.element(5);
                        }
                    }
                    line.lot = segment.element(8);
                }
                case "W13" -> {
                    if (line != null) {
                        line.blocked = line.blocked.add(ShipmentConfirmationReader.quantity(segment, segment.element(1)));
                    }
                }
                case "N9" -> {
                    if (line != null && "LI".equals(segment.element(1))) {
                        line.lineNumber = parseLineNumber(segment.element(2));
                    } else if (line != null && "LT".equals(segment.element(1))) {
                        line.lot = segment.element(2);
                    }
                }
                default -> {
                    // other segments do not change what was received
                }
            }
        }
        close(line, lines);
        return new ReceiptAdvice("944", interchange.controlReference(), message.reference(), header.receiptId, header.order, header.date, lines);
    }

    private static void identify(final Builder line, final String id, final String type) {
        if (id == null) {
            return;
        }
        final String code = ItemIdType.of(id, type, "SA");
        if ("EN".equals(code) || "SRV".equals(code) || "UP".equals(code)) {
            line.gtin = id;
        } else if (("SA".equals(code) || "BP".equals(code) || "IN".equals(code)) && line.itemNumber == null) {
            line.itemNumber = id;
        }
    }

    private static Builder close(final Builder line, final List<ReceiptAdvice.Line> lines) {
        if (line != null) {
            BigDecimal received = line.received;
            if (received == null && line.accepted != null) {
                received = line.accepted.add(line.blocked);
            }
            if (received == null) {
                throw line.segment.error("line without a received quantity (QTY+48 or 194 / W07-01)");
            }
            lines.add(new ReceiptAdvice.Line(line.lineNumber, line.itemNumber, line.gtin, line.lot, received, line.blocked));
        }
        return null;
    }

    private static Integer parseLineNumber(final String value) {
        return value == null || !value.trim().matches("\\d{1,9}") ? null : Integer.valueOf(value.trim());
    }

    private static final class Header {
        private String receiptId;
        private String order;
        private LocalDate date;
    }

    private static final class Builder {
        private final EdiSegment segment;
        private Integer lineNumber;
        private String itemNumber;
        private String gtin;
        private String lot;
        private BigDecimal received;
        private BigDecimal accepted;
        private BigDecimal blocked = BigDecimal.ZERO;

        Builder(final EdiSegment segment) {
            this.segment = segment;
        }
    }
}
