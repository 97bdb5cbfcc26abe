package io.nifiecommerce.mirakl;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettlementDocumentNumberTest {

    private final MarketplaceBookings bookings = new MarketplaceBookings(null, "company", "carrefour",
            new MarketplaceBookings.Accounts("C", "V", "6220", "512", "467", "GENERAL"));

    @Test
    void aPeriodStartingAtMidnightIsNamedByItsDay() {
        assertEquals("CARREFOUR-20261120", bookings.settlementDocumentNumber(period("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z")));
    }

    @Test
    void periodsOfOneDayHaveNumbersOfTheirOwnWithinBcsTwentyCharacters() {
        final String first = bookings.settlementDocumentNumber(period("2026-11-20T14:30:00Z", "2026-11-20T14:32:00Z"));
        final String second = bookings.settlementDocumentNumber(period("2026-11-20T14:32:00Z", "2026-11-20T14:34:00Z"));
        assertEquals("CARREFOUR-2611201430", first);
        assertNotEquals(first, second);
        final MarketplaceBookings longCode = new MarketplaceBookings(null, "company", "carrefour-marketplace-fr",
                new MarketplaceBookings.Accounts("C", "V", "6220", "512", "467", "GENERAL"));
        assertTrue(longCode.settlementDocumentNumber(period("2026-11-20T14:30:00Z", "2026-11-20T14:32:00Z")).length() <= 20);
    }

    private static PeriodSettlement period(final String start, final String end) {
        return new PeriodSettlement("carrefour", Instant.parse(start), Instant.parse(end), "EUR", 0, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of(), List.of(), List.of());
    }
}
