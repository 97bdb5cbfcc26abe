package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.processors.edi.PostBusinessCentralReceipt;
import io.nifiecommerce.processors.edi.PostBusinessCentralShipment;
import io.nifiecommerce.processors.edi.ReadReceiptAdviceEdi;
import io.nifiecommerce.processors.edi.ReadShipmentConfirmationEdi;
import io.nifiecommerce.processors.edi.ReconcileThreePlStock;
import io.nifiecommerce.processors.edi.WriteShippingOrderEdi;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 3PL exchange of the EDI flow against the sandbox's BC simulator, over HTTP, through the processors: a released sales
 * order becomes one shipping order (ORDERS), not two; the 3PL's partial DESADV posts a shipment of what left, with its
 * tracking number, through bc-extension's shippableSalesOrders, once; its RECADV posts the purchase receipt of what is
 * available, blocked quantities left on the purchase order, once; its INVRPT, reconciled with item journal adjustments,
 * brings BC's inventory to what it reports, once per report.
 */
class ThreePlExchangeSimulatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BusinessCentralSimulator simulator;
    private FaultInjector faults;
    private BcCompany company;
    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeEach
    void seed() {
        final SandboxStats stats = new SandboxStats();
        faults = new FaultInjector(FaultPlan.NONE, 1L, stats);
        simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(), faults, stats);
        company = simulator.createCompany("CRONUS FR");
        company.putCustomer("C-SUPER", "Supermarché du Centre", "achats@super.example", null);
        company.putItem("1896-S", "Athens Desk", "5412345000020", new BigDecimal("10.00"), new BigDecimal("50"));
        company.putItem("1900-S", "Paris Chair", "5412345000037", new BigDecimal("20.00"), new BigDecimal("30"));
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aReleasedOrderIsSentOnceAndItsPartialDesadvPostsOnce() throws Exception {
        final String number = company.createSalesOrder(MAPPER.readTree("""
                {"customerNumber":"C-SUPER","externalDocumentNumber":"#1001","salesOrderLines":[
                 {"lineType":"Item","lineObjectNumber":"1896-S","quantity":2},{"lineType":"Item","lineObjectNumber":"1900-S","quantity":4}]}""")
        ).path("number").asText();
        final byte[] draft = MAPPER.writeValueAsBytes(company.salesOrders());

        final TestRunner write = runner(new WriteShippingOrderEdi());
        write.setProperty("Record Reader", "reader");
        write.setProperty("Sender ID", "5412345000013");
        write.setProperty("Receiver ID", "5490000000017");
        write.enqueue(draft);
        write.run();
        assertEquals(0, write.getFlowFilesForRelationship("success").size(), "a draft order is not shipped");

        company.releaseSalesOrder(number);
        final byte[] released = MAPPER.writeValueAsBytes(company.salesOrders());
        write.enqueue(released);
        write.enqueue(released);
        write.run(2);
        assertEquals(1, write.getFlowFilesForRelationship("success").size(), "one shipping order per order version");
        final String orders = write.getFlowFilesForRelationship("success").get(0).getContent();
        assertTrue(orders.contains("BGM+220+" + number) && orders.contains("RFF+CR:#1001"), orders);

        final String desadv = """
                UNB+UNOC:3+5490000000017:14+5412345000013:14+261207:1015+DN7001'
                UNH+1+DESADV:D:96A:UN:EAN005'
                BGM+351+DN-7001+9'
                DTM+11:20261207:102'
                RFF+ON:%s'
                RFF+CR:#1001'
                TDT+20++30++GLS:172:9:GLS'
                RFF+CN:ZK4XWJ6Q'
                CPS+1'
                LIN+10000++5412345000020:EN'
                QTY+12:1'
                QTY+21:2'
                LIN+20000'
                PIA+5+1900-S:SA'
                QTY+12:4'
                CNT+2:2'
                UNT+16+1'
                UNZ+1+DN7001'
                """.formatted(number);
        final List<MockFlowFile> confirmations = read(new ReadShipmentConfirmationEdi(), desadv);
        final TestRunner post = bcRunner(new PostBusinessCentralShipment());
        post.enqueue(confirmations.get(0).toByteArray());
        post.enqueue(confirmations.get(0).toByteArray());
        post.run(2);
        assertEquals(1, post.getFlowFilesForRelationship("success").size());
        assertEquals(1, post.getFlowFilesForRelationship("duplicate").size(), "the same confirmation again posts nothing");

        final JsonNode shipment = company.salesShipments().get(0);
        assertEquals(1, company.salesShipments().size());
        assertEquals(List.of("1", "4"), shipment.path("salesShipmentLines").findValues("quantity").stream()
                .map(q -> q.decimalValue().stripTrailingZeros().toPlainString()).toList());
        assertEquals(Map.of(shipment.path("number").asText(), "ZK4XWJ6Q"), company.shipmentTrackingNumbers());
        assertEquals(List.of(), company.salesInvoices(), "shipped through bc-extension: not invoiced");
        final JsonNode desk = company.salesOrders().get(0).path("salesOrderLines").get(0);
        assertEquals(0, BigDecimal.ONE.compareTo(desk.path("shipQuantity").decimalValue()), "one desk still to ship");

        // BC's order changed (shipped quantities): the same version, so no new shipping order
        write.enqueue(MAPPER.writeValueAsBytes(company.salesOrders()));
        write.run();
        assertEquals(1, write.getFlowFilesForRelationship("success").size());
    }

    @Test
    void aRecadvPostsTheAvailableQuantitiesOnce() throws Exception {
        final String number = company.createPurchaseOrder("Fabrikam", MAPPER.readTree("""
                {"vendorNumber":"V20000","purchaseOrderLines":[{"lineObjectNumber":"1896-S","quantity":100,"directUnitCost":6},
                 {"lineObjectNumber":"1900-S","quantity":50,"directUnitCost":12}]}""")).path("number").asText();
        final String recadv = """
                UNB+UNOC:3+5490000000017:14+5412345000013:14+261208:0700+RC9001'
                UNH+1+RECADV:D:96A:UN:EAN003'
                BGM+632+RC-9001+9'
                DTM+50:20261208:102'
                RFF+ON:%s'
                LIN+10000++5412345000020:EN'
                QTY+48:100'
                QTY+124:4'
                LIN+20000'
                PIA+5+1900-S:SA'
                QTY+194:40'
                QTY+195:10'
                UNT+12+1'
                UNZ+1+RC9001'
                """.formatted(number);
        final List<MockFlowFile> lines = read(new ReadReceiptAdviceEdi(), recadv);
        final TestRunner post = bcRunner(new PostBusinessCentralReceipt());
        post.enqueue(lines.get(0).toByteArray());
        post.enqueue(lines.get(0).toByteArray());
        post.run(2);
        assertEquals(1, post.getFlowFilesForRelationship("success").size());
        assertEquals(1, post.getFlowFilesForRelationship("duplicate").size());

        final JsonNode receipt = company.purchaseReceipts().get(0);
        assertEquals(number, receipt.path("orderNumber").asText());
        assertEquals(List.of("96", "40"), receipt.path("purchaseReceiptLines").findValues("quantity").stream()
                .map(q -> q.decimalValue().stripTrailingZeros().toPlainString()).toList(), "damaged and not accepted stay out");
        assertEquals(0, new BigDecimal("146").compareTo(inventory("1896-S")));
        assertEquals(0, new BigDecimal("70").compareTo(inventory("1900-S")));
        final JsonNode order = company.purchaseOrders().get(0);
        assertEquals(List.of("4", "10"), order.path("purchaseOrderLines").findValues("receiveQuantity").stream()
                .map(q -> q.decimalValue().stripTrailingZeros().toPlainString()).toList(), "blocked quantities stay outstanding");
    }

    @Test
    void anInvrptReconciledWithAdjustmentsBringsBcToTheReportOnce() throws Exception {
        final byte[] invrpt = """
                UNB+UNOC:3+5490000000017:14+5412345000013:14+261208:0600+IV5001'
                UNH+1+INVRPT:D:96A:UN'
                BGM+35+INV-5001+9'
                DTM+137:20261208:102'
                LOC+18+WH01::92'
                LIN+1++5412345000020:EN'
                QTY+145:42'
                LIN+2'
                PIA+1+1900-S:SA'
                QTY+145:35'
                UNT+10+1'
                UNZ+1+IV5001'
                """.getBytes(StandardCharsets.UTF_8);
        final TestRunner reconcile = runner(new ReconcileThreePlStock());
        servers.add(BusinessCentralTestSupport.connectToSimulator(reconcile, simulator, "CRONUS FR", "5 sec", "3"));
        reconcile.setProperty("Business Central Connection", "bc");
        reconcile.setProperty("Record Writer", "writer");
        reconcile.setProperty("Differences", "item-journal-adjustments");
        reconcile.enqueue(invrpt);
        reconcile.run();
        final MockFlowFile first = reconcile.getFlowFilesForRelationship("success").get(0);
        first.assertAttributeEquals("stock.adjustments.posted", "2");
        first.assertAttributeEquals("stock.report.reference", "INV-5001");
        assertTrue(first.getContent().contains("\"status\":\"ADJUSTED\",\"itemNumber\":\"1896-S\""), first.getContent());
        assertEquals(0, new BigDecimal("42").compareTo(inventory("1896-S")));
        assertEquals(0, new BigDecimal("35").compareTo(inventory("1900-S")));
        assertEquals(List.of("Negative Adjmt.", "Positive Adjmt."), company.itemLedgerEntries().stream()
                .filter(e -> e.path("documentNumber").asText().equals("INV-5001")).map(e -> e.path("entryType").asText()).toList());

        // two desks sold, then the same report delivered again: it differs from BC by 2, but BC has posted INV-5001 already
        company.postItemJournal("1896-S", new BigDecimal("-2"), "");
        reconcile.enqueue(invrpt);
        reconcile.run();
        final MockFlowFile again = reconcile.getFlowFilesForRelationship("success").get(1);
        again.assertAttributeEquals("stock.differences", "1");
        again.assertAttributeEquals("stock.adjustments.posted", "0");
        assertEquals(0, new BigDecimal("40").compareTo(inventory("1896-S")), "a redelivered report posts nothing twice");
    }

    @Test
    void aDesadvWhoseShipAnswerIsLostIsRecognisedAsPostedNotAsAnOverShipment() throws Exception {
        final String number = releasedOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralShipment());
        // 1 desk of 2 and the 4 chairs: retried blindly, the desk would ship twice and the chairs be refused (0 left)
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7001", number, 1, 4)).get(0).toByteArray());
        faults.loseNextAnswer("/Microsoft.NAV.ship");
        post.run();

        assertEquals(List.of(), post.getFlowFilesForRelationship("review").stream().map(f -> f.getAttribute("error.message")).toList());
        assertEquals(0, post.getFlowFilesForRelationship("retry").size());
        final MockFlowFile posted = post.getFlowFilesForRelationship("success").get(0);
        posted.assertAttributeEquals("bc.shipment.already.posted", "true");
        posted.assertAttributeEquals("bc.shipment.number", company.salesShipments().get(0).path("number").asText());
        posted.assertAttributeEquals("bc.shipment.quantity", "5");
        assertEquals(1, company.salesShipments().size(), "posted once");
        assertEquals("DN-7001", company.salesShipments().get(0).path("customerPurchaseOrderReference").asText());
        final JsonNode desk = company.salesOrders().get(0).path("salesOrderLines").get(0);
        assertEquals(0, BigDecimal.ONE.compareTo(desk.path("shippedQuantity").decimalValue()), "the desk shipped once");

        // the same confirmation reaching another node's processor (no memory of it): found in BC, not posted again
        final TestRunner elsewhere = bcRunner(new PostBusinessCentralShipment());
        elsewhere.enqueue(posted.toByteArray());
        elsewhere.run();
        elsewhere.getFlowFilesForRelationship("success").get(0).assertAttributeEquals("bc.shipment.already.posted", "true");
        assertEquals(1, company.salesShipments().size());
    }

    @Test
    void aDesadvShippingMoreThanIsLeftStillGoesToReview() throws Exception {
        final String number = releasedOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralShipment());
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7001", number, 1, 4)).get(0).toByteArray());
        post.run();
        post.getFlowFilesForRelationship("success").get(0).assertAttributeNotExists("bc.shipment.already.posted");
        // another shipment id: two desks where one is left
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7002", number, 2, 0)).get(0).toByteArray());
        post.run();
        final MockFlowFile refused = post.getFlowFilesForRelationship("review").get(0);
        refused.assertAttributeEquals("error.code", "OVER_SHIPMENT");
        assertEquals(1, company.salesShipments().size());
    }

    @Test
    void underRandomFaultsEveryDesadvPostsOnce() throws Exception {
        final String number = releasedOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralShipment());
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7001", number, 1, 2)).get(0).toByteArray());
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7002", number, 1, 2)).get(0).toByteArray());
        faults.plan(new FaultPlan(0.3, false, true, false, true, false, java.time.Duration.ZERO, java.time.Duration.ofMillis(200), true));
        for (int round = 0; round < 30 && post.getQueueSize().getObjectCount() > 0; round++) {
            post.run(post.getQueueSize().getObjectCount());
            for (final MockFlowFile retry : post.getFlowFilesForRelationship("retry")) {
                post.enqueue(retry.toByteArray());
            }
            post.clearTransferState();
        }
        faults.plan(FaultPlan.NONE);
        assertEquals(0, post.getQueueSize().getObjectCount(), "both confirmations handled");
        assertEquals(2, company.salesShipments().size(), "one shipment per DESADV");
        final JsonNode lines = company.salesOrders().get(0).path("salesOrderLines");
        assertEquals(0, new BigDecimal("2").compareTo(lines.get(0).path("shippedQuantity").decimalValue()));
        assertEquals(0, new BigDecimal("4").compareTo(lines.get(1).path("shippedQuantity").decimalValue()));
    }

    @Test
    void aRecadvWhoseReceiveAnswerIsLostIsRecognisedAsPostedNotReceivedTwice() throws Exception {
        final String number = purchaseOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralReceipt());
        // 60 desks of 100 and 40 chairs of 50: retried blindly, both would be received twice (quantities still outstanding)
        post.enqueue(read(new ReadReceiptAdviceEdi(), recadv("rc-9001", number, 60, 40)).get(0).toByteArray());
        faults.loseNextAnswer("/Microsoft.NAV.receive");
        post.run();

        assertEquals(List.of(), post.getFlowFilesForRelationship("review").stream().map(f -> f.getAttribute("error.message")).toList());
        assertEquals(0, post.getFlowFilesForRelationship("retry").size());
        final MockFlowFile posted = post.getFlowFilesForRelationship("success").get(0);
        posted.assertAttributeEquals("bc.receipt.already.posted", "true");
        posted.assertAttributeEquals("bc.receipt.number", company.purchaseReceipts().get(0).path("number").asText());
        posted.assertAttributeEquals("bc.receipt.quantity", "100");
        assertEquals(1, company.purchaseReceipts().size(), "received once");
        assertEquals(0, new BigDecimal("110").compareTo(inventory("1896-S")), "the desks received once");
        assertEquals(List.of("RC-9001"), company.postedReceiptMarks().values().stream().toList(),
                "the 3PL's receipt number, a Code field, reached the posted receipt in capitals");

        // the same receipt reaching another node's processor (no memory of it): found in BC, not posted again
        final TestRunner elsewhere = bcRunner(new PostBusinessCentralReceipt());
        elsewhere.enqueue(posted.toByteArray());
        elsewhere.run();
        elsewhere.getFlowFilesForRelationship("success").get(0).assertAttributeEquals("bc.receipt.already.posted", "true");
        assertEquals(1, company.purchaseReceipts().size());
    }

    @Test
    void aRecadvWhoseMarkedReceiptPostedOtherQuantitiesGoesToReview() throws Exception {
        final String number = purchaseOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralReceipt());
        post.enqueue(read(new ReadReceiptAdviceEdi(), recadv("RC-9001", number, 60, 40)).get(0).toByteArray());
        post.run();
        post.getFlowFilesForRelationship("success").get(0).assertAttributeNotExists("bc.receipt.already.posted");
        // a person posts more from BC while the mark is still on the order, then the same RECADV arrives on another node
        company.receivePurchaseOrderLines(number, Map.of("1896-S", new BigDecimal("5")));
        final TestRunner elsewhere = bcRunner(new PostBusinessCentralReceipt());
        elsewhere.enqueue(read(new ReadReceiptAdviceEdi(), recadv("RC-9001", number, 60, 40)).get(0).toByteArray());
        elsewhere.run();
        elsewhere.getFlowFilesForRelationship("review").get(0).assertAttributeEquals("error.code", "POSTED_QUANTITY_MISMATCH");
        assertEquals(2, company.purchaseReceipts().size(), "nothing posted a third time");
    }

    @Test
    void aDesadvShippedAndInvoicedWhoseAnswerIsLostIsFoundOrSentToReviewNeverPostedTwice() throws Exception {
        final String number = releasedOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralShipment());
        post.setProperty("Posting Action", "SHIP_AND_INVOICE");
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7001", number, 1, 4)).get(0).toByteArray());
        faults.loseNextAnswer("/Microsoft.NAV.shipAndInvoice");
        post.run();

        assertEquals(0, post.getFlowFilesForRelationship("retry").size(), "a blind retry would ship and invoice the desk twice");
        final MockFlowFile posted = post.getFlowFilesForRelationship("success").get(0);
        posted.assertAttributeEquals("bc.shipment.already.posted", "true");
        posted.assertAttributeEquals("bc.shipment.number", company.salesShipments().get(0).path("number").asText());
        assertEquals(1, company.salesShipments().size());
        assertEquals(1, company.salesInvoices().size(), "invoiced once");
    }

    @Test
    void aShipAndInvoiceWhoseOutcomeCannotBeSeenGoesToReviewNotToRetry() throws Exception {
        final String number = releasedOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralShipment());
        post.setProperty("Posting Action", "SHIP_AND_INVOICE");
        post.enqueue(read(new ReadShipmentConfirmationEdi(), desadv("DN-7001", number, 1, 4)).get(0).toByteArray());
        // the posting fails without an answer and BC posted nothing: from here, indistinguishable from a posting still running
        faults.dropNextRequest("/Microsoft.NAV.shipAndInvoice");
        post.run();

        assertEquals(0, post.getFlowFilesForRelationship("retry").size());
        final MockFlowFile review = post.getFlowFilesForRelationship("review").get(0);
        review.assertAttributeEquals("error.code", "POSTING_OUTCOME_UNKNOWN");
        assertTrue(review.getAttribute("error.message").contains(number), review.getAttribute("error.message"));
        assertEquals(0, company.salesShipments().size());
    }

    @Test
    void underRandomFaultsEveryRecadvPostsOnce() throws Exception {
        final String number = purchaseOrder();
        final TestRunner post = bcRunner(new PostBusinessCentralReceipt());
        post.enqueue(read(new ReadReceiptAdviceEdi(), recadv("RC-9001", number, 60, 20)).get(0).toByteArray());
        post.enqueue(read(new ReadReceiptAdviceEdi(), recadv("RC-9002", number, 40, 20)).get(0).toByteArray());
        faults.plan(new FaultPlan(0.3, false, true, false, true, false, java.time.Duration.ZERO, java.time.Duration.ofMillis(200), true));
        for (int round = 0; round < 30 && post.getQueueSize().getObjectCount() > 0; round++) {
            post.run(post.getQueueSize().getObjectCount());
            for (final MockFlowFile retry : post.getFlowFilesForRelationship("retry")) {
                post.enqueue(retry.toByteArray());
            }
            post.clearTransferState();
        }
        faults.plan(FaultPlan.NONE);
        assertEquals(0, post.getQueueSize().getObjectCount(), "both receipts handled");
        assertEquals(2, company.purchaseReceipts().size(), "one receipt per RECADV");
        assertEquals(0, new BigDecimal("150").compareTo(inventory("1896-S")), "100 desks received once");
        assertEquals(0, new BigDecimal("70").compareTo(inventory("1900-S")), "40 chairs received once");
    }

    private String purchaseOrder() throws Exception {
        return company.createPurchaseOrder("Fabrikam", MAPPER.readTree("""
                {"vendorNumber":"V20000","purchaseOrderLines":[{"lineObjectNumber":"1896-S","quantity":100,"directUnitCost":6},
                 {"lineObjectNumber":"1900-S","quantity":50,"directUnitCost":12}]}""")).path("number").asText();
    }

    /** A RECADV of {@code desks} 1896-S (by GTIN) and {@code chairs} 1900-S (by article number) received for the purchase order. */
    private static String recadv(final String receiptId, final String order, final int desks, final int chairs) {
        return """
                UNB+UNOC:3+5490000000017:14+5412345000013:14+261208:0700+RC9001'
                UNH+1+RECADV:D:96A:UN:EAN003'
                BGM+632+%1$s+9'
                DTM+50:20261208:102'
                RFF+ON:%2$s'
                LIN+10000++5412345000020:EN'
                QTY+48:%3$d'
                LIN+20000'
                PIA+5+1900-S:SA'
                QTY+48:%4$d'
                UNT+10+1'
                UNZ+1+RC9001'
                """.formatted(receiptId, order, desks, chairs);
    }

    private String releasedOrder() throws Exception {
        final String number = company.createSalesOrder(MAPPER.readTree("""
                {"customerNumber":"C-SUPER","externalDocumentNumber":"#1001","salesOrderLines":[
                 {"lineType":"Item","lineObjectNumber":"1896-S","quantity":2},{"lineType":"Item","lineObjectNumber":"1900-S","quantity":4}]}""")
        ).path("number").asText();
        company.releaseSalesOrder(number);
        return number;
    }

    /** A DESADV of {@code desks} 1896-S (by GTIN) and {@code chairs} 1900-S (by article number) for the order. */
    private static String desadv(final String shipmentId, final String order, final int desks, final int chairs) {
        return """
                UNB+UNOC:3+5490000000017:14+5412345000013:14+261207:1015+%1$s'
                UNH+1+DESADV:D:96A:UN:EAN005'
                BGM+351+%1$s+9'
                DTM+11:20261207:102'
                RFF+ON:%2$s'
                CPS+1'
                LIN+10000++5412345000020:EN'
                QTY+12:%3$d'
                LIN+20000'
                PIA+5+1900-S:SA'
                QTY+12:%4$d'
                CNT+2:2'
                UNT+12+1'
                UNZ+1+%1$s'
                """.formatted(shipmentId, order, desks, chairs);
    }

    private BigDecimal inventory(final String item) {
        return company.inventoryByLocation(item).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A reader processor's success records for one interchange. */
    private List<MockFlowFile> read(final Processor reader, final String edi) throws Exception {
        final TestRunner runner = runner(reader);
        runner.setProperty("Record Writer", "writer");
        runner.enqueue(edi.getBytes(StandardCharsets.UTF_8));
        runner.run();
        final List<MockFlowFile> success = runner.getFlowFilesForRelationship("success");
        assertEquals(1, success.size(), () -> "review: " + runner.getFlowFilesForRelationship("review").stream().map(f -> f.getAttributes().toString()).toList());
        return success;
    }

    private TestRunner bcRunner(final Processor processor) throws Exception {
        final TestRunner runner = runner(processor);
        servers.add(BusinessCentralTestSupport.connectToSimulator(runner, simulator, "CRONUS FR", "5 sec", "3"));
        runner.setProperty("Business Central Connection", "bc");
        runner.setProperty("Record Reader", "reader");
        return runner;
    }

    private static TestRunner runner(final Processor processor) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        BusinessCentralTestSupport.jsonRecords(runner, true);
        return runner;
    }
}
