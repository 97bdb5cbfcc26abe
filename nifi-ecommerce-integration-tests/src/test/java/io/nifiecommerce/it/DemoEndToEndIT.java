package io.nifiecommerce.it;

import io.nifiecommerce.it.demo.DemoOptions;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.demo.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's path with faults injected, in the real NiFi: the four flow definitions imported with
 * their parameters pointing at the sandbox, which fails 10% of its answers on purpose (throttling,
 * 5xx, timeouts, resets, malformed bodies, lost acknowledgements). Every shop order must reach
 * Business Central exactly once for the same amount, marketplace orders too, stock in the shop must
 * equal its sources, and shipped orders must carry their tracking in Shopify.
 */
@ExtendWith(RealNiFi.class)
class DemoEndToEndIT {

    @Test
    void everyOrderOnceStockEqualAndTrackingBackUnderFaults(final RealNiFi.Setup setup) throws Exception {
        final DemoOptions options = new DemoOptions(40, 7, 0.10, true, Duration.ofMinutes(8), 0, true);
        final SyncReport report;
        try (DemoRun demo = new DemoRun(options, setup.repository(), System.out, setup.nifi())) {
            report = demo.run();
        }
        assertNotNull(report);
        System.out.println(report.toJson(report.complete(), null));
        assertAll(
                () -> assertEquals(report.shopOrders(), report.ordersInBc(), "every shop order in Business Central"),
                () -> assertEquals(0, report.duplicates(), "no order twice in Business Central"),
                () -> assertEquals(List.of(), report.amountMismatches(), "amounts equal to the cent"),
                () -> assertEquals(report.marketplaceExpected(), report.marketplaceInBc(), "marketplace orders in Business Central"),
                () -> assertEquals(report.stockExpected(), report.stockMatching(), "stock in the shop equal to its sources"),
                () -> assertTrue(report.shipped() > 0, "the 3PL shipped orders"),
                () -> assertEquals(report.shipped(), report.fulfilledWithTracking(), "shipped orders fulfilled with their tracking"),
                () -> assertTrue(report.sandbox().keySet().stream().anyMatch(k -> k.startsWith("faults.")), "faults were injected"));
    }
}
