package io.nifiecommerce.processors.edi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.edi.ReceiptAdviceTestData;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RECADV file -> ReadReceiptAdviceEdi -> PostBusinessCentralReceipt -> a BC stub: available quantities received once. */
class PostBusinessCentralReceiptTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StubBcServer server;
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        final String orders = MAPPER.writeValueAsString(java.util.Map.of("value", List.of(ReceiptAdviceTestData.purchaseOrder())));
        server = new StubBcServer(request -> !request.startsWith("GET") ? "{}" : request.contains("Receipts") ? "{\"value\":[]}" : orders);
        runner = TestRunners.newTestRunner(PostBusinessCentralReceipt.class);
        StubConnection.addTo(runner, server.port());
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        runner.setProperty(PostBusinessCentralShipment.CONNECTION, "bc");
        runner.setProperty(PostBusinessCentralShipment.RECORD_READER, "reader");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void availableQuantitiesAreReceivedOnceAndBlockedOnesStayOut() throws Exception {
        final TestRunner read = TestRunners.newTestRunner(ReadReceiptAdviceEdi.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        read.addControllerService("writer", writer);
        read.enableControllerService(writer);
        read.setProperty(ReadReceiptAdviceEdi.RECORD_WRITER, "writer");
        read.enqueue(ReceiptAdviceTestData.RECADV);
        read.run();
        final byte[] lines = read.getFlowFilesForRelationship(ReadReceiptAdviceEdi.REL_SUCCESS).get(0).toByteArray();

        runner.enqueue(lines);
        runner.run();
        runner.assertTransferCount(PostBusinessCentralReceipt.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PostBusinessCentralReceipt.REL_SUCCESS).get(0).assertAttributeEquals("bc.receipt.quantity", "136");
        assertTrue(server.calls().get(0).startsWith("GET /api/nifiEcommerce/edi/v1.0/companies(c0)/postedPurchaseReceipts?"), "first, already posted?");
        assertTrue(server.calls().get(2).endsWith("{\"receiveQuantity\":96}"), server.calls().get(2));
        assertTrue(server.calls().get(3).endsWith("{\"receiveQuantity\":40}"), server.calls().get(3));
        assertTrue(server.calls().get(4).endsWith("{\"vendorShipmentNumber\":\"RC-9001\"}"), server.calls().get(4));
        assertTrue(server.calls().get(5).startsWith("POST /api/nifiEcommerce/edi/v1.0/companies(c0)/receivablePurchaseOrders(p-1)/Microsoft.NAV.receive"));

        server.calls().clear();
        runner.clearTransferState();
        runner.enqueue(lines);
        runner.run();
        runner.assertTransferCount(PostBusinessCentralReceipt.REL_DUPLICATE, 1);
        assertEquals(List.of(), server.calls());
    }
}
