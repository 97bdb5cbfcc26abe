package io.nifiecommerce.edi;

import io.nifiecommerce.order.Amount;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;

/**
 * The item line being read (INVRPT LIN group, 846 LIN loop).
 * <p>
 * A quantity given for the whole line is only a total when the line goes on to break it down per location
 * (INVRPT LOC inside the line, 846 SDQ after the QTY). Such totals wait here until the line ends and are dropped
 * once the breakdown arrives, so that one unit of stock is never published twice.
 */
final class InventoryLine {

    private record Pending(String qualifier, long quantity, String warehouse) {
    }

    private final List<Pending> pending = new ArrayList<>(4);
    private boolean open;
    private String sku;
    private String gtin;
    private String warehouse;

    void start() {
        pending.clear();
        open = true;
        sku = null;
        gtin = null;
        warehouse = null;
    }

    boolean isOpen() {
        return open;
    }

    void identify(String number, String type, Set<String> skuTypes) {
        final String code = ItemIdType.of(number, type, null);
        if (number == null || code == null) {
            return;
        }
        if (skuTypes.contains(code)) {
            if (sku == null) {
                sku = number;
            }
        } else if (isGtinType(code) && gtin == null) {
            gtin = number;
        }
    }

    private static boolean isGtinType(String type) {
        return switch (type) {
            case "EN", "SRV", "UP", "UK", "UA", "UI", "EO" -> true;
            default -> false;
        };
    }

    void locate(String lineWarehouse) {
        warehouse = lineWarehouse;
    }

    String warehouse() {
        return warehouse;
    }

    /**
     * Adds a line quantity. A second one of the same kind for the same warehouse is part of the same stock, not a
     * correction: EANCOM's INVRPT example splits a line's actual stock into INV groups by best-before date
     * (QTY+145:55 and QTY+145:185 for one GTIN), so they are summed into one record.
     */
    void addTotal(String qualifier, long quantity, String totalWarehouse, EdiStockReader.Segment segment) {
        for (int i = 0; i < pending.size(); i++) {
            final Pending p = pending.get(i);
            if (p.qualifier().equals(qualifier) && Objects.equals(p.warehouse(), totalWarehouse)) {
                try {
                    pending.set(i, new Pending(qualifier, Math.addExact(p.quantity(), quantity), totalWarehouse));
                } catch (ArithmeticException e) {
                    throw segment.error("quantities of the line add up beyond " + Long.MAX_VALUE);
                }
                return;
            }
        }
        pending.add(new Pending(qualifier, quantity, totalWarehouse));
    }

    /** Drops the line totals of this qualifier (or all of them when null): a breakdown by location follows. */
    void dropTotals(String qualifier) {
        pending.removeIf(p -> qualifier == null || p.qualifier().equals(qualifier));
    }

    StockRecord record(String recordWarehouse, long quantity, String qualifier, LocalDate date) {
        return new StockRecord(sku, gtin, recordWarehouse, quantity, qualifier, date);
    }

    /** Ends the line: the totals not broken down by location become records. */
    void close(LocalDate date, Queue<StockRecord> out) {
        if (open) {
            for (Pending p : pending) {
                out.add(record(p.warehouse(), p.quantity(), p.qualifier(), date));
            }
        }
        pending.clear();
        open = false;
    }

    /**
     * Parses a quantity as sent: decimal point or comma, optional sign. Fractions are rounded down: 2.5 units
     * on a shelf are 2 units to sell.
     */
    static long parseQuantity(String raw, EdiStockReader.Segment segment) {
        if (raw == null) {
            throw segment.error("quantity is missing");
        }
        try {
            // bounded first: flooring 1E99999999 would take minutes
            return Amount.parse(raw.replace(',', '.')).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw segment.error("quantity '" + raw + "' is not a whole number of units");
        }
    }
}
