package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the 3PL reports it holds (INVRPT / 846 {@link StockRecord}s) with what Business Central believes
 * (API v2.0 {@code items}: {@code number}, {@code gtin}, {@code inventory}), item by item.
 * <p>
 * API v2.0 gives an item's inventory for the whole company only ({@code itemLedgerEntries} carries no location), so
 * this compares the 3PL's total per item (all its warehouses added up) with BC's company total: right when the 3PL
 * is where all the stock is, which is the usual case for an e-commerce client. Report lines are matched to items by
 * number (the report's SKU), else by GTIN. A report marked complete counts BC items it does not mention as 0 at the 3PL.
 */
public final class StockReconciliation {

    /** One item whose quantities disagree: {@code difference = reported - bc} is the adjustment BC needs. */
    public record Difference(String itemNumber, String gtin, BigDecimal bcQuantity, BigDecimal reportedQuantity) {

        public BigDecimal difference() {
            return reportedQuantity.subtract(bcQuantity);
        }
    }

    /** @param unmatched report lines (SKU or GTIN) that match no BC item */
    public record Result(List<Difference> differences, List<String> unmatched, int itemsCompared) {
    }

    private StockReconciliation() {
    }

    public static Result reconcile(final List<StockRecord> report, final List<? extends Map<String, ?>> bcItems, final boolean completeReport) {
        final Map<String, Map<String, ?>> byNumber = new HashMap<>();
        final Map<String, Map<String, ?>> byGtin = new HashMap<>();
        for (final Map<String, ?> item : bcItems) {
            final String number = text(item, "number");
            if (number != null) {
                byNumber.put(number, item);
            }
            final String gtin = text(item, "gtin");
            if (gtin != null) {
                byGtin.put(gtin, item);
            }
        }
        final Map<String, BigDecimal> reported = new LinkedHashMap<>();
        final List<String> unmatched = new ArrayList<>();
        for (final StockRecord record : report) {
            Map<String, ?> item = record.sku() == null ? null : byNumber.get(record.sku());
            if (item == null && record.gtin() != null) {
                item = byGtin.get(record.gtin());
            }
            if (item == null) {
                unmatched.add(record.sku() != null ? record.sku() : record.gtin());
                continue;
            }
            reported.merge(text(item, "number"), BigDecimal.valueOf(record.quantity()), BigDecimal::add);
        }
        final List<Difference> differences = new ArrayList<>();
        int compared = 0;
        for (final Map<String, ?> item : bcItems) {
            final String number = text(item, "number");
            if (number == null || (!completeReport && !reported.containsKey(number))) {
                continue;
            }
            compared++;
            final String inventory = text(item, "inventory");
            final BigDecimal bc = inventory == null ? BigDecimal.ZERO : new BigDecimal(inventory);
            final BigDecimal at3pl = reported.getOrDefault(number, BigDecimal.ZERO);
            if (bc.compareTo(at3pl) != 0) {
                differences.add(new Difference(number, text(item, "gtin"), bc, at3pl));
            }
        }
        return new Result(differences, unmatched, compared);
    }

    private static String text(final Map<String, ?> entity, final String field) {
        final Object value = entity.get(field);
        if (value == null) {
            return null;
        }
        final String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
