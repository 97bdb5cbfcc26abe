package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.amazon.AmazonSandbox;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** ConfirmAmazonShipment in the NiFi mock framework against the sandbox's Amazon simulator. */
class ConfirmAmazonShipmentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AmazonSandbox sandbox;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        sandbox = new AmazonSandbox(Duration.ofMinutes(5));
        final ConfirmAmazonShipment processor = new ConfirmAmazonShipment();
        processor.setClock(sandbox.clock);
        runner = TestRunners.newTestRunner(processor);
        FetchAmazonOrdersTest.addConnection(runner, sandbox, Map.of());
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ConfirmAmazonShipment.AMAZON_CONNECTION, "amazon");
        runner.setProperty(ConfirmAmazonShipment.RECORD_READER, "reader");
        runner.setProperty(ConfirmAmazonShipment.RECORD_WRITER, "writer");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static String event(final String order, final String tracking, final String carrier, final String extra) {
        return "{\"orderReference\": \"" + order + "\", \"trackingNumber\": \"" + tracking + "\", \"carrier\": \"" + carrier
                + "\", \"shopifyCarrierName\": \"Colissimo\", \"status\": \"PICKED_UP\", \"eventTime\": \"2026-11-20T09:00:00+01:00\"" + extra + "}";
    }

    private JsonNode records(final MockFlowFile flowFile) throws Exception {
        return MAPPER.readTree(flowFile.getContent());
    }

    @Test
    void amazonParcelsAreConfirmedOnceAndOtherMarketplacesPassOn() throws Exception {
        final String paid = sandbox.order("SKU-1", 2);
        sandbox.clock.advance(Duration.ofMinutes(2));
        final String pending = sandbox.order("SKU-2", 1);
        final String input = "[" + event(paid, "6A12345678901", "colissimo", "") + "," + event(paid, "6A12345678901", "colissimo", "")
                + "," + event("CARREFOUR-1001-A", "6A00000000001", "colissimo", "") + "," + event(pending, "6A12345678902", "colissimo", "")
                + "," + event("999-0000000-0000000", "6A12345678903", "colissimo", "") + "]";
        sandbox.clock.advance(Duration.ofSeconds(210)); // the first order is paid (5 minutes after its purchase), the second not yet
        runner.enqueue(input);
        runner.run();

        final MockFlowFile success = runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_SUCCESS).getFirst();
        final JsonNode confirmed = records(success);
        assertEquals(2, confirmed.size());
        assertEquals("CONFIRMED", confirmed.get(0).path("amazonResult").asText());
        assertEquals("Shipped", confirmed.get(0).path("amazonOrderStatus").asText());
        assertEquals("Shipped", sandbox.seller.status(paid));
        assertEquals(1, sandbox.seller.packages(paid).size());
        assertEquals("2026-11-20T08:00:00Z", sandbox.seller.packages(paid).getFirst().path("shipDate").asText());
        assertEquals("CARREFOUR-1001-A", records(runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_OTHER).getFirst())
                .get(0).path("orderReference").asText());
        final MockFlowFile retry = runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_RETRY).getFirst();
        retry.assertAttributeEquals("error.code", "ORDER_NOT_PAID");
        assertEquals(pending, records(retry).get(0).path("orderReference").asText());
        final MockFlowFile failure = runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("error.code", "ORDER_NOT_FOUND");
        assertEquals(1, runner.getProvenanceEvents().stream().filter(e -> e.getTransitUri() != null
                && e.getTransitUri().endsWith("(confirmShipment)")).count());

        // the whole feed again, once the second order is paid: the first is found shipped, the second confirmed
        runner.clearTransferState();
        sandbox.clock.advance(Duration.ofMinutes(5));
        runner.enqueue(input);
        runner.run();
        final JsonNode again = records(runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_SUCCESS).getFirst());
        assertEquals("ALREADY_SHIPPED", again.get(0).path("amazonResult").asText());
        assertEquals("CONFIRMED", again.get(2).path("amazonResult").asText());
        assertEquals(2L, sandbox.simulator.calls().get("confirmShipment"));
    }

    @Test
    void linesMakePartialShipments() throws Exception {
        runner.setProperty(ConfirmAmazonShipment.LINES_FIELD, "lines");
        final String order = sandbox.order("SKU-1", 3);
        sandbox.clock.advance(Duration.ofMinutes(10));
        runner.enqueue("[" + event(order, "6A12345678901", "chronopost", ", \"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 1}]") + ","
                + event(order, "6A12345678902", "dhl", ", \"lines\": \"SKU-1:2\"") + "]");
        runner.run();
        runner.assertAllFlowFilesTransferred(ConfirmAmazonShipment.REL_SUCCESS, 1);
        final JsonNode records = records(runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_SUCCESS).getFirst());
        assertEquals("PartiallyShipped", records.get(0).path("amazonOrderStatus").asText());
        assertEquals("Shipped", records.get(1).path("amazonOrderStatus").asText());
        assertEquals("Chronopost", sandbox.seller.packages(order).get(0).path("carrierCode").asText());
        assertEquals("DHL", sandbox.seller.packages(order).get(1).path("carrierCode").asText());

        runner.clearTransferState();
        runner.enqueue("[" + event(order, "6A12345678903", "dhl", ", \"lines\": \"SKU-1:two\"") + "]");
        runner.run();
        runner.getFlowFilesForRelationship(ConfirmAmazonShipment.REL_FAILURE).getFirst().assertAttributeEquals("error.code", "INVALID_LINES");
    }

    @Test
    void refusedCredentialsRetryTheFlowFileWithoutASecretInTheLogs() throws Exception {
        final String order = sandbox.order("SKU-1", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        runner.disableControllerService(runner.getControllerService("amazon"));
        runner.setProperty(runner.getControllerService("amazon"), StandardAmazonConnectionService.REFRESH_TOKEN, "Atzr|revoked");
        runner.enableControllerService(runner.getControllerService("amazon"));
        runner.enqueue("[" + event(order, "6A12345678901", "colissimo", "") + "]");
        runner.run();
        runner.assertAllFlowFilesTransferred(ConfirmAmazonShipment.REL_RETRY, 1);
        assertEquals("Unshipped", sandbox.seller.status(order));
        runner.getLogger().getErrorMessages().forEach(message -> assertFalse(message.getMsg().contains("Atzr|revoked")
                || message.getMsg().contains(AmazonSeeding.CLIENT_SECRET), message.getMsg()));
    }
}
