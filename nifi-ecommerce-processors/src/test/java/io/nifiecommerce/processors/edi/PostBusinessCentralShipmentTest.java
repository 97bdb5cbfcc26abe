package io.nifiecommerce.processors.edi;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESADV file -> ReadShipmentConfirmationEdi -> PostBusinessCentralShipment -> a BC stub: posted once, replays refused. */
class PostBusinessCentralShipmentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StubBcServer server;
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        final String orders = MAPPER.writeValueAsString(Map.of("value", List.of(Map.of("id", "o-1", "number", "S-ORD101001",
                "salesOrderLines", List.of(Map.of("id", "l-1", "@odata.etag", "W/\"1\"", "sequence", 10000, "lineType", "Item",
                        "lineObjectNumber", "1896-S", "quantity", 2, "shippedQuantity", 0))))));
        server = new StubBcServer(request -> !request.startsWith("GET") ? "{}" : request.contains("/salesShipments") ? "{\"value\":[]}" : request.contains("S-ORD101001") ? orders : "{\"value\":[]}");
        runner = TestRunners.newTestRunner(PostBusinessCentralShipment.class);
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

    private static byte[] shippedLines(final String desadv) throws Exception {
        final TestRunner read = TestRunners.newTestRunner(ReadShipmentConfirmationEdi.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        read.addControllerService("writer", writer);
        read.enableControllerService(writer);
        read.setProperty(ReadShipmentConfirmationEdi.RECORD_WRITER, "writer");
        read.enqueue(desadv);
        read.run();
        return read.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_SUCCESS).get(0).toByteArray();
    }

    @Test
    void aConfirmationIsPostedOnceAndItsReplayIsADuplicate() throws Exception {
        final byte[] lines = shippedLines(ReadShipmentConfirmationEdiTest.DESADV);
        runner.enqueue(lines);
        runner.run();
        runner.assertTransferCount(PostBusinessCentralShipment.REL_SUCCESS, 1);
        final MockFlowFile posted = runner.getFlowFilesForRelationship(PostBusinessCentralShipment.REL_SUCCESS).get(0);
        posted.assertAttributeEquals("bc.shipment.quantity", "1");
        posted.assertAttributeEquals("bc.order.number", "S-ORD101001");
        assertTrue(server.calls().get(0).startsWith("GET /api/v2.0/companies(c0)/salesShipments?"), "first, the shipment already posted?");
        assertEquals(List.of("PATCH /api/v2.0/companies(c0)/salesOrderLines(l-1)",
                        "PATCH /api/nifiEcommerce/edi/v1.0/companies(c0)/shippableSalesOrders(o-1)",
                        "POST /api/nifiEcommerce/edi/v1.0/companies(c0)/shippableSalesOrders(o-1)/Microsoft.NAV.ship"),
                server.calls().subList(2, server.calls().size()).stream().map(c -> c.split(" \\{")[0]).toList());

        server.calls().clear();
        runner.clearTransferState();
        runner.enqueue(lines);
        runner.run();
        runner.assertTransferCount(PostBusinessCentralShipment.REL_DUPLICATE, 1);
        runner.assertTransferCount(PostBusinessCentralShipment.REL_SUCCESS, 0);
        assertEquals(List.of(), server.calls());
    }

    @Test
    void aConfirmationForAnUnknownOrderGoesToReview() throws Exception {
        runner.enqueue(shippedLines(ReadShipmentConfirmationEdiTest.DESADV.replace("S-ORD101001", "S-ORD999")));
        runner.run();
        runner.assertTransferCount(PostBusinessCentralShipment.REL_REVIEW, 1);
        runner.getFlowFilesForRelationship(PostBusinessCentralShipment.REL_REVIEW).get(0).assertAttributeEquals("error.code", "ORDER_NOT_FOUND");
    }

    @Test
    void unreadableRecordsGoToReview() {
        runner.enqueue("not json");
        runner.run();
        runner.assertAllFlowFilesTransferred(PostBusinessCentralShipment.REL_REVIEW, 1);
    }
}
