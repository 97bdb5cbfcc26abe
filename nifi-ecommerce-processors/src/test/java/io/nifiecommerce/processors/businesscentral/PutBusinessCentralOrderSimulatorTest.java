package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.businesscentral.TestOrders;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PutBusinessCentralOrder against the sandbox's Business Central simulator (branch sandbox-bc). */
class PutBusinessCentralOrderSimulatorTest {

    private HttpServer server;
    private SandboxStats stats;
    private BcCompany company;

    private TestRunner start(final FaultPlan faults, final String priceBasis) throws Exception {
        stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(faults, 42L, stats), stats);
        final BusinessCentralTestSupport.SimulatedPut put = BusinessCentralTestSupport.putOrderOnSimulator(simulator, "CRONUS FR", 3);
        company = put.company();
        server = put.server();
        final TestRunner runner = put.runner();
        runner.setProperty(SalesOrderProperties.PRICE_BASIS, priceBasis);
        return runner;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static List<Order> orders(final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> TestOrders.b2c("#" + (5000 + i), 1 + i % 3)).toList();
    }

    @Test
    void ordersLandOnceWithTotalsMatchingTheShop() throws Exception {
        final TestRunner runner = start(FaultPlan.NONE, "EXCLUDING_TAX");
        final List<Order> orders = orders(150);
        runner.enqueue(BusinessCentralTestSupport.json(orders));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("bc.created.count", "150");
        assertEquals(150, company.salesOrders().size());
        assertEquals(0L, stats.get("bc.duplicates"));

        // BC adds its own 20 % VAT on the tax-excluded lines (the simulator leaves G/L account lines untaxed, so the
        // shipping line is taxed here at the shop's 20 %): the document equals the shop's total to a cent per line
        final Map<String, BigDecimal> totals = new HashMap<>();
        company.salesOrders().forEach(o -> {
            BigDecimal including = BigDecimal.ZERO;
            for (final JsonNode line : o.path("salesOrderLines")) {
                including = including.add(line.path("amountExcludingTax").decimalValue().multiply(new BigDecimal("1.2"))
                        .setScale(2, java.math.RoundingMode.HALF_UP));
            }
            assertTrue(o.path("salesOrderLines").size() >= 2, "item lines and shipping");
            totals.put(o.path("externalDocumentNumber").asText(), including);
        });
        for (final Order order : orders) {
            final BigDecimal difference = totals.get(order.name()).subtract(order.totalPrice()).abs();
            assertTrue(difference.compareTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(order.lines().size() + 1))) <= 0,
                    order.name() + " BC " + totals.get(order.name()) + " shop " + order.totalPrice());
        }

        // posted (shipped and invoiced) orders leave salesOrders: a replay still creates nothing
        final JsonNode first = company.salesOrders().get(0);
        company.shipAndInvoice(first.path("number").asText());
        runner.clearTransferState();
        runner.enqueue(BusinessCentralTestSupport.json(orders));
        runner.run();
        final MockFlowFile replay = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0);
        replay.assertAttributeEquals("bc.already.present.count", "150");
        assertEquals(0L, stats.get("bc.duplicates"));
    }

    @Test
    void underInjectedFaultsRetriesConvergeWithoutDuplicates() throws Exception {
        final TestRunner runner = start(FaultPlan.all(0.15).withTimeoutHold(java.time.Duration.ofMillis(200)), "AS_GIVEN");
        runner.enqueue(BusinessCentralTestSupport.json(orders(120)));
        int created = 0;
        int present = 0;
        for (int round = 0; round < 30 && runner.getQueueSize().getObjectCount() > 0; round++) {
            runner.run();
            for (final MockFlowFile success : runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS)) {
                created += Integer.parseInt(success.getAttribute("bc.created.count"));
                present += Integer.parseInt(success.getAttribute("bc.already.present.count"));
            }
            runner.assertTransferCount(PutBusinessCentralOrder.REL_FAILURE, 0);
            final List<MockFlowFile> retry = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_RETRY);
            runner.clearTransferState();
            retry.forEach(f -> runner.enqueue(f.toByteArray(), Map.of()));
        }
        assertEquals(0, runner.getQueueSize().getObjectCount(), "converged");
        assertEquals(120, company.salesOrders().size());
        assertEquals(0L, stats.get("bc.duplicates"), "no order twice, whatever the faults");
        assertTrue(created + present >= 120, created + " + " + present);
    }
}
