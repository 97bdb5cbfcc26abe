package io.nifiecommerce.edi;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads shipment confirmations from a 3PL: EDIFACT DESADV (any directory; EANCOM or not) and X12 945 (any version;
 * the segments read are stable from 004010 on). Other messages in the interchange are ignored.
 * <p>
 * DESADV: BGM 1004, DTM+11 (or 137), RFF+ON / RFF+CN / RFF+CR in the header or a package, TDT C040 (carrier), CPS / PAC / GIN+BJ
 * (the SSCC of the package the following lines travel in), LIN (line number, GTIN if EN/SRV), PIA (SA or BP item
 * number, EN GTIN), QTY+12 (despatched), QTY+21 (ordered), GIN+BX or PCI+36E's GIN (lot), RFF+ON after LIN (order).
 * <p>
 * 945: W06 (order, date, shipment id, PO number = the customer's reference), G62*11, W27 (SCAC), N9*CN / MAN*CP (tracking), MAN*GM (SSCC), W12 (status,
 * ordered, shipped, UPC, product id, lot), N9*LT (lot), N9*LI (line number).
 */
public final class ShipmentConfirmationReader {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private ShipmentConfirmationReader() {
    }

    /** Every confirmation in the input, envelope checked strictly; an {@link EdiSyntaxException} names the first bad segment. */
    public static List<ShipmentConfirmation> read(final InputStream in) {
        return read(in, EdiInterchangeReader.Strictness.STRICT);
    }

    public static List<ShipmentConfirmation> read(final InputStream in, final EdiInterchangeReader.Strictness strictness) {
        return EdiInterchangeReader.messages(in, strictness, ShipmentConfirmationReader::confirmation);
    }

    public static List<ShipmentConfirmation> read(final EdiInterchange interchange) {
        final List<ShipmentConfirmation> out = new ArrayList<>();
        for (final EdiMessage message : interchange.messages()) {
            final ShipmentConfirmation confirmation = confirmation(interchange, message);
            if (confirmation != null) {
                out.add(confirmation);
            }
        }
        return out;
    }

    private static ShipmentConfirmation confirmation(final EdiInterchange interchange, final EdiMessage message) {
        return switch (message.type()) {
            case "DESADV" -> desadv(interchange, message);
            case "945" -> shippingAdvice(interchange, message);
            default -> null;
        };
    }

    private static ShipmentConfirmation desadv(final EdiInterchange interchange, final EdiMessage message) {
        String shipmentId = null;
        String orderNumber = null;
        String customerReference = null;
        LocalDate shipDate = null;
        String carrier = null;
        final Set<String> tracking = new LinkedHashSet<>();
        final List<ShipmentConfirmation.Line> lines = new ArrayList<>();
        LineBuilder line = null;
        String sscc = null;
        for (final EdiSegment segment : message.segments()) {
            switch (segment.tag()) {
                case "BGM" -> shipmentId = first(segment.element(2), segment.component(2, 1));
                case "DTM" -> {
                    final String qualifier = segment.component(1, 1);
                    if (line == null && ("11".equals(qualifier) || ("137".equals(qualifier) && shipDate == null))) {
                        shipDate = edifactDate(segment);
                    }
                }
                case "RFF" -> {
                    final String qualifier = segment.component(1, 1);
                    final String value = segment.component(1, 2);
                    if ("ON".equals(qualifier) && value != null) {
                        if (orderNumber == null) {
                            orderNumber = value;
                        }
                    } else if ("CN".equals(qualifier) && value != null) {
                        tracking.add(value);
                    } else if ("CR".equals(qualifier) && customerReference == null) {
                        customerReference = value;
                    }
                }
                case "TDT" -> {
                    final String name = segment.component(5, 4);
                    carrier = name != null ? name : first(segment.component(5, 1), carrier);
                }
                case "CPS" -> {
                    line = close(line, lines);
                    sscc = null;
                }
                case "GIN" -> {
                    final String qualifier = segment.element(1);
                    final String value = segment.component(2, 1);
                    if ("BJ".equals(qualifier)) {
                        if (line == null) {
                            sscc = value;
                        } else {
                            line.sscc = value;
                        }
                    } else if ("BX".equals(qualifier) && line != null) {
                        line.lot = value;
                    }
                }
                case "LIN" -> {
                    line = close(line, lines);
                    line = new LineBuilder(segment, sscc);
                    line.lineNumber = lineNumber(segment.element(1));
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
                        final String qualifier = segment.component(1, 1);
                        if ("12".equals(qualifier)) {
                            line.shipped = quantity(segment, segment.component(1, 2));
                        } else if ("21".equals(qualifier)) {
                            line.ordered = quantity(segment, segment.component(1, 2));
                        }
                    }
                }
                default -> {
                    // other segments carry nothing a shipment posting needs
                }
            }
        }
        close(line, lines);
        return new ShipmentConfirmation("DESADV", interchange.controlReference(), message.reference(), shipmentId, orderNumber,
                customerReference, shipDate,
                carrier, List.copyOf(tracking), lines);
    }

    private static ShipmentConfirmation shippingAdvice(final EdiInterchange interchange, final EdiMessage message) {
        String shipmentId = null;
        String orderNumber = null;
        String customerReference = null;
        LocalDate shipDate = null;
        String carrier = null;
        final Set<String> tracking = new LinkedHashSet<>();
        final List<ShipmentConfirmation.Line> lines = new ArrayList<>();
        LineBuilder line = null;
        String sscc = null;
        for (final EdiSegment segment : message.segments()) {
            switch (segment.tag()) {
                case "W06" -> {
                    orderNumber = segment.element(2);
                    shipDate = x12Date(segment, segment.element(3));
                    shipmentId = segment.element(4);
                    customerReference = segment.element(6);
                }
                case "G62" -> {
                    if ("11".equals(segment.element(1))) {
                        shipDate = x12Date(segment, segment.element(2));
                    }
                }
                case "W27" -> carrier = first(segment.element(2), carrier);
                case "LX" -> {
                    line = close(line, lines);
                    sscc = null;
                }
                case "MAN" -> {
                    final String qualifier = segment.element(1);
                    if ("GM".equals(qualifier)) {
                        sscc = segment.element(2);
                    } else if ("CP".equals(qualifier) && segment.element(2) != null) {
                        tracking.add(segment.element(2));
                    }
                }
                case "N9" -> {
                    final String qualifier = segment.element(1);
                    final String value = segment.element(2);
                    if ("CN".equals(qualifier) && value != null) {
                        tracking.add(value);
                    } else if (line != null && "LT".equals(qualifier)) {
                        line.lot = value;
                    } else if (line != null && "LI".equals(qualifier)) {
                        line.lineNumber = lineNumber(value);
                    }
                }
                case "W12" -> {
                    line = close(line, lines);
                    line = new LineBuilder(segment, sscc);
                    line.ordered = segment.element(2) == null ? null : quantity(segment, segment.element(2));
                    line.shipped = quantity(segment, segment.element(3));
                    if (segment.element(6) != null) {
                        line.gtin = segment.element(6);
                    }
                    identifyX12(line, segment.element(7), segment.element(8));
                    line.lot = segment.element(9);
                }
                default -> {
                    // other segments carry nothing a shipment posting needs
                }
            }
        }
        close(line, lines);
        return new ShipmentConfirmation("945", interchange.controlReference(), message.reference(), shipmentId, orderNumber,
                customerReference, shipDate,
                carrier, List.copyOf(tracking), lines);
    }

    private static void identify(final LineBuilder line, final String id, final String type) {
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

    private static void identifyX12(final LineBuilder line, final String qualifier, final String id) {
        if (id == null || qualifier == null) {
            return;
        }
        switch (qualifier) {
            case "UP", "EN", "UK", "UA" -> line.gtin = id;
            case "SK", "VN", "BP", "IN", "CB" -> {
                if (line.itemNumber == null) {
                    line.itemNumber = id;
                }
            }
            default -> {
                // other product id qualifiers do not identify an item for posting
            }
        }
    }

    private static LineBuilder close(final LineBuilder line, final List<ShipmentConfirmation.Line> lines) {
        if (line != null) {
            if (line.shipped == null) {
                throw line.segment.error("line without a shipped quantity (QTY+12 / W1203)");
            }
            lines.add(new ShipmentConfirmation.Line(line.lineNumber, line.itemNumber, line.gtin, line.shipped, line.ordered, line.lot, line.sscc));
        }
        return null;
    }

    private static Integer lineNumber(final String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal quantity(final EdiSegment segment, final String value) {
        if (value == null) {
            throw segment.error("quantity missing");
        }
        try {
            // EDIFACT may use a decimal comma (UNA); StAEDI hands the text through as written
            final BigDecimal quantity = new BigDecimal(value.trim().replace(',', '.'));
            if (quantity.signum() < 0) {
                throw segment.error("negative quantity '" + value + "'");
            }
            return quantity;
        } catch (NumberFormatException e) {
            throw segment.error("quantity '" + value + "' is not a number");
        }
    }

    static LocalDate edifactDate(final EdiSegment segment) {
        final String value = segment.component(1, 2);
        final String format = segment.component(1, 3);
        if (value == null) {
            return null;
        }
        try {
            return switch (format == null ? "102" : format) {
                case "102", "203", "204" -> LocalDate.parse(value.substring(0, Math.min(8, value.length())), CCYYMMDD);
                case "101" -> LocalDate.parse("20" + value, CCYYMMDD);
                default -> null;
            };
        } catch (DateTimeParseException e) {
            throw segment.error("date '" + value + "' does not match format " + format);
        }
    }

    static LocalDate x12Date(final EdiSegment segment, final String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() == 6 ? "20" + value : value, CCYYMMDD);
        } catch (DateTimeParseException e) {
            throw segment.error("date '" + value + "' is not CCYYMMDD");
        }
    }

    private static String first(final String a, final String b) {
        return a != null ? a : b;
    }

    private static final class LineBuilder {
        private final EdiSegment segment;
        private Integer lineNumber;
        private String itemNumber;
        private String gtin;
        private BigDecimal shipped;
        private BigDecimal ordered;
        private String lot;
        private String sscc;

        LineBuilder(final EdiSegment segment, final String sscc) {
            this.segment = segment;
            this.sscc = sscc;
        }
    }
}
