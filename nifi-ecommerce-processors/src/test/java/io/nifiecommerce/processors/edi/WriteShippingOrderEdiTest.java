package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.EdiInterchange;
import io.nifiecommerce.edi.EdiInterchangeReader;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteShippingOrderEdiTest {

    /** Two BC salesOrders as GetBusinessCentralRecords writes them ($expand=salesOrderLines): one released, one draft. */
    static final String SALES_ORDERS = """
            [{"id":"a1","number":"S-ORD101001","externalDocumentNumber":"#1001","orderDate":"2026-12-05","requestedDeliveryDate":"0001-01-01",
              "customerNumber":"C00010","shipToName":"Jeanne Martin","shipToContact":"","shipToAddressLine1":"12 rue de Lyon",
              "shipToAddressLine2":"","shipToCity":"Lyon","shipToState":"","shipToCountry":"FR","shipToPostCode":"69002",
              "phoneNumber":"","email":"jeanne@example.com","status":"Open","lastModifiedDateTime":"2026-12-05T10:00:00Z",
              "salesOrderLines":[
                {"sequence":10000,"lineType":"Item","lineObjectNumber":"1896-S","description":"ATHENS Desk","quantity":2,
                 "shippedQuantity":0,"unitOfMeasureCode":"PCS"},
                {"sequence":20000,"lineType":"Comment","lineObjectNumber":"","description":"gift wrap","quantity":0,"shippedQuantity":0},
                {"sequence":30000,"lineType":"Item","lineObjectNumber":"1900-S","description":"PARIS Guest Chair","quantity":4,
                 "shippedQuantity":1,"unitOfMeasureCode":"PCS"}]},
             {"id":"a2","number":"S-ORD101002","orderDate":"2026-12-05","status":"Draft","salesOrderLines":[
                {"sequence":10000,"lineType":"Item","lineObjectNumber":"1896-S","quantity":1,"shippedQuantity":0}]}]
            """;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        final WriteShippingOrderEdi processor = new WriteShippingOrderEdi();
        processor.setClock(Clock.fixed(Instant.parse("2026-12-06T09:30:00Z"), ZoneOffset.UTC));
        runner = TestRunners.newTestRunner(processor);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        runner.setProperty(WriteShippingOrderEdi.RECORD_READER, "reader");
        runner.setProperty(EdiPartnerProperties.SENDER_ID, "RETAILER");
        runner.setProperty(EdiPartnerProperties.RECEIVER_ID, "WAREHOUSE3PL");
        runner.setProperty(WriteShippingOrderEdi.SHIPPING_MESSAGE, "X12_940");
    }

    @Test
    void releasedOrdersAreWrittenOncePerVersion() {
        runner.enqueue(SALES_ORDERS);
        runner.run();
        runner.assertTransferCount(WriteShippingOrderEdi.REL_SUCCESS, 1);
        runner.assertTransferCount(WriteShippingOrderEdi.REL_ORIGINAL, 1);
        runner.assertTransferCount(WriteShippingOrderEdi.REL_FAILURE, 0);
        final MockFlowFile edi = runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_SUCCESS).get(0);
        edi.assertAttributeEquals("edi.order.number", "S-ORD101001");
        edi.assertAttributeEquals("edi.message.type", "940");
        edi.assertAttributeEquals("mime.type", "application/EDI-X12");
        final String content = edi.getContent();
        final EdiInterchange interchange = EdiInterchangeReader.read(new ByteArrayInputStream(content.getBytes())).get(0);
        assertEquals(edi.getAttribute("edi.control.reference"), interchange.controlReference());
        assertTrue(content.contains("W01*2*EA**SK*1896-S~"), content);
        // 4 ordered, 1 already shipped: 3 left to pick
        assertTrue(content.contains("W01*3*EA**SK*1900-S~"), content);
        assertTrue(!content.contains("gift wrap"), content);
        final MockFlowFile original = runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_ORIGINAL).get(0);
        original.assertAttributeEquals("edi.orders.written", "1");
        original.assertAttributeEquals("edi.orders.skipped", "1");
        runner.getStateManager().assertStateSet("order.S-ORD101001", Scope.CLUSTER);

        // the same records again (a replay, or the next incremental read of an unchanged order): nothing is sent
        runner.clearTransferState();
        runner.enqueue(SALES_ORDERS);
        runner.run();
        runner.assertTransferCount(WriteShippingOrderEdi.REL_SUCCESS, 0);
        runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_ORIGINAL).get(0).assertAttributeEquals("edi.orders.unchanged", "1");

        // the 3PL ships part of the order and the shipment is posted in BC: what is left changes, the instruction does not
        runner.clearTransferState();
        runner.enqueue(SALES_ORDERS.replace("\"shippedQuantity\":1", "\"shippedQuantity\":3"));
        runner.run();
        runner.assertTransferCount(WriteShippingOrderEdi.REL_SUCCESS, 0);

        // a changed quantity is a new version: sent again, with a new control number
        runner.clearTransferState();
        runner.enqueue(SALES_ORDERS.replace("\"quantity\":2", "\"quantity\":5"));
        runner.run();
        runner.assertTransferCount(WriteShippingOrderEdi.REL_SUCCESS, 1);
        final MockFlowFile changed = runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_SUCCESS).get(0);
        assertTrue(!changed.getAttribute("edi.control.reference").equals(edi.getAttribute("edi.control.reference")));
    }

    @Test
    void anInvalidOrderGoesToFailureWithItsRecordAndTheOthersAreWritten() {
        runner.setProperty(WriteShippingOrderEdi.REQUIRED_STATUS, "Draft");
        runner.enqueue(SALES_ORDERS.replace("\"number\":\"S-ORD101002\",\"orderDate\":\"2026-12-05\"", "\"number\":\"S-ORD101002\",\"orderDate\":\"05/12/2026\""));
        runner.run();
        runner.assertTransferCount(WriteShippingOrderEdi.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_FAILURE).get(0);
        failed.assertAttributeEquals("error.code", "INVALID_ORDER");
        failed.assertAttributeEquals("edi.order.number", "S-ORD101002");
        assertTrue(failed.getContent().contains("05/12/2026"));
        runner.assertTransferCount(WriteShippingOrderEdi.REL_ORIGINAL, 1);
    }

    @Test
    void unreadableInputGoesToFailure() {
        runner.enqueue("not json");
        runner.run();
        runner.assertAllFlowFilesTransferred(WriteShippingOrderEdi.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_FAILURE).get(0).assertAttributeEquals("error.code", "READ_FAILED");
    }

    @Test
    void edifactOrdersForAnEdifactPartner() {
        runner.setProperty(WriteShippingOrderEdi.SHIPPING_MESSAGE, "ORDERS_D96A");
        runner.setProperty(EdiPartnerProperties.SENDER_ID, "5412345000013");
        runner.setProperty(EdiPartnerProperties.RECEIVER_ID, "5490000000017");
        runner.enqueue(SALES_ORDERS);
        runner.run();
        final MockFlowFile edi = runner.getFlowFilesForRelationship(WriteShippingOrderEdi.REL_SUCCESS).get(0);
        final List<EdiInterchange> read = EdiInterchangeReader.read(new ByteArrayInputStream(edi.toByteArray()));
        assertEquals("ORDERS", read.get(0).messages().get(0).type());
        edi.assertAttributeEquals("mime.type", "application/EDIFACT");
    }
}
