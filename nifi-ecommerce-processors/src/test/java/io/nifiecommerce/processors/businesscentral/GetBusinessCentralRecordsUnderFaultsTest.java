package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.schedule.RunState;
import io.nifiecommerce.schedule.ScheduledRuns;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hourly item read of the stock flow against the sandbox's Business Central simulator failing a
 * share of its answers (throttling, 5xx, timeouts, resets, truncated bodies), triggered every 30 s
 * as in the flow definition: it reads every item within minutes of simulated time, whatever the fault
 * rate, and not again before the hour. Issue #21: it used to fail once and wait an hour.
 */
class GetBusinessCentralRecordsUnderFaultsTest {

    private static final int ITEMS = 45;
    private static final int SEEDS = 8;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.5})
    void theHourlyReadConvergesWithinMinutesAndIsNotRepeatedBeforeTheHour(final double faultRate) throws Exception {
        Duration slowest = Duration.ZERO;
        int scenariosWithFailedRuns = 0;
        int mostFailuresInARow = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            final Outcome outcome = hourOfTriggers(faultRate, seed);
            assertEquals(ITEMS, outcome.read().size(), "every item read within the hour (seed " + seed + ")");
            // each failed run waits its capped backoff, then the next 30 s trigger: never the next hour
            final Duration bound = ScheduledRuns.longestWait(outcome.failedRuns()).plusSeconds(30L * outcome.failedRuns());
            assertTrue(outcome.convergedAfter().compareTo(bound) <= 0, "converged after " + outcome.convergedAfter() + " with "
                    + outcome.failedRuns() + " failed runs, more than their backoff allows (seed " + seed + ")");
            slowest = outcome.convergedAfter().compareTo(slowest) > 0 ? outcome.convergedAfter() : slowest;
            scenariosWithFailedRuns += outcome.failedRuns() > 0 ? 1 : 0;
            mostFailuresInARow = Math.max(mostFailuresInARow, outcome.failedRuns());
        }
        System.out.printf("fault rate %.1f: %d hours simulated, %d with failed reads (at most %d in a row), all items read after %s at the latest%n",
                faultRate, SEEDS, scenariosWithFailedRuns, mostFailuresInARow, slowest);
        if (faultRate >= 0.5) {
            assertTrue(scenariosWithFailedRuns > 0, "the faults made some reads fail, so the retries were exercised");
        }
    }

    /** @param failedRuns failed runs before the read that succeeded (all in a row: nothing succeeds before) */
    private record Outcome(Set<String> read, Duration convergedAfter, int failedRuns) {
    }

    /** An hour of triggers every 30 s of simulated time, as in stock-to-shopify.json, against a simulator failing at the rate. */
    private Outcome hourOfTriggers(final double faultRate, final long seed) throws Exception {
        final SandboxStats stats = new SandboxStats();
        final FaultPlan faults = FaultPlan.all(faultRate).withTimeoutHold(Duration.ofMillis(1200));
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(faults, seed, stats), stats);
        try {
            final BcCompany company = simulator.createCompany("CRONUS FR");
            for (int i = 1; i <= ITEMS; i++) {
                company.putItem("SKU-" + i, "Product " + i, null, new BigDecimal("10.00"), BigDecimal.valueOf(i));
            }
            final GetBusinessCentralRecords processor = new GetBusinessCentralRecords();
            final TestRunner runner = TestRunners.newTestRunner(processor);
            // two attempts per request: more runs fail as a whole than with the default five, which is the path under test
            server = BusinessCentralTestSupport.connectToSimulator(runner, simulator, "CRONUS FR", "1 sec", "2");
            BusinessCentralTestSupport.jsonRecords(runner, false);
            runner.setProperty(GetBusinessCentralRecords.CONNECTION_SERVICE, "bc");
            runner.setProperty(GetBusinessCentralRecords.RECORD_WRITER, "writer");
            runner.setProperty(GetBusinessCentralRecords.ENTITY_SET, "items");
            runner.setProperty(GetBusinessCentralRecords.SELECT, "id,number,inventory,lastModifiedDateTime");
            runner.setProperty(GetBusinessCentralRecords.PAGE_SIZE, "10");
            runner.setProperty(GetBusinessCentralRecords.RUN_SCHEDULE, "1 hour");

            final Instant start = Instant.now().plusSeconds(60); // the items are older than the settle time
            final Set<String> read = new HashSet<>();
            Instant convergedAt = null;
            int mostFailuresInARow = 0;
            for (Instant now = start; now.isBefore(start.plus(Duration.ofMinutes(59))); now = now.plusSeconds(30)) {
                processor.setClock(Clock.fixed(now, ZoneOffset.UTC));
                runner.run();
                for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS)) {
                    for (final JsonNode item : BusinessCentralTestSupport.MAPPER.readTree(flowFile.getContent())) {
                        assertTrue(read.add(item.path("number").asText()), "read twice within the hour: " + item);
                    }
                }
                runner.clearTransferState();
                final String failures = runner.getStateManager().getState(Scope.CLUSTER).get(RunState.FAILURES);
                mostFailuresInARow = Math.max(mostFailuresInARow, failures == null ? 0 : Integer.parseInt(failures));
                if (convergedAt == null && read.size() == ITEMS) {
                    convergedAt = now;
                }
            }
            return new Outcome(read, convergedAt == null ? Duration.ofDays(1) : Duration.between(start, convergedAt), mostFailuresInARow);
        } finally {
            server.stop(0);
            server = null;
        }
    }
}
