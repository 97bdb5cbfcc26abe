package io.nifiecommerce.edi;

import io.nifiecommerce.tracking.SharedReference;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockReconciliationTest {

    private static List<StockRecord> report(final String sample) throws Exception {
        final List<StockRecord> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SharedReference.dir().resolve("edi-samples").resolve(sample))) {
            EdiStockReader.read(in, StockReadOptions.defaults(), records::add);
        }
        return records;
    }

    @Test
    void differencesAreWhatBcMustAdjust() throws Exception {
        final List<StockRecord> report = report("INVRPT-3pl-D96A.edi");
        assertTrue(report.size() >= 2, "the reference INVRPT has several lines");
        final StockRecord first = report.get(0);
        final StockRecord second = report.get(1);
        final List<Map<String, Object>> items = new ArrayList<>();
        // BC agrees on the first item, believes 5 more of the second, and has one item the 3PL does not hold
        items.add(Map.of("number", first.sku() != null ? first.sku() : "A", "gtin", first.gtin() == null ? "" : first.gtin(),
                "inventory", first.quantity()));
        items.add(Map.of("number", second.sku() != null ? second.sku() : "B", "gtin", second.gtin() == null ? "" : second.gtin(),
                "inventory", second.quantity() + 5));
        items.add(Map.of("number", "NOT-AT-3PL", "inventory", 3));
        final List<StockRecord> twoLines = report.subList(0, 2).stream()
                .filter(r -> r.sku() != null || r.gtin() != null).toList();

        final StockReconciliation.Result partial = StockReconciliation.reconcile(twoLines, items, false);
        assertEquals(1, partial.differences().size());
        assertEquals(new BigDecimal("-5"), partial.differences().get(0).difference());
        assertEquals(2, partial.itemsCompared());

        final StockReconciliation.Result complete = StockReconciliation.reconcile(twoLines, items, true);
        assertEquals(2, complete.differences().size());
        assertEquals(new BigDecimal("-3"), complete.differences().get(1).difference());
    }

    @Test
    void unknownArticlesAreReportedNotGuessed() {
        final StockRecord unknown = new StockRecord("ZZZ", null, "WH", 4, "145", null);
        final StockReconciliation.Result result = StockReconciliation.reconcile(List.of(unknown), List.of(Map.of("number", "1896-S",
                "inventory", "1")), false);
        assertEquals(List.of("ZZZ"), result.unmatched());
        assertTrue(result.differences().isEmpty());
    }
}
