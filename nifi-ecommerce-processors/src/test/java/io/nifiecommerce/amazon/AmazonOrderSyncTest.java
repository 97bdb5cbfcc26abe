package io.nifiecommerce.amazon;

import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Incremental reads against the simulated Orders API with Amazon's default usage plans, on a clock the test moves. */
class AmazonOrderSyncTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration OVERLAP = Duration.ofMinutes(10);

    private AmazonSandbox sandbox;
    private final Map<String, String> state = new HashMap<>();
    private final List<Order> emitted = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private final AmazonOrderMapper mapper = new AmazonOrderMapper("amazon");

    @BeforeEach
    void start() throws Exception {
        sandbox = new AmazonSandbox(Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private AmazonOrderSync.Outcome run(final OrdersV0 api, final int pageSize) {
        final AmazonOrderSync.Outcome outcome = new AmazonOrderSync(api, OVERLAP, pageSize).run(state, sandbox.clock.instant(), START,
                new AmazonOrderSync.Sink() {
                    @Override
                    public void order(final AmazonOrder order) {
                        emitted.add(mapper.map(order));
                    }

                    @Override
                    public void unknown(final AmazonOrder order, final String reason) {
                        unknown.add(order.orderId());
                    }
                });
        state.clear();
        state.putAll(outcome.toMap());
        return outcome;
    }

    @Test
    void pendingOrdersWaitForTheirPaymentAndEachVersionIsSentOnce() {
        final OrdersV0 api = sandbox.orders(Duration.ofSeconds(10));
        final String paid = sandbox.order("SKU-1", 2);
        final String cancelled = sandbox.order("SKU-2", 1);
        sandbox.clock.advance(Duration.ofMinutes(3));
        AmazonOrderSync.Outcome outcome = run(api, 100);
        assertEquals(2, outcome.read());
        assertEquals(0, outcome.emitted(), "Pending: payment not authorised");
        assertEquals(2, outcome.passedOver());

        sandbox.seller.cancel(cancelled);
        sandbox.clock.advance(Duration.ofMinutes(5));
        outcome = run(api, 100);
        assertEquals(2, outcome.emitted());
        final Order unshipped = emitted.stream().filter(o -> o.sourceId().equals(paid)).findFirst().orElseThrow();
        assertNull(unshipped.cancelledAt());
        assertEquals("AUTHORIZED", unshipped.financialStatus());
        assertEquals(1, unshipped.lines().size());
        final Order cancel = emitted.stream().filter(o -> o.sourceId().equals(cancelled)).findFirst().orElseThrow();
        assertNotNull(cancel.cancelledAt());
        assertTrue(cancel.lines().isEmpty());

        // the overlap reads both again: nothing twice
        sandbox.clock.advance(Duration.ofMinutes(3));
        assertEquals(0, run(api, 100).emitted());
        sandbox.seller.ship(paid, null);
        sandbox.clock.advance(Duration.ofMinutes(3));
        assertEquals(1, run(api, 100).emitted(), "Shipped is a new version");
        assertEquals("FULFILLED", emitted.get(emitted.size() - 1).fulfillmentStatus());
        assertEquals(0, run(api, 100).emitted());
        assertEquals(3, emitted.size());
        assertTrue(unknown.isEmpty());
    }

    @Test
    void pagesOfOrdersAndTheirItemsAreReadWithinTheUsagePlans() {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            ids.add(sandbox.order("SKU-" + (i % 7), 1 + i % 3));
        }
        sandbox.simulator.orderItemsPerPage(1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        final AmazonOrderSync.Outcome outcome = run(sandbox.orders(Duration.ofSeconds(10)), 100);
        assertNull(outcome.stoppedBy());
        assertNull(outcome.resume());
        assertEquals(230, outcome.emitted());
        assertEquals(Set.copyOf(ids), new HashSet<>(emitted.stream().map(Order::sourceId).toList()));
        assertEquals(3L, sandbox.simulator.calls().get("getOrders"));
        // 230 orders, beyond getOrderItems' burst of 30: the client waited for its plan rather than meeting 429
        assertEquals(230L, sandbox.simulator.calls().get("getOrderItems"));
        assertEquals(1L, sandbox.simulator.calls().get("lwaToken"));
    }

    /**
     * Cut answers (a tenth of the requests here) are read again by the client: in the 10,000-order run each one ended the
     * two-minute run of FetchAmazonOrders, which read 2 to 105 of 2,500 orders a run.
     */
    @Test
    void cutAnswersAreReadAgainWithoutEndingTheRun() throws Exception {
        sandbox.close();
        final SandboxStats stats = new SandboxStats();
        final FaultPlan cut = new FaultPlan(0.1, false, false, false, false, true, Duration.ZERO, Duration.ofSeconds(2), false);
        sandbox = new AmazonSandbox(Duration.ofMinutes(5), 1, new FaultInjector(cut, 3, stats));
        for (int i = 0; i < 200; i++) {
            sandbox.order("SKU-" + i % 7, 1);
        }
        sandbox.clock.advance(Duration.ofMinutes(10));
        final AmazonOrderSync.Outcome outcome = run(sandbox.orders(Duration.ofSeconds(10)), 100);
        assertTrue(sandbox.simulator.calls().get("getOrderItems") > 200, "paid orders: their items are read, some twice");
        assertNull(outcome.stoppedBy());
        assertEquals(200, outcome.emitted());
        assertEquals(200, new HashSet<>(emitted.stream().map(Order::sourceId).toList()).size());
        assertTrue(stats.snapshot().getOrDefault("faults.MALFORMED_BODY", 0L) >= 5, stats.snapshot() + " " + sandbox.simulator.calls());
    }

    @Test
    void aRunThatSpendsTheUsagePlanStopsAndTheNextGoesOnFromTheSamePage() {
        for (int i = 0; i < 250; i++) {
            sandbox.seller.cancel(sandbox.order("SKU-" + i, 1));
        }
        sandbox.clock.advance(Duration.ofMinutes(10));
        final OrdersV0 api = sandbox.orders(Duration.ofSeconds(10));
        final AmazonOrderSync.Outcome first = run(api, 10);
        assertEquals(SellingPartnerClient.QUOTA_EXCEEDED, first.stoppedBy());
        assertEquals(200, first.emitted(), "the burst of 20 pages");
        assertNotNull(first.resume().nextToken());

        sandbox.clock.advance(Duration.ofMinutes(5));
        final AmazonOrderSync.Outcome second = run(api, 10);
        assertNull(second.stoppedBy());
        assertEquals(50, second.emitted());
        assertEquals(25L, sandbox.simulator.calls().get("getOrders"), "no page read twice");
        assertEquals(250, new HashSet<>(emitted.stream().map(Order::sourceId).toList()).size());
        assertEquals(250, emitted.size());
    }

    @Test
    void amazonsOwn429EndsTheRunWithoutLosingAnOrder() {
        for (int i = 0; i < 30; i++) {
            sandbox.seller.cancel(sandbox.order("SKU-" + i, 1));
        }
        sandbox.clock.advance(Duration.ofMinutes(10));
        // another client of the same selling partner and application spends getOrders' bucket first
        final OrdersV0 other = sandbox.orders(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            other.ordersUpdated(START, sandbox.clock.instant().minus(Duration.ofMinutes(3)), 1);
        }
        final AmazonOrderSync.Outcome throttled = run(sandbox.orders(Duration.ofSeconds(10)), 10);
        assertEquals(SellingPartnerClient.QUOTA_EXCEEDED, throttled.stoppedBy());
        assertEquals(0, throttled.emitted());

        sandbox.clock.advance(Duration.ofMinutes(5));
        final AmazonOrderSync.Outcome next = run(sandbox.orders(Duration.ofSeconds(10)), 10);
        assertNull(next.stoppedBy());
        assertEquals(30, emitted.size());
        assertEquals(30, new HashSet<>(emitted.stream().map(Order::sourceId).toList()).size());
    }
}
