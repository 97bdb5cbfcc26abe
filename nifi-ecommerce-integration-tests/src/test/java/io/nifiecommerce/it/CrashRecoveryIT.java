package io.nifiecommerce.it;

import io.nifiecommerce.it.demo.ConvergenceBound;
import io.nifiecommerce.it.demo.DemoOptions;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.demo.SyncReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kill -9 of NiFi at random moments of the sync, then a restart on the same repositories: the flows
 * resume from their committed state and converge fully: every shop order reaches Business Central
 * exactly once, stock in the shop equals its sources, shipped orders carry their tracking. CI runs
 * a few crashes ({@code nifi-ecommerce.crashes}, default 2);
 * {@code harness/crash-test.sh} runs many and records the figures in docs/reliability.md.
 */
class CrashRecoveryIT {

    @Test
    void everyFlowConvergesAcrossKillNineWithNoOrderLostOrDuplicated() throws Exception {
        final int crashes = Integer.getInteger("nifi-ecommerce.crashes", 2);
        final long seed = Long.getLong("nifi-ecommerce.crash.seed", 11);
        final Path repository = Path.of(System.getProperty("nifi-ecommerce.repository", "..")).toAbsolutePath().normalize();
        final DemoOptions options = new DemoOptions(30, seed, 0.05, true, ConvergenceBound.of(30, 0.05, crashes), 0, true, crashes);
        final SyncReport report;
        try (DemoRun demo = new DemoRun(options, repository, System.out)) {
            report = demo.run();
            assertEquals(crashes, demo.crashes(), "NiFi was killed as many times as asked");
        }
        System.out.println("crash test: " + report.toJson(report.complete(), null));
        Converged.assertConverged(report);
    }
}
