package io.nifiecommerce.amazon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SettlementReportFetch against the Reports API simulator at Amazon's default usage plans, on a clock the waits move. */
class SettlementReportFetchTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    private AmazonSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new AmazonSandbox(Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Reports emitted by one run, in order. */
    private final class Collected implements SettlementReportFetch.Sink {
        final List<String> ids = new ArrayList<>();

        @Override
        public void report(final ReportsV20210630.Report report, final byte[] content) {
            assertEquals("settlement-id\t" + report.reportId() + "\n", new String(content, StandardCharsets.UTF_8));
            ids.add(report.reportId());
        }

        @Override
        public void failed(final ReportsV20210630.Report report, final String code, final String message) {
            throw new AssertionError(code + " " + message);
        }
    }

    private List<String> publish(final int count) {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String id = sandbox.simulator.reports().publishSettlement("", START, START.plus(Duration.ofDays(14)), false);
            sandbox.simulator.reports().complete(id, "settlement-id\t" + id + "\n");
            ids.add(id);
            sandbox.clock.advance(Duration.ofSeconds(1));
        }
        return ids;
    }

    @Test
    void aBacklogPastGetReportDocumentsBurstStopsAtTheBundlesOwnGateWithoutA429AndResumes() {
        final List<String> ids = publish(17);
        final SettlementReportFetch fetch = new SettlementReportFetch(new ReportsV20210630(sandbox.client(Duration.ZERO)), Duration.ofHours(1));
        final Collected first = new Collected();
        final SettlementReportFetch.Outcome stopped = fetch.run(Map.of(), sandbox.clock.instant(), START, first);
        assertEquals(SellingPartnerClient.QUOTA_EXCEEDED, stopped.stoppedBy());
        assertEquals(ids.subList(0, 15), first.ids);
        assertEquals(15L, sandbox.simulator.calls().get("getReportDocument"));

        sandbox.clock.advance(Duration.ofMinutes(3));
        final Collected second = new Collected();
        final SettlementReportFetch.Outcome done = fetch.run(new HashMap<>(stopped.state()), sandbox.clock.instant(), START, second);
        assertNull(done.stoppedBy());
        assertEquals(ids.subList(15, 17), second.ids);
        assertEquals(17L, sandbox.simulator.calls().get("getReportDocument"));
        assertEquals(sandbox.clock.instant().toString(), done.state().get("createdSince"));
    }

    @Test
    void aLongerMaxRateWaitPacesTheRequestsInlineAndAmazonNeverThrottles() {
        final List<String> ids = publish(17);
        final Instant before = sandbox.clock.instant();
        final Collected collected = new Collected();
        final SettlementReportFetch.Outcome outcome = new SettlementReportFetch(new ReportsV20210630(sandbox.client(Duration.ofMinutes(2))),
                Duration.ofHours(1)).run(Map.of(), sandbox.clock.instant(), START, collected);
        assertNull(outcome.stoppedBy());
        assertEquals(ids, collected.ids);
        // two requests past the burst of 15 at 0.0167/s: about two minutes of waiting, no 429 (Amazon's would have stopped the run)
        final Duration waited = Duration.between(before, sandbox.clock.instant());
        assertTrue(waited.compareTo(Duration.ofSeconds(110)) > 0 && waited.compareTo(Duration.ofSeconds(130)) < 0, waited.toString());
        // ids older than the overlap behind the new watermark are forgotten: they cannot be listed again
        sandbox.clock.advance(Duration.ofHours(2));
        final SettlementReportFetch.Outcome later = new SettlementReportFetch(new ReportsV20210630(sandbox.client(Duration.ZERO)),
                Duration.ofHours(1)).run(outcome.state(), sandbox.clock.instant(), START, new Collected());
        assertEquals("", later.state().get("fetched"));
    }
}
