package io.nifiecommerce.it;

import io.nifiecommerce.it.demo.SyncReport;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What "every flow converged" means in the demo's tests: orders exactly once, stock equal, tracking back. */
final class Converged {

    private Converged() {
    }

    static void assertConverged(final SyncReport report) {
        assertAll(
                () -> assertEquals(report.shopOrders(), report.ordersInBc(), "every shop order in Business Central"),
                () -> assertEquals(0, report.duplicates(), "no order twice in Business Central"),
                () -> assertEquals(List.of(), report.amountMismatches(), "amounts equal to the cent"),
                () -> assertEquals(report.marketplaceExpected(), report.marketplaceInBc(), "marketplace orders in Business Central"),
                () -> assertEquals(report.stockExpected(), report.stockMatching(), "stock in the shop equal to its sources"),
                () -> assertTrue(report.shipped() > 0, "the 3PL shipped orders"),
                () -> assertEquals(report.shipped(), report.fulfilledWithTracking(), "shipped orders fulfilled with their tracking"),
                () -> assertEquals(0, report.lifecycle().cancelledOpenInBc(), "no cancelled order left open in Business Central"),
                () -> assertEquals(report.lifecycle().refundsToCredit(), report.lifecycle().credited(), "every refund of an invoiced order credited"),
                () -> assertEquals(0, report.lifecycle().creditMemoDuplicates(), "no refund credited twice"));
    }

    /** Requests the sandbox answered normally (its per-endpoint counters; token requests are not among them). */
    static long requestsServed(final SyncReport report) {
        return report.sandbox().entrySet().stream()
                .filter(e -> e.getKey().startsWith("bc.requests.") || e.getKey().equals("bc.batch.requests") || e.getKey().startsWith("shopify.requests."))
                .mapToLong(e -> e.getValue()).sum();
    }

    /** Faults the sandbox injected, all kinds together. */
    static long faults(final SyncReport report) {
        return report.sandbox().entrySet().stream().filter(e -> e.getKey().startsWith("faults.")).mapToLong(e -> e.getValue()).sum();
    }
}
