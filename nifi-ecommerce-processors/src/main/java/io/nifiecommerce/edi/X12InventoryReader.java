package io.nifiecommerce.edi;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Queue;
import java.util.Set;

/**
 * Reads an X12 846 (Inventory Inquiry/Advice) transaction set.
 * <ul>
 * <li>BIA04 dates every record.</li>
 * <li>N1 with entity code WH (configurable) names the warehouse by N104 (or N102 when N104 is empty): before the
 * first LIN for the whole transaction, inside a LIN loop for that item.</li>
 * <li>LIN pairs identify the item: SK (configurable) is the SKU, UP/EN/UK the GTIN.</li>
 * <li>QTY with a selected qualifier (default 33 available; 17 on hand...) is a record for the current warehouse,
 * unless SDQ segments follow: they break that quantity down per location (SDQ03/04 ... SDQ21/22 pairs) and the
 * QTY is then only their total, dropped.</li>
 * <li>CTT01, when present, must equal the number of LIN segments.</li>
 * </ul>
 */
final class X12InventoryReader implements InventoryMessageReader {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private final Set<String> quantityQualifiers;
    private final Set<String> skuQualifiers;
    private final Set<String> locationQualifiers;
    private final InventoryLine line = new InventoryLine();
    private String reportWarehouse;
    private LocalDate reportDate;
    private String lastQuantityQualifier;
    private boolean lastQuantitySelected;
    private boolean breakdownStarted;
    private int lineItems;

    X12InventoryReader(StockReadOptions options) {
        this.quantityQualifiers = StockReadOptions.orDefault(options.quantityQualifiers(), StockReadOptions.X12_QUANTITY_QUALIFIERS);
        this.skuQualifiers = StockReadOptions.orDefault(options.skuQualifiers(), StockReadOptions.X12_SKU_QUALIFIERS);
        this.locationQualifiers = StockReadOptions.orDefault(options.locationQualifiers(), StockReadOptions.X12_LOCATION_QUALIFIERS);
        this.reportWarehouse = options.defaultWarehouse();
    }

    @Override
    public void segment(EdiStockReader.Segment segment, Queue<StockRecord> out) {
        switch (segment.tag()) {
            case "BIA" -> reportDate = parseDate(segment, segment.element(4));
            case "N1" -> location(segment);
            case "LIN" -> item(segment, out);
            case "QTY" -> quantity(segment);
            case "SDQ" -> breakdown(segment, out);
            case "CTT" -> {
                line.close(reportDate, out);
                checkLineCount(segment);
            }
            case "SE" -> line.close(reportDate, out);
            default -> {
                // PID, DTM, REF... carry nothing a stock level needs
            }
        }
    }

    @Override
    public void end(Queue<StockRecord> out) {
        line.close(reportDate, out);
    }

    private void item(EdiStockReader.Segment segment, Queue<StockRecord> out) {
        line.close(reportDate, out);
        line.start();
        lineItems++;
        lastQuantityQualifier = null;
        lastQuantitySelected = false;
        for (int element = 2; element < segment.elementCount(); element += 2) {
            line.identify(segment.element(element + 1), segment.element(element), skuQualifiers);
        }
    }

    private void location(EdiStockReader.Segment segment) {
        final String entity = segment.element(1);
        // immutable sets refuse a null lookup: an empty entity code simply matches nothing
        if (entity == null || !locationQualifiers.contains(entity)) {
            return;
        }
        final String code = segment.element(4) != null ? segment.element(4) : segment.element(2);
        if (code == null) {
            throw segment.error("N1 without a location identifier (N104) or name (N102)");
        }
        if (line.isOpen()) {
            line.locate(code);
        } else {
            reportWarehouse = code;
        }
    }

    private void quantity(EdiStockReader.Segment segment) {
        if (!line.isOpen()) {
            return;
        }
        lastQuantityQualifier = segment.element(1) == null ? "" : segment.element(1);
        lastQuantitySelected = lastQuantityQualifier != null && quantityQualifiers.contains(lastQuantityQualifier);
        breakdownStarted = false;
        if (lastQuantitySelected) {
            final long quantity = InventoryLine.parseQuantity(segment.element(2), segment);
            line.addTotal(lastQuantityQualifier, quantity, line.warehouse() != null ? line.warehouse() : reportWarehouse, segment);
        }
    }

    private void breakdown(EdiStockReader.Segment segment, Queue<StockRecord> out) {
        if (!line.isOpen()) {
            return;
        }
        if (lastQuantityQualifier == null) {
            throw segment.error("SDQ without a preceding QTY in its LIN loop: the quantity it breaks down is unknown");
        }
        if (!lastQuantitySelected) {
            return;
        }
        if (!breakdownStarted) {
            line.dropTotals(lastQuantityQualifier);
            breakdownStarted = true;
        }
        for (int element = 3; element <= 21; element += 2) {
            final String location = segment.element(element);
            if (location == null) {
                break;
            }
            final long quantity = InventoryLine.parseQuantity(segment.element(element + 1), segment);
            out.add(line.record(location, quantity, lastQuantityQualifier, reportDate));
        }
    }

    private void checkLineCount(EdiStockReader.Segment segment) {
        final String declared = segment.element(1);
        if (declared != null && !declared.equals(Integer.toString(lineItems))) {
            throw segment.error("CTT01 declares " + declared + " line items but the transaction set has " + lineItems);
        }
    }

    private static LocalDate parseDate(EdiStockReader.Segment segment, String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 6 ? LocalDate.parse(value, YYMMDD) : LocalDate.parse(value, CCYYMMDD);
        } catch (DateTimeParseException e) {
            throw segment.error("date '" + value + "' is not CCYYMMDD");
        }
    }
}
