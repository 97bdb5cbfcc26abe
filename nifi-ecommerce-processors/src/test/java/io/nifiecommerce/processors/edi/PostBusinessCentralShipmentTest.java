package io.nifiecommerce.processors.edi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DESADV file -> ReadShipmentConfirmationEdi -> PostBusinessCentralShipment -> a BC stub: posted once, replays refused. */
class PostBusinessCentralShipmentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        final String orders = MAPPER.writeValueAsString(Map.of("value", List.of(Map.of("id", "o-1", "number", "S-ORD101001",
                "salesOrderLines", List.of(Map.of("id", "l-1", "@odata.etag", "W/\"1\"", "sequence", 10000, "lineType", "Item",
                        "lineObjectNumber", "1896-S", "quantity", 2, "shippedQuantity", 0))))));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            final byte[] out = "GET".equals(exchange.getRequestMethod())
                    ? (exchange.getRequestURI().toString().contains("S-ORD101001") ? orders : "{\"value\":[]}").getBytes(StandardCharsets.UTF_8)
                    : "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        runner = TestRunners.newTestRunner(PostBusinessCentralShipment.class);
        StubConnection.addTo(runner, server.getAddress().getPort());
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        runner.setProperty(PostBusinessCentralShipment.CONNECTION, "bc");
        runner.setProperty(PostBusinessCentralShipment.RECORD_READER, "reader");
    }

    @AfterEach
    void stop() {
        server.stop(0);
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
        assertEquals(List.of("PATCH /api/v2.0/companies(c0)/salesOrderLines(l-1)",
                        "PATCH /api/nifiEcommerce/edi/v1.0/companies(c0)/shippableSalesOrders(o-1)",
                        "POST /api/nifiEcommerce/edi/v1.0/companies(c0)/shippableSalesOrders(o-1)/Microsoft.NAV.ship"),
                calls.subList(1, calls.size()));

        calls.clear();
        runner.clearTransferState();
        runner.enqueue(lines);
        runner.run();
        runner.assertTransferCount(PostBusinessCentralShipment.REL_DUPLICATE, 1);
        runner.assertTransferCount(PostBusinessCentralShipment.REL_SUCCESS, 0);
        assertEquals(List.of(), calls);
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
