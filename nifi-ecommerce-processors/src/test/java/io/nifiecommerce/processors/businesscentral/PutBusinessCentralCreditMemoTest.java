package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.businesscentral.CreditMemoSubmitter;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.order.RefundLine;
import io.nifiecommerce.order.RefundShipping;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shop refunds into Business Central credit memos, against the sandbox's simulator: once each, against the order's invoice. */
class PutBusinessCentralCreditMemoTest {

    private HttpServer server;
    private BcCompany company;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 42L, stats), stats);
        company = simulator.createCompany("CRONUS FR");
        company.putCustomer("WEB", "Webshop consumers", "shop@example.com", null);
        company.putItem("SKU-1", "Product 1", null, new BigDecimal("10.00"), new BigDecimal("100"));
        runner = TestRunners.newTestRunner(new PutBusinessCentralCreditMemo());
        server = BusinessCentralTestSupport.connectToSimulator(runner, simulator, "CRONUS FR", "5 sec", "3");
        BusinessCentralTestSupport.jsonRecords(runner, true);
        runner.setProperty(SalesOrderProperties.CONNECTION_SERVICE, "bc");
        runner.setProperty(SalesOrderProperties.RECORD_READER, "reader");
        runner.setProperty(SalesOrderProperties.RECORD_WRITER, "writer");
        runner.setProperty(SalesOrderProperties.SHIPPING_LINE_NUMBER, "7010");
        runner.setProperty(SalesOrderProperties.PRICE_BASIS, "EXCLUDING_TAX");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String order(final String name) {
        final ObjectNode body = BusinessCentralTestSupport.MAPPER.createObjectNode().put("externalDocumentNumber", name).put("customerNumber", "WEB");
        body.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", "SKU-1").put("quantity", 3)
                .put("unitPrice", 16.66);
        return company.createSalesOrder(body).path("number").asText();
    }

    private static Refund refund(final long id, final String orderName, final boolean orderCancelled) {
        return new Refund("shopify", "gid://shopify/Refund/" + id, "gid://shopify/Order/" + id, orderName, orderCancelled, "2026-08-20T10:00:00Z",
                "EUR", true, null, List.of(new RefundLine("gid://shopify/LineItem/" + id, "SKU-1", null, "Product 1", 1, new BigDecimal("19.99"),
                new BigDecimal("3.33"), "RETURN", "gid://shopify/Location/1")), List.of(new RefundShipping(new BigDecimal("4.90"),
                new BigDecimal("0.82"))), new BigDecimal("24.89"));
    }

    private void send(final List<Refund> refunds) {
        runner.clearTransferState();
        runner.enqueue(BusinessCentralTestSupport.json(refunds));
        runner.run();
    }

    @Test
    void aRefundOfAnInvoicedOrderIsOneCreditMemoAgainstTheInvoiceWhateverTheReplays() throws Exception {
        final String invoice = company.shipAndInvoice(order("#1001")).path("number").asText();
        send(List.of(refund(501, "#1001", false), refund(501, "#1001", false)));
        final MockFlowFile out = runner.getFlowFilesForRelationship(PutBusinessCentralCreditMemo.REL_SUCCESS).get(0);
        out.assertAttributeEquals("bc.created.count", "1");
        out.assertAttributeEquals("bc.already.present.count", "1");
        assertEquals(1, company.salesCreditMemos().size());
        final JsonNode memo = company.salesCreditMemos().get(0);
        assertEquals("REFUND-501", memo.path("externalDocumentNumber").asText());
        assertEquals(invoice, memo.path("invoiceNumber").asText(), "applied to the order's invoice");
        assertEquals(2, memo.path("salesCreditMemoLines").size());
        // 19.99 with 3.33 tax in it: 16.66 excluding tax, BC adds its 20 %
        assertEquals(0, new BigDecimal("16.66").compareTo(memo.path("salesCreditMemoLines").get(0).path("amountExcludingTax").decimalValue()));

        send(List.of(refund(501, "#1001", false)));
        runner.getFlowFilesForRelationship(PutBusinessCentralCreditMemo.REL_SUCCESS).get(0).assertAttributeEquals("bc.already.present.count", "1");
        assertEquals(1, company.salesCreditMemos().size(), "a replay creates nothing");
    }

    @Test
    void refundsOfOrdersNotInvoicedAreNeverCreditedAndSayWhy() {
        order("#1002");
        order("#1003");
        send(List.of(refund(502, "#1002", false), refund(503, "#1003", true), refund(504, "#1004", true)));
        final MockFlowFile review = runner.getFlowFilesForRelationship(PutBusinessCentralCreditMemo.REL_FAILURE).get(0);
        review.assertAttributeEquals("error.code", CreditMemoSubmitter.REFUND_BEFORE_INVOICE);
        runner.getFlowFilesForRelationship(PutBusinessCentralCreditMemo.REL_RETRY).get(0)
                .assertAttributeEquals("error.code", CreditMemoSubmitter.ORDER_BEING_CANCELLED);
        final MockFlowFile nothing = runner.getFlowFilesForRelationship(PutBusinessCentralCreditMemo.REL_SUCCESS).get(0);
        nothing.assertAttributeEquals("bc.not.invoiced.count", "1");
        assertTrue(nothing.getContent().contains("\"bcOutcome\":\"NOT_INVOICED\""), nothing.getContent());
        assertEquals(0, company.salesCreditMemos().size());
    }

    @Test
    void anInvalidRefundRecordGoesToFailureWithTheField() {
        runner.enqueue("[{\"sourceId\":\"gid://shopify/Refund/9\",\"lines\":[]}]");
        runner.run();
        final MockFlowFile failed = runner.getFlowFilesForRelationship(PutBusinessCentralCreditMemo.REL_FAILURE).get(0);
        failed.assertAttributeEquals("error.code", "INVALID_REFUND_RECORD");
        assertTrue(failed.getAttribute("error.message").contains("orderName"), failed.getAttribute("error.message"));
    }
}
