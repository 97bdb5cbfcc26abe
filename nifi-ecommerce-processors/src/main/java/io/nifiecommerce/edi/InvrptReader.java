package io.nifiecommerce.edi;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Queue;
import java.util.Set;

/**
 * Reads an EDIFACT INVRPT (inventory report) message, any directory (D.96A, D.01B...): the segments used are
 * stable across them.
 * <ul>
 * <li>DTM+137 (document date) before the first LIN dates every record.</li>
 * <li>LOC+18 (warehouse; qualifiers configurable) before the first LIN names the warehouse of the whole report;
 * inside a LIN group it opens a per-location block: the QTYs after it belong to that location and the line's
 * own QTYs before it are totals, dropped.</li>
 * <li>LIN C212 and PIA C212 (up to five) identify the item: type SA (configurable) is the SKU, EN/SRV/UP the GTIN.</li>
 * <li>QTY C186 with a selected qualifier (default 145 actual stock; 17 on hand, 198 in transit...) is a record.</li>
 * <li>UNS ends the detail section.</li>
 * </ul>
 */
final class InvrptReader implements InventoryMessageReader {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final Set<String> quantityQualifiers;
    private final Set<String> skuQualifiers;
    private final Set<String> locationQualifiers;
    private final InventoryLine line = new InventoryLine();
    private String reportWarehouse;
    private LocalDate reportDate;
    private String lineLocation;

    InvrptReader(StockReadOptions options) {
        this.quantityQualifiers = StockReadOptions.orDefault(options.quantityQualifiers(), StockReadOptions.INVRPT_QUANTITY_QUALIFIERS);
        this.skuQualifiers = StockReadOptions.orDefault(options.skuQualifiers(), StockReadOptions.INVRPT_SKU_QUALIFIERS);
        this.locationQualifiers = StockReadOptions.orDefault(options.locationQualifiers(), StockReadOptions.INVRPT_LOCATION_QUALIFIERS);
        this.reportWarehouse = options.defaultWarehouse();
    }

    @Override
    public void segment(EdiStockReader.Segment segment, Queue<StockRecord> out) {
        switch (segment.tag()) {
            case "DTM" -> {
                if (!line.isOpen() && "137".equals(segment.component(1, 1))) {
                    reportDate = parseDate(segment);
                }
            }
            case "LOC" -> location(segment);
            case "LIN" -> {
                line.close(reportDate, out);
                line.start();
                lineLocation = null;
                line.identify(segment.component(3, 1), segment.component(3, 2), skuQualifiers);
            }
            case "PIA" -> {
                if (line.isOpen()) {
                    for (int element = 2; element <= 6; element++) {
                        line.identify(segment.component(element, 1), segment.component(element, 2), skuQualifiers);
                    }
                }
            }
            case "QTY" -> quantity(segment, out);
            case "UNS", "UNT" -> line.close(reportDate, out);
            default -> {
                // other segments carry nothing a stock level needs
            }
        }
    }

    @Override
    public void end(Queue<StockRecord> out) {
        line.close(reportDate, out);
    }

    private void location(EdiStockReader.Segment segment) {
        final String qualifier = segment.element(1);
        // immutable sets refuse a null lookup: an empty qualifier simply matches nothing
        if (qualifier == null || !locationQualifiers.contains(qualifier)) {
            return;
        }
        final String code = segment.component(2, 1);
        if (code == null) {
            throw segment.error("LOC without a location identification (C517 3225)");
        }
        if (line.isOpen()) {
            lineLocation = code;
            line.dropTotals(null);
        } else {
            reportWarehouse = code;
        }
    }

    private void quantity(EdiStockReader.Segment segment, Queue<StockRecord> out) {
        final String qualifier = segment.component(1, 1);
        if (!line.isOpen() || qualifier == null || !quantityQualifiers.contains(qualifier)) {
            return;
        }
        final long quantity = InventoryLine.parseQuantity(segment.component(1, 2), segment);
        if (lineLocation != null) {
            out.add(line.record(lineLocation, quantity, qualifier, reportDate));
        } else {
            line.addTotal(qualifier, quantity, reportWarehouse, segment);
        }
    }

    private static LocalDate parseDate(EdiStockReader.Segment segment) {
        final String value = segment.component(1, 2);
        final String format = segment.component(1, 3);
        if (value == null) {
            return null;
        }
        try {
            return switch (format == null ? "102" : format) {
                case "102", "203", "204" -> LocalDate.parse(value.substring(0, Math.min(8, value.length())), CCYYMMDD);
                case "101" -> LocalDate.parse(value, YYMMDD);
                default -> null;
            };
        } catch (DateTimeParseException e) {
            throw segment.error("date '" + value + "' does not match format " + format);
        }
    }
}
