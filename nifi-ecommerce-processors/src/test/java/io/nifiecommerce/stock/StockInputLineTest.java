package io.nifiecommerce.stock;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockInputLineTest {

    @Test
    void quantitiesAreWholeUnitsRoundedDownAndBlankTextsAbsent() {
        final StockInputLine line = StockInputLine.of(" SKU-1 ", " ", "WH01", new BigDecimal("12.7"), "2.9", "quantity");
        assertTrue(line.valid());
        assertEquals("SKU-1", line.sku());
        assertNull(line.gtin());
        assertEquals(12, line.quantity());
        assertEquals(2L, line.committed());
        assertEquals(-10, StockInputLine.of("SKU-1", null, null, "-9.5", null, "quantity").quantity());
    }

    @Test
    void aQuantityThatIsNoNumberMakesAFailedLineNotAnException() {
        final StockInputLine line = StockInputLine.of("SKU-1", null, "WH01", "1E99999999", null, "inventory");
        assertFalse(line.valid());
        assertEquals("Field inventory is missing or not a number: 1E99999999", line.failure());
        assertFalse(StockInputLine.of("SKU-1", null, null, null, null, "inventory").valid());
    }

    @Test
    void outcomesKeepTheInputOrderWithInvalidLinesInBetween() {
        final PublishOutcome published = new PublishOutcome(PublishOutcome.Status.PUBLISHED, null, null, "item", "location", 3L);
        final PublishOutcome unchanged = new PublishOutcome(PublishOutcome.Status.UNCHANGED, null, null, "item", "location", 4L);
        final List<StockInputLine> lines = List.of(StockInputLine.of("A", null, null, 3, null, "q"),
                StockInputLine.of("B", null, null, "n/a", null, "q"), StockInputLine.of("C", null, null, 4, null, "q"));

        final List<PublishOutcome> outcomes = StockInputLine.outcomes(lines, List.of(published, unchanged));

        assertEquals(published, outcomes.get(0));
        assertEquals("INVALID_QUANTITY", outcomes.get(1).code());
        assertEquals(unchanged, outcomes.get(2));
    }
}
