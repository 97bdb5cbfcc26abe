package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.businesscentral.TestOrders;
import io.nifiecommerce.order.Customer;
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

    private static final String NEW_BUYER = "gid://shopify/Customer/7398465798423";

    /**
     * Orders of one new Shopify customer in four buckets, written by two tasks: one card, numbered from the Shopify
     * customer, whichever task gets there first; both tasks book their orders on it.
     */
    @Test
    void aNewShopCustomerGetsOneCardWhicheverBucketsItsOrdersAreIn() throws Exception {
        final TestRunner runner = createCustomers();
        writeInFourBuckets(runner);
        assertOrdersOnOneCard("new.buyer@example.org");
    }

    /** The card another node created a moment before (or under the e-mail the customer had then): BC refuses a second, the order goes on it. */
    @Test
    void aCardAnotherNodeCreatedIsUsedWhenBusinessCentralRefusesASecond() throws Exception {
        final TestRunner runner = createCustomers();
        company.putCustomer("SHOP-7398465798423", "New Buyer", "old.address@example.org", null);
        writeInFourBuckets(runner);
        assertOrdersOnOneCard("old.address@example.org");
    }

    private TestRunner createCustomers() throws Exception {
        final TestRunner runner = start(FaultPlan.NONE, "AS_GIVEN");
        runner.setProperty(SalesOrderProperties.B2C_CUSTOMER_MATCHING, "EMAIL,CREATE");
        runner.setProperty(SalesOrderProperties.CUSTOMER_NUMBER_PREFIX, "shop-");
        return runner;
    }

    private static void writeInFourBuckets(final TestRunner runner) {
        final Customer buyer = new Customer(NEW_BUYER, "new.buyer@example.org", "New", "Buyer", null);
        for (int n = 1; n <= 4; n++) {
            runner.enqueue(BusinessCentralTestSupport.json(List.of(TestOrders.ofCustomer(TestOrders.b2c("#610" + n, 1), buyer))),
                    Map.of("ecommerce.order.bucket", String.valueOf(n)));
        }
        runner.setThreadCount(2);
        // a task finding every queued bucket held returns at once: run until the queue is drained
        final long end = System.nanoTime() + 60_000_000_000L;
        while (!runner.isQueueEmpty() && System.nanoTime() < end) {
            runner.run(4);
        }
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 4);
    }

    private void assertOrdersOnOneCard(final String email) {
        final List<JsonNode> cards = company.customers().stream().filter(c -> !c.path("number").asText().equals("WEB")).toList();
        assertEquals(1, cards.size(), "one card for the new customer: " + cards);
        assertEquals("SHOP-7398465798423", cards.get(0).path("number").asText());
        assertEquals(email, cards.get(0).path("email").asText());
        assertEquals(4, company.salesOrders().size());
        assertTrue(company.salesOrders().stream().allMatch(o -> o.path("customerNumber").asText().equals("SHOP-7398465798423")),
                "every order on the card");
    }
}
