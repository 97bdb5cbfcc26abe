package io.nifiecommerce.processors.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.mirakl.ManualClock;
import io.nifiecommerce.sandbox.mirakl.MiraklShop;
import io.nifiecommerce.sandbox.mirakl.MiraklSimulator;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Mirakl processors in a NiFi mock framework against the sandbox's Mirakl simulator. */
class MiraklProcessorsSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "sandbox-key";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final MiraklShop shop = new MiraklShop("2001", "Maison Dupont", clock, Duration.ZERO);
    private MiraklSimulator simulator;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        simulator = new MiraklSimulator(shop, KEY, 1000, null);
        server = simulator.serve();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TestRunner runner(final Processor processor) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final StandardMiraklConnectionService connection = new StandardMiraklConnectionService();
        runner.addControllerService("mirakl", connection);
        runner.setProperty(connection, StandardMiraklConnectionService.INSTANCE_URL, "http://127.0.0.1:" + server.getAddress().getPort());
        runner.setProperty(connection, StandardMiraklConnectionService.API_KEY, KEY);
        runner.setProperty(connection, StandardMiraklConnectionService.MARKETPLACE, "carrefour");
        runner.enableControllerService(connection);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        return runner;
    }

    private String order(final String commercialId, final String sku) {
        final String id = shop.placeOrder(commercialId, null, new MiraklShop.NewCustomer("Léa", "Bernard", "3 place Bellecour", "69002", "Lyon", "FRA"),
                List.of(new MiraklShop.NewLine(sku, "Produit " + sku, 1, new BigDecimal("29.90"), new BigDecimal("3.90"), new BigDecimal("0.12"))));
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    private TestRunner fetchOrders() throws Exception {
        final FetchMiraklOrders processor = new FetchMiraklOrders();
        processor.setClock(clock);
        final TestRunner runner = runner(processor);
        runner.setProperty(FetchMiraklOrders.MIRAKL_CONNECTION, "mirakl");
        runner.setProperty(FetchMiraklOrders.RECORD_WRITER, "writer");
        runner.setProperty(FetchMiraklOrders.ACCEPTANCE_POLICY, FetchMiraklOrders.ACCEPT_ALL.getValue());
        runner.setProperty(FetchMiraklOrders.INITIAL_START_DATE, "2026-11-01T00:00:00Z");
        return runner;
    }

    @Test
    void ordersAreAcceptedThenEmittedOnceAsCanonicalRecords() throws Exception {
        final String first = order("1001", "SKU-1");
        final String second = order("1002", "SKU-2");
        final TestRunner runner = fetchOrders();

        runner.run();
        runner.assertTransferCount(FetchMiraklOrders.REL_ACCEPTANCE, 1);
        final JsonNode decisions = MAPPER.readTree(runner.getFlowFilesForRelationship(FetchMiraklOrders.REL_ACCEPTANCE).get(0).toByteArray());
        assertEquals(2, decisions.size());
        assertTrue(decisions.get(0).path("accepted").asBoolean());
        // the simulated operator debits at acceptance: the orders are read back and written in the same run
        runner.assertTransferCount(FetchMiraklOrders.REL_SUCCESS, 1);
        final MockFlowFile orders = runner.getFlowFilesForRelationship(FetchMiraklOrders.REL_SUCCESS).get(0);
        orders.assertAttributeEquals("record.count", "2");
        orders.assertAttributeEquals("mirakl.marketplace", "carrefour");
        final JsonNode records = MAPPER.readTree(orders.toByteArray());
        assertEquals(List.of(first, second), List.of(records.get(0).path("sourceId").asText(), records.get(1).path("sourceId").asText()));
        assertEquals("carrefour", records.get(0).path("channel").asText());
        assertEquals("mirakl", records.get(0).path("source").asText());

        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(5));
            runner.clearTransferState();
            runner.run();
            runner.assertTransferCount(FetchMiraklOrders.REL_SUCCESS, 0);
        }
        assertFalse(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty());
    }

    @Test
    void aFailingMarketplaceCommitsNothing() throws Exception {
        order("1101", "SKU-1");
        final TestRunner runner = fetchOrders();
        server.stop(0);
        runner.run();
        runner.assertTransferCount(FetchMiraklOrders.REL_SUCCESS, 0);
        runner.assertTransferCount(FetchMiraklOrders.REL_ACCEPTANCE, 0);
        assertTrue(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty());
        server = simulator.serve();
    }

    @Test
    void shipmentsAreConfirmedOnceAndRoutedByOutcome() throws Exception {
        final String shipping = order("2001", "SKU-1");
        final String waiting = order("2002", "SKU-2");
        final TestRunner fetch = fetchOrders();
        fetch.run();
        // a third order arrives after the acceptance run: still waiting
        final String late = order("2003", "SKU-3");

        final TestRunner runner = runner(new PutMiraklShipment());
        runner.setProperty(PutMiraklShipment.MIRAKL_CONNECTION, "mirakl");
        runner.setProperty(PutMiraklShipment.RECORD_READER, "reader");
        runner.setProperty(PutMiraklShipment.RECORD_WRITER, "writer");
        runner.setProperty(PutMiraklShipment.CARRIER_CODES, "colissimo=COLISSIMO, chronopost=CHRONOPOST");
        final String events = "[" + event(shipping, "6A11111111111") + "," + event(waiting, "6A22222222222") + ","
                + event(late, "6A33333333333") + "," + event("0000-A", "6A44444444444") + "," + event("", "6A5") + "]";
        runner.enqueue(events.getBytes(StandardCharsets.UTF_8));
        runner.run();
        runner.assertTransferCount(PutMiraklShipment.REL_SUCCESS, 1);
        runner.assertTransferCount(PutMiraklShipment.REL_RETRY, 1);
        runner.assertTransferCount(PutMiraklShipment.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PutMiraklShipment.REL_SUCCESS).get(0).assertAttributeEquals("record.count", "2");
        final JsonNode failed = MAPPER.readTree(runner.getFlowFilesForRelationship(PutMiraklShipment.REL_FAILURE).get(0).toByteArray());
        assertEquals(2, failed.size());
        assertEquals("ORDER_NOT_FOUND", failed.get(0).path("errorCode").asText());

        runner.clearTransferState();
        runner.enqueue(events.getBytes(StandardCharsets.UTF_8));
        runner.run();
        final JsonNode replay = MAPPER.readTree(runner.getFlowFilesForRelationship(PutMiraklShipment.REL_SUCCESS).get(0).toByteArray());
        assertEquals("ALREADY_SHIPPED", replay.get(0).path("miraklResult").asText());
        assertEquals(2L, simulator.calls().get("OR24"), "one OR24 per order, replays included");
    }

    private static String event(final String order, final String number) {
        return "{\"orderReference\":\"" + order + "\",\"trackingNumber\":\"" + number + "\",\"carrier\":\"colissimo\",\"trackingUrl\":null}";
    }

    @Test
    void eachClosedPeriodIsSummarisedOnce() throws Exception {
        final String a = order("3001", "SKU-1");
        shop.placeOrder("3002", null, new MiraklShop.NewCustomer("Paul", "Durand", "1 rue", "13001", "Marseille", "FRA"),
                List.of(new MiraklShop.NewLine("SKU-2", "P2", 2, new BigDecimal("10.00"), BigDecimal.ZERO, new BigDecimal("0.10"))));
        fetchOrders().run();
        shop.ordersByState();
        clock.advance(Duration.ofHours(2));
        shop.closeBillingCycle().orElseThrow();

        final FetchMiraklSettlement processor = new FetchMiraklSettlement();
        processor.setClock(Clock.offset(clock, Duration.ofDays(1)));
        final TestRunner runner = runner(processor);
        runner.setProperty(FetchMiraklSettlement.MIRAKL_CONNECTION, "mirakl");
        runner.setProperty(FetchMiraklSettlement.INITIAL_START_DATE, "2026-11-20T00:00:00Z");
        runner.run();
        runner.assertTransferCount(FetchMiraklSettlement.REL_SUCCESS, 1);
        final MockFlowFile flowFile = runner.getFlowFilesForRelationship(FetchMiraklSettlement.REL_SUCCESS).get(0);
        flowFile.assertAttributeEquals("settlement.order.count", "2");
        final JsonNode settlement = MAPPER.readTree(flowFile.toByteArray());
        assertEquals("0.00", settlement.path("balance").asText());
        assertEquals("53.80", settlement.path("sales").asText());
        assertEquals("CARREFOUR-1001", settlement.path("documents").get(0).path("key").asText());
        assertTrue(settlement.path("netByOrder").has(a));

        runner.clearTransferState();
        runner.run();
        runner.assertTransferCount(FetchMiraklSettlement.REL_SUCCESS, 0);
    }

    @Test
    void shortPeriodsCarryTheOperatorsDocumentsOnceTheirDelayHasPassed() throws Exception {
        // the demo's compression: two-minute periods from 10:00, summarised 30 s after their end, on the marketplace's clock
        order("4001", "SKU-1");
        fetchOrders().run();
        shop.ordersByState();
        clock.advance(Duration.ofSeconds(150));
        final JsonNode credit = shop.issueManualCredit(new BigDecimal("5.00"), "Geste commercial");
        final JsonNode invoice = shop.closeBillingCycle().orElseThrow();

        final FetchMiraklSettlement processor = new FetchMiraklSettlement();
        processor.setClock(clock);
        final TestRunner runner = runner(processor);
        runner.setProperty(FetchMiraklSettlement.MIRAKL_CONNECTION, "mirakl");
        runner.setProperty(FetchMiraklSettlement.INITIAL_START_DATE, "2026-11-20T10:00:00Z");
        runner.setProperty(FetchMiraklSettlement.PERIOD, "2 min");
        runner.setProperty(FetchMiraklSettlement.SETTLEMENT_DELAY, "30 sec");
        runner.run();
        // 10:02:31: the first period (the sale) is summarised, the second (the documents issued at 10:02:31) is still open
        runner.assertTransferCount(FetchMiraklSettlement.REL_SUCCESS, 1);
        assertTrue(MAPPER.readTree(runner.getFlowFilesForRelationship(FetchMiraklSettlement.REL_SUCCESS).get(0).toByteArray())
                .path("documents").isEmpty());

        runner.clearTransferState();
        clock.advance(Duration.ofMinutes(1));
        runner.run();
        runner.assertTransferCount(FetchMiraklSettlement.REL_SUCCESS, 0);

        clock.advance(Duration.ofMinutes(1));
        runner.run();
        runner.assertTransferCount(FetchMiraklSettlement.REL_SUCCESS, 1);
        final MockFlowFile second = runner.getFlowFilesForRelationship(FetchMiraklSettlement.REL_SUCCESS).get(0);
        second.assertAttributeEquals("settlement.period.start", "2026-11-20T10:02:00Z");
        final List<String> keys = new java.util.ArrayList<>();
        MAPPER.readTree(second.toByteArray()).path("documents").forEach(document -> keys.add(document.path("key").asText()));
        assertEquals(List.of("CARREFOUR-" + credit.path("invoice_id").asText(), "CARREFOUR-" + invoice.path("invoice_id").asText()),
                keys.stream().sorted().toList());
    }
}
