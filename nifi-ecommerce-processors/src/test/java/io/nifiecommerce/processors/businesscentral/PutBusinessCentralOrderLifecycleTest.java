package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.businesscentral.OrderAmendments;
import io.nifiecommerce.businesscentral.TestOrders;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancellations and edits in the shop, against the sandbox's Business Central simulator: nothing left open, nothing dropped. */
class PutBusinessCentralOrderLifecycleTest {

    private HttpServer server;
    private BcCompany company;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 42L, stats), stats);
        final BusinessCentralTestSupport.SimulatedPut put = BusinessCentralTestSupport.putOrderOnSimulator(simulator, "CRONUS FR", 4);
        company = put.company();
        server = put.server();
        runner = put.runner();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void send(final List<Order> orders) {
        runner.clearTransferState();
        runner.enqueue(BusinessCentralTestSupport.json(orders));
        runner.run();
    }

    private static Order cancelled(final Order order) {
        return new Order(order.source(), order.sourceId(), order.name(), order.segment(), order.channel(), order.createdAt(),
                "2026-08-19T09:00:00Z", order.processedAt(), "2026-08-19T09:00:00Z", order.currency(), order.taxesIncluded(),
                "REFUNDED", order.fulfillmentStatus(), order.poNumber(), order.tags(), order.email(), order.note(), order.customer(),
                order.company(), order.billingAddress(), order.shippingAddress(), order.lines(), order.shippingLines(),
                order.subtotalPrice(), order.totalDiscounts(), order.totalShipping(), order.totalTax(), order.totalPrice());
    }

    private static Order withLines(final Order order, final List<OrderLine> lines) {
        return new Order(order.source(), order.sourceId(), order.name(), order.segment(), order.channel(), order.createdAt(),
                "2026-08-19T09:00:00Z", order.processedAt(), null, order.currency(), order.taxesIncluded(), order.financialStatus(),
                order.fulfillmentStatus(), order.poNumber(), order.tags(), order.email(), order.note(), order.customer(), order.company(),
                order.billingAddress(), order.shippingAddress(), lines, order.shippingLines(), order.subtotalPrice(), order.totalDiscounts(),
                order.totalShipping(), order.totalTax(), order.totalPrice());
    }

    private static OrderLine withCurrentQuantity(final OrderLine line, final long current) {
        return new OrderLine(line.lineId(), line.sku(), line.gtin(), line.title(), line.quantity(), line.unitPrice(), line.discountAmount(),
                line.taxAmount(), line.taxRate(), current);
    }

    @Test
    void anOrderCancelledBeforeItReachedBcIsNeverCreated() {
        send(List.of(cancelled(TestOrders.b2c("#7001", 2)), TestOrders.b2c("#7002", 1)));
        final MockFlowFile cancelled = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_CANCELLED).get(0);
        cancelled.assertAttributeEquals("bc.cancelled.count", "1");
        cancelled.assertAttributeEquals("bc.outcome", "CANCELLED");
        assertTrue(cancelled.getContent().contains("\"bcOutcome\":\"CANCELLED\""), cancelled.getContent());
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("bc.created.count", "1");
        assertEquals(List.of("#7002"), company.salesOrders().stream().map(o -> o.path("externalDocumentNumber").asText()).toList());
    }

    @Test
    void anOpenSalesOrderIsDeletedWhenTheShopCancelsItAndAReplayChangesNothing() {
        final Order order = TestOrders.b2c("#7010", 2);
        send(List.of(order, TestOrders.b2c("#7011", 1)));
        final String number = company.salesOrders().stream().filter(o -> o.path("externalDocumentNumber").asText().equals("#7010"))
                .findFirst().orElseThrow().path("number").asText();

        send(List.of(cancelled(order)));
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_CANCELLED, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_CANCELLED).get(0);
        assertTrue(out.getContent().contains("\"bcNumber\":\"" + number + "\""), out.getContent());
        assertEquals(List.of("#7011"), company.salesOrders().stream().map(o -> o.path("externalDocumentNumber").asText()).toList());

        send(List.of(cancelled(order)));
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_CANCELLED, 1);
        assertEquals(1, company.salesOrders().size());
    }

    @Test
    void anOrderCancelledAfterShippingGoesToReviewWithTheReason() {
        final Order order = TestOrders.b2c("#7020", 1);
        send(List.of(order));
        company.shipAndInvoice(company.salesOrders().get(0).path("number").asText());

        send(List.of(cancelled(order)));
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_FAILURE, 1);
        final MockFlowFile review = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0);
        review.assertAttributeEquals("error.code", OrderAmendments.CANCELLED_AFTER_SHIPMENT);
        assertTrue(review.getAttribute("error.message").contains("salesInvoices"), review.getAttribute("error.message"));
        assertEquals(1, company.salesInvoices().size(), "nothing undone behind the ERP's back");
    }

    @Test
    void editsAfterCreationGoToReviewAndAnUnchangedReplayIsAlreadyPresent() {
        final Order order = TestOrders.b2c("#7030", 3);
        send(List.of(order, TestOrders.b2c("#7031", 2)));

        // the shop removes a unit of line 2 (3 -> 1 left: lines are 1, 2, 3 units) and adds SKU-4
        final List<OrderLine> lines = new ArrayList<>(order.lines());
        lines.set(1, withCurrentQuantity(lines.get(1), 1));
        lines.add(TestOrders.line("SKU-4", 1, "19.99", "0.00", "0.20"));
        send(List.of(withLines(order, lines), TestOrders.b2c("#7031", 2)));

        final MockFlowFile review = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0);
        review.assertAttributeEquals("error.code", OrderAmendments.ORDER_EDITED);
        final String reason = review.getAttribute("error.message");
        assertTrue(reason.contains("item SKU-2: 1 in the shop, 2 on sales order"), reason);
        assertTrue(reason.contains("item SKU-4: 1 in the shop, 0 on sales order"), reason);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("bc.already.present.count", "1");
        final JsonNode kept = company.salesOrders().stream().filter(o -> o.path("externalDocumentNumber").asText().equals("#7030"))
                .findFirst().orElseThrow();
        assertEquals(4, kept.path("salesOrderLines").size(), "the sales order is left for the review to change");

        // a line removed entirely (current quantity 0) is an edit too
        final List<OrderLine> removed = new ArrayList<>(order.lines());
        removed.set(0, withCurrentQuantity(removed.get(0), 0));
        send(List.of(withLines(order, removed)));
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0)
                .assertAttributeEquals("error.code", OrderAmendments.ORDER_EDITED);
    }
}
