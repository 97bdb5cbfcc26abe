package io.nifiecommerce.it;

import io.nifiecommerce.it.demo.ConvergenceBound;
import io.nifiecommerce.it.demo.DemoOptions;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.demo.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #21: the demo at a fault rate of 0.3 (three answers in ten from the simulated Shopify and
 * Business Central fail: throttling, 5xx, timeouts, resets, truncated bodies, lost acknowledgements)
 * converges in every flow, orders, stock and tracking, within the bound of docs/reliability.md,
 * which depends on the work and the fault rate and not on the flows' schedules (the item read is
 * hourly: a failed read must be retried within minutes for stock to converge).
 */
@ExtendWith(RealNiFi.class)
class DemoConvergenceIT {

    /**
     * The bound of docs/reliability.md for 30 orders at 0.3: 5 min 47 s. It runs from the flows' start, after the nightly
     * master-data run that fills the empty shop: the orders only exist once that run made the products and companies, so
     * it cannot overlap the flows it would be measured with. The night has its own bound (MasterDataPhase.bound: a minute
     * per step plus 1.5 s per BC record / (1 - fault rate), from the publishers' requests and penalty, not from the CRON),
     * beyond which the demo fails naming the step.
     */
    private static final Duration BOUND = ConvergenceBound.of(30, 0.3, 0);

    @Test
    void everyFlowConvergesAtThreeFaultsInTen(final RealNiFi.Setup setup) throws Exception {
        final DemoOptions options = new DemoOptions(30, 183810, 0.3, true, BOUND, 0, true, 0);
        final SyncReport report;
        try (DemoRun demo = new DemoRun(options, setup.repository(), System.out, setup.nifi())) {
            report = demo.run();
        }
        System.out.println("convergence at 0.3: " + report.toJson(report.complete(), null));
        Converged.assertConverged(report);
        // about 0.2 of the answers counted fail at 0.3 (the token endpoints and the retried attempts count apart)
        final double share = (double) Converged.faults(report) / (Converged.faults(report) + Converged.requestsServed(report));
        assertTrue(share > 0.15, "share of answers faulted " + share + ": " + report.sandbox());
    }
}
