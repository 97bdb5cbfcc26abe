package io.nifiecommerce.mirakl;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderSyncState;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiraklOrderSyncTest {

    private MiraklSandbox sandbox;
    private final List<MiraklOrder> emitted = new ArrayList<>();
    private final List<AcceptancePolicy.Decision> decisions = new ArrayList<>();
    private final MiraklOrderSync.Sink sink = new MiraklOrderSync.Sink() {
        @Override
        public void order(final MiraklOrder order) {
            emitted.add(order);
        }

        @Override
        public void decision(final MiraklOrder order, final AcceptancePolicy.Decision decision) {
            decisions.add(decision);
        }
    };

    @BeforeEach
    void start() throws Exception {
        sandbox = new MiraklSandbox(1000);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private MiraklOrderSync sync(final Map<String, BigDecimal> stock, final int pageSize) {
        return new MiraklOrderSync(sandbox.api(), new AcceptancePolicy(skus -> stock, false), Duration.ofMinutes(5), pageSize);
    }

    @Test
    void linesAreAcceptedWhenStockSufficesThenTheDebitedOrdersAreEmittedOnce() {
        final String ok = sandbox.order("1001", MiraklSandbox.line("SKU-A", 2, "19.90"));
        final String partial = sandbox.order("1002", MiraklSandbox.line("SKU-A", 1, "19.90"), MiraklSandbox.line("SKU-X", 1, "5.00"));
        final String short_ = sandbox.order("1003", MiraklSandbox.line("SKU-B", 3, "9.90"));
        final MiraklOrderSync sync = sync(Map.of("SKU-A", BigDecimal.valueOf(3), "SKU-B", BigDecimal.ONE), 100);
        final Instant start = Instant.parse("2026-11-01T00:00:00Z");

        final MiraklOrderSync.Outcome first = sync.run(new OrderSyncState(null, Map.of()), sandbox.clock.instant(), start, sink);
        assertEquals(3, first.decided());
        assertEquals(2, first.emitted(), "the simulator debits at acceptance: the accepted orders are read back and emitted at once");
        assertEquals(List.of(true), decisions.get(0).lines().stream().map(AcceptancePolicy.LineDecision::accepted).toList());
        assertEquals(List.of(true, false), decisions.get(1).lines().stream().map(AcceptancePolicy.LineDecision::accepted).toList());
        assertEquals(AcceptancePolicy.UNKNOWN_SKU, decisions.get(1).lines().get(1).reason());
        assertEquals(AcceptancePolicy.INSUFFICIENT_STOCK, decisions.get(2).lines().get(0).reason());

        sandbox.clock.advance(Duration.ofSeconds(30));
        final MiraklOrderSync.Outcome second = sync.run(first.state(), sandbox.clock.instant(), start, sink);
        assertEquals(List.of(ok, partial), emitted.stream().map(MiraklOrder::orderId).toList());
        assertEquals("SHIPPING", emitted.get(0).state());
        assertEquals(0, second.emitted(), "the versions read back are not emitted again");
        assertEquals(1, second.passedOver(), "the refused order is read and passed over");

        sandbox.clock.advance(Duration.ofSeconds(30));
        final MiraklOrderSync.Outcome third = sync.run(second.state(), sandbox.clock.instant(), start, sink);
        assertEquals(0, third.emitted(), "OR11 returns the same versions again (overlap and its own delta): none is emitted twice");
        assertEquals(2, emitted.size());
        assertFalse(short_.isEmpty());
    }

    @Test
    void anOrderDebitedLaterIsEmittedWhenTheNextWindowSeesIt() throws Exception {
        sandbox.close();
        sandbox = new MiraklSandbox(1000, Duration.ofMinutes(2));
        final String id = sandbox.order("1501", MiraklSandbox.line("SKU-A", 1, "19.90"));
        final MiraklOrderSync sync = sync(Map.of("SKU-A", BigDecimal.TEN), 100);
        final Instant start = Instant.parse("2026-11-01T00:00:00Z");
        final MiraklOrderSync.Outcome first = sync.run(new OrderSyncState(null, Map.of()), sandbox.clock.instant(), start, sink);
        assertEquals(0, first.emitted(), "WAITING_DEBIT_PAYMENT when read back");
        sandbox.clock.advance(Duration.ofMinutes(3));
        sync.run(first.state(), sandbox.clock.instant(), start, sink);
        assertEquals(List.of(id), emitted.stream().map(MiraklOrder::orderId).toList());
    }

    /** 230 orders of one SKU in stock, read and decided by one pass from the start, in pages of 100. */
    private MiraklOrderSync.Outcome firstPassOver230Orders() {
        for (int i = 0; i < 230; i++) {
            sandbox.order(Integer.toString(5000 + i), MiraklSandbox.line("SKU-A", 1, "10.00"));
        }
        return sync(Map.of("SKU-A", BigDecimal.valueOf(1000)), 100)
                .run(new OrderSyncState(null, Map.of()), sandbox.clock.instant(), Instant.parse("2026-11-01T00:00:00Z"), sink);
    }

    @Test
    void everyPageOfALargeWindowIsRead() {
        final MiraklOrderSync.Outcome outcome = firstPassOver230Orders();
        assertEquals(230, outcome.read());
        assertEquals(230, outcome.decided());
        assertEquals(6L, sandbox.simulator.calls().get("OR11"), "three pages of the window, three read-backs of 100 accepted orders");
    }

    /**
     * Cut answers on a fifth of the requests: the pages are read again by the client, so one pass reads and decides the
     * whole window (in the 10,000-order run a cut page ended the pass, which then waited five minutes for the next).
     */
    @Test
    void cutAnswersDoNotEndThePassOverALargeWindow() throws Exception {
        sandbox.close();
        final SandboxStats stats = new SandboxStats();
        final FaultPlan cut = new FaultPlan(0.2, false, false, false, false, true, Duration.ZERO, Duration.ofSeconds(2), false);
        sandbox = new MiraklSandbox(1000, Duration.ZERO, new FaultInjector(cut, 11, stats));
        final MiraklOrderSync.Outcome outcome = firstPassOver230Orders();
        assertEquals(230, outcome.read());
        assertEquals(230, outcome.decided());
        assertNull(sandbox.shop.ordersByState().get("WAITING_ACCEPTANCE"), "every order decided on Mirakl's side too");
        assertTrue(stats.snapshot().getOrDefault("faults.MALFORMED_BODY", 0L) >= 10, stats.snapshot().toString());
    }

    @Test
    void canonicalOrdersCarryTheMarketplaceAsChannelAndLeaveRefusedLinesOut() {
        sandbox.order("2001", MiraklSandbox.line("SKU-A", 2, "19.90"), MiraklSandbox.line("SKU-X", 1, "5.00"));
        final MiraklOrderSync sync = sync(Map.of("SKU-A", BigDecimal.TEN), 100);
        final Instant start = Instant.parse("2026-11-01T00:00:00Z");
        final OrderSyncState state = sync.run(new OrderSyncState(null, Map.of()), sandbox.clock.instant(), start, sink).state();
        sandbox.clock.advance(Duration.ofSeconds(10));
        sync.run(state, sandbox.clock.instant(), start, sink);

        final Order order = new MiraklOrderMapper("carrefour").map(emitted.get(0));
        assertEquals("carrefour", order.channel());
        assertEquals("2001-A", order.sourceId());
        assertEquals("2001-A", order.name());
        assertEquals(1, order.lines().size());
        assertEquals("SKU-A", order.lines().get(0).sku());
        assertEquals(new BigDecimal("19.90"), order.lines().get(0).unitPrice());
        assertEquals(new BigDecimal("0.2"), order.lines().get(0).taxRate());
        assertTrue(order.taxesIncluded());
        assertEquals("FR", order.shippingAddress().countryCode());
        assertEquals("PAID", order.financialStatus());
        assertEquals(new BigDecimal("44.70"), order.totalPrice(), "39.80 of goods and 4.90 of shipping of the accepted line");
        assertTrue(order.tags().contains("mirakl-channel:WEB"));
    }

    @Test
    void wholeOrderPolicyRefusesEveryLineWhenOneCannotBeServed() {
        sandbox.order("3001", MiraklSandbox.line("SKU-A", 1, "19.90"), MiraklSandbox.line("SKU-X", 1, "5.00"));
        new MiraklOrderSync(sandbox.api(), new AcceptancePolicy(skus -> Map.of("SKU-A", BigDecimal.TEN), true), Duration.ofMinutes(5), 100)
                .run(new OrderSyncState(null, Map.of()), sandbox.clock.instant(), Instant.parse("2026-11-01T00:00:00Z"), sink);
        assertEquals(AcceptancePolicy.ORDER_REFUSED_WHOLE, decisions.get(0).lines().get(0).reason());
        assertEquals("REFUSED", sandbox.api().ordersById(List.of("3001-A")).get(0).state());
    }

    @Test
    void aRefusedKeyIsAnAuthenticationFailure() {
        final ApiException e = assertThrows(ApiException.class, () -> sandbox.api("wrong").listOrdersUpdated(null, null, 0, 10));
        assertEquals(ErrorClass.AUTHENTICATION, e.errorClass());
        assertEquals(401, e.status());
    }

    @Test
    void aDecisionMissingALineIsRefusedWithMiraklsCode() {
        final String id = sandbox.order("4001", MiraklSandbox.line("SKU-A", 1, "19.90"), MiraklSandbox.line("SKU-B", 1, "5.00"));
        final ApiException e = assertThrows(ApiException.class, () -> sandbox.api().acceptLines(id, Map.of(id + "-1", true)));
        assertEquals("ORDER_LINE_ACCEPTANCE_DECISION_MISSING", e.code());
        assertEquals(ErrorClass.PERMANENT, e.errorClass());
    }

    @Test
    void throttledCallsWaitAsToldAndSucceed() throws Exception {
        sandbox.close();
        sandbox = new MiraklSandbox(2);
        for (int i = 0; i < 5; i++) {
            assertNull(sandbox.api().listOrdersUpdated(null, null, 0, 10).orders().stream().findFirst().orElse(null));
        }
        assertTrue(sandbox.simulator.calls().get("OR11") > 5, "some calls were answered 429 and retried");
    }
}
