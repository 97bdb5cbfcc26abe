package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.shopify.fulfillment.StubShopify;
import io.nifiecommerce.shopify.fulfillment.TrackingInfo;
import io.nifiecommerce.shopify.fulfillment.TransientStreak;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PutShopifyFulfillmentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StubShopify shopify;
    private TestRunner runner;
    private StubShopify.Order order1001;
    private StubShopify.Order order1002;

    @BeforeEach
    void setUp() throws IOException, InitializationException {
        shopify = new StubShopify();
        order1001 = shopify.addOrder(101, "#1001");
        final StubShopify.FoState paris = shopify.addFulfillmentOrder(order1001, "OPEN", 1, "Paris");
        shopify.addLine(paris, "MUG-RED", 2);
        shopify.addLine(paris, "MUG-BLUE", 1);
        order1002 = shopify.addOrder(102, "#1002");
        shopify.addLine(shopify.addFulfillmentOrder(order1002, "OPEN", 1, "Paris"), "TEA-GREEN", 4);

        runner = TestRunners.newTestRunner(PutShopifyFulfillment.class);
        final StubShopifyConnectionService connection = new StubShopifyConnectionService(shopify.client());
        runner.addControllerService("shopify", connection);
        runner.enableControllerService(connection);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE, "shopify");
        runner.setProperty(PutShopifyFulfillmentProperties.RECORD_READER, "reader");
        runner.setProperty(PutShopifyFulfillmentProperties.RECORD_WRITER, "writer");
    }

    @AfterEach
    void tearDown() {
        shopify.close();
    }

    /** A tracking record as ParseCarrierTracking writes it. */
    private static String event(final String order, final String number, final String carrier, final String status, final String time) {
        return """
                {"orderReference":"%s","trackingNumber":"%s","carrier":"%s","carrierValid":true,"shopifyCarrierName":"%s",
                 "trackingUrl":"https://track.example/%s","status":"%s","statusFinal":%s,"rawCode":"X","rawLabel":"x",
                 "eventTime":"%s","location":"Paris"}""".formatted(order, number, carrier.toLowerCase(), carrier, number, status,
                "DELIVERED".equals(status), time);
    }

    private static List<JsonNode> records(final MockFlowFile flowFile) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        MAPPER.readTree(flowFile.getContent()).forEach(records::add);
        return records;
    }

    private void enqueue(final String... records) {
        runner.enqueue("[" + String.join(",", records) + "]");
    }

    @Test
    void trackingEventsCreateOneFulfillmentPerShipmentAndAReplayCreatesNothing() throws IOException {
        final String[] events = {
                event("#1001", "6A15602676300", "Colissimo", "PENDING", "2026-11-20T08:00:00Z"),
                event("#1001", "6A15602676300", "Colissimo", "IN_TRANSIT", "2026-11-20T18:00:00Z"),
                event("1002", "JD014600006281230701", "DHL Express", "PICKED_UP", "2026-11-20T09:00:00Z")};
        enqueue(events);
        runner.run();

        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        final MockFlowFile success = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst();
        success.assertAttributeEquals("record.count", "3");
        success.assertAttributeEquals("fulfillment.created", "3");
        final List<JsonNode> out = records(success);
        assertEquals(List.of("CREATED", "CREATED", "CREATED"), out.stream().map(r -> r.get("fulfillmentOutcome").asText()).toList());
        assertEquals(out.get(0).get("fulfillmentIds"), out.get(1).get("fulfillmentIds"));
        assertEquals("IN_TRANSIT", out.get(1).get("status").asText());
        assertEquals(1, shopify.fulfillments(order1001).size());
        assertEquals(1, shopify.fulfillments(order1002).size());
        assertEquals(List.of(new TrackingInfo("JD014600006281230701", "DHL Express", "https://track.example/JD014600006281230701")),
                shopify.fulfillments(order1002).getFirst().tracking());

        runner.clearTransferState();
        enqueue(events);
        runner.run();

        final MockFlowFile replay = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst();
        assertEquals(List.of("ALREADY_PRESENT", "ALREADY_PRESENT", "ALREADY_PRESENT"),
                records(replay).stream().map(r -> r.get("fulfillmentOutcome").asText()).toList());
        assertEquals(2, shopify.count("CREATE"));
        assertEquals(1, shopify.fulfillments(order1001).size());
    }

    /** In a cluster the writer claims each FlowFile's order bucket in its cluster state while it writes, and gives it back. */
    @Test
    void inAClusterTheOrderBucketIsClaimedAcrossNodesAndGivenBack() throws IOException {
        runner.setIsConfiguredForClustering(true);
        runner.setClustered(true);
        runner.enqueue(event("#1001", "6A15602676300", "Colissimo", "PENDING", "2026-11-20T08:00:00Z"), Map.of("ecommerce.order.bucket", "7"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        assertEquals(1, shopify.fulfillments(order1001).size());
        runner.getStateManager().assertStateSet(Scope.CLUSTER);
        assertEquals(Map.of(), runner.getStateManager().getState(Scope.CLUSTER).toMap(), "the claim was given back");

        // another node holds bucket 7: the FlowFile waits in the queue, untouched
        runner.getStateManager().setState(Map.of("ecommerce.order.bucket=7", "127.0.0.2:8443#1#x|" + (System.currentTimeMillis() + 60_000)), Scope.CLUSTER);
        runner.enqueue(event("1002", "JD014600006281230701", "DHL Express", "PICKED_UP", "2026-11-20T09:00:00Z"), Map.of("ecommerce.order.bucket", "7"));
        runner.clearTransferState();
        runner.run();
        runner.assertTransferCount(PutShopifyFulfillment.REL_SUCCESS, 0);
        runner.assertQueueNotEmpty();
    }

    @Test
    void theParcelsProgressReachesShopifyAsFulfillmentEventsOnce() throws IOException {
        enqueue(event("#1001", "6A15602676300", "Colissimo", "PICKED_UP", "2026-11-20T08:00:00Z"));
        runner.run();
        final MockFlowFile first = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst();
        first.assertAttributeEquals("fulfillment.created", "1");
        first.assertAttributeEquals("fulfillment.events.posted", "1");
        final StubShopify.FulfillmentState fulfillment = shopify.fulfillments(order1001).getFirst();
        assertEquals(List.of("CARRIER_PICKED_UP"), fulfillment.events().stream().map(e -> e.get("status")).toList());

        // later feeds: the fulfillment exists, the events still go to it
        final String estimated = event("#1001", "6A15602676300", "Colissimo", "IN_TRANSIT", "2026-11-21T06:00:00+01:00")
                .replace("\"rawLabel\":\"x\"", "\"rawLabel\":\"En cours d'acheminement\",\"estimatedDeliveryAt\":\"2026-11-23T18:00:00Z\"");
        final String[] later = {estimated,
                event("#1001", "6A15602676300", "Colissimo", "OUT_FOR_DELIVERY", "2026-11-22T07:00:00Z"),
                event("#1001", "6A15602676300", "Colissimo", "ATTEMPT_FAILED", "2026-11-22T11:00:00Z"),
                event("#1001", "6A15602676300", "Colissimo", "DELIVERED", "2026-11-23T10:00:00Z"),
                event("#1001", "6A15602676300", "Colissimo", "UNKNOWN", "2026-11-23T10:05:00Z")};
        runner.clearTransferState();
        enqueue(later);
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        final MockFlowFile second = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst();
        second.assertAttributeEquals("fulfillment.events.posted", "4");
        second.assertAttributeEquals("fulfillment.events.present", "0");
        final List<JsonNode> out = records(second);
        assertEquals("ALREADY_PRESENT", out.getFirst().get("fulfillmentOutcome").asText());
        assertEquals("4 posted, 0 already present", out.getFirst().get("fulfillmentEvents").asText());
        final List<Map<String, String>> events = shopify.fulfillments(order1001).getFirst().events();
        assertEquals(List.of("CARRIER_PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "ATTEMPTED_DELIVERY", "DELIVERED"),
                events.stream().map(e -> e.get("status")).toList(), "UNKNOWN has no Shopify counterpart");
        assertEquals("2026-11-21T05:00:00Z", events.get(1).get("happenedAt"));
        assertEquals("2026-11-23T18:00:00Z", events.get(1).get("estimatedDeliveryAt"));
        assertEquals("En cours d'acheminement", events.get(1).get("message"));
        assertEquals(1, shopify.count("CREATE"));

        // the same feed again: nothing posted twice
        final long posts = shopify.count("EVENT_CREATE");
        runner.clearTransferState();
        enqueue(later);
        runner.run();
        final MockFlowFile replay = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst();
        replay.assertAttributeEquals("fulfillment.events.posted", "0");
        replay.assertAttributeEquals("fulfillment.events.present", "4");
        assertEquals(posts, shopify.count("EVENT_CREATE"));
        assertEquals(5, shopify.fulfillments(order1001).getFirst().events().size());
    }

    @Test
    void aLostEventAnswerGoesToRetryAndTheRetryPostsNothingTwice() throws IOException {
        enqueue(event("#1001", "6A15602676300", "Colissimo", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("#1001", "6A15602676300", "Colissimo", "DELIVERED", "2026-11-21T08:00:00Z"));
        shopify.loseNextAnswer("EVENT_CREATE");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_RETRY).getFirst();
        retry.assertAttributeEquals("error.code", "TRANSIENT");
        assertTrue(records(retry).getFirst().get("errorMessage").asText().contains("fulfillment events"), retry.getContent());
        assertEquals(1, shopify.fulfillments(order1001).getFirst().events().size());

        runner.clearTransferState();
        runner.enqueue(retry.getContent());
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        assertEquals(List.of("IN_TRANSIT", "DELIVERED"), shopify.fulfillments(order1001).getFirst().events().stream().map(e -> e.get("status")).toList());
        assertEquals(1, shopify.fulfillments(order1001).size());
    }

    @Test
    void eventsCanBeTurnedOffAndErpShipmentsPostNone() {
        runner.setProperty(PutShopifyFulfillmentProperties.POST_EVENTS, "false");
        enqueue(event("#1001", "6A15602676300", "Colissimo", "DELIVERED", "2026-11-20T08:00:00Z"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        assertEquals(0, shopify.count("EVENTS") + shopify.count("EVENT_CREATE"));

        runner.setProperty(PutShopifyFulfillmentProperties.POST_EVENTS, "true");
        runner.clearTransferState();
        enqueue("{\"externalDocumentNumber\":\"#1002\",\"packageTrackingNo\":\"JD014600006281230701\"}");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        assertEquals(0, shopify.count("EVENT_CREATE"), "a shipment without carrier status has no event to post");
        assertTrue(shopify.fulfillments(order1002).getFirst().events().isEmpty());
    }

    @Test
    void parcelsOfOneOrderBecomeOneFulfillmentWithSeveralTrackingNumbers() {
        enqueue(event("#1001", "P-1", "GLS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("#1001", "P-2", "GLS", "IN_TRANSIT", "2026-11-20T08:05:00Z"));
        runner.run();

        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        assertEquals(1, shopify.count("CREATE"));
        assertEquals(List.of("P-1", "P-2"), shopify.fulfillments(order1001).getFirst().tracking().stream().map(TrackingInfo::number).toList());
    }

    @Test
    void eachRecordIsRoutedOnceWithItsReason() throws IOException {
        enqueue(event("#1001", "OK-1", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("#4040", "NF-1", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                "{\"orderReference\":\"#1002\",\"status\":\"IN_TRANSIT\"}",
                "{\"trackingNumber\":\"NO-ORDER\"}");
        runner.run();

        runner.assertTransferCount(PutShopifyFulfillment.REL_SUCCESS, 1);
        runner.assertTransferCount(PutShopifyFulfillment.REL_FAILURE, 1);
        runner.assertTransferCount(PutShopifyFulfillment.REL_RETRY, 0);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("record.count", "3");
        failure.assertAttributeEquals("error.code", "INVALID_SHIPMENT,ORDER_NOT_FOUND");
        final List<JsonNode> failed = records(failure);
        assertEquals(List.of("ORDER_NOT_FOUND", "INVALID_SHIPMENT", "INVALID_SHIPMENT"),
                failed.stream().map(r -> r.get("errorCode").asText()).toList());
        assertEquals("NF-1", failed.getFirst().get("trackingNumber").asText());
        assertTrue(failed.get(1).get("errorMessage").asText().contains("No tracking number"), failed.get(1).toString());
        assertEquals("OK-1", records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst())
                .getFirst().get("trackingNumber").asText());
    }

    @Test
    void unavailableShopRoutesToRetryPenalizedAndCreatesNothing() throws IOException {
        shopify.failNext(null, 50, 503);
        enqueue(event("#1001", "R-1", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("#1002", "R-2", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("#1003", "R-3", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("#1004", "R-4", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"));
        runner.run();

        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_RETRY).getFirst();
        assertTrue(retry.isPenalized());
        retry.assertAttributeEquals("error.code", "TRANSIENT");
        assertEquals(4, records(retry).size());
        assertTrue(shopify.fulfillments(order1001).isEmpty());
        // one failure may be the network: the next shipments are tried; after 3 in a row the shop is known to be down and
        // the fourth is not tried: 3 attempts for each of the first three
        assertEquals(3 * TransientStreak.INTERRUPT_AFTER, shopify.count("ORDER_BY_NAME_FAILED"));
        assertTrue(records(retry).get(3).get("errorMessage").asText().startsWith("Not attempted"), records(retry).get(3).toString());
    }

    @Test
    void businessCentralShipmentWithLinesFulfillsPartially() throws IOException {
        runner.setProperty(PutShopifyFulfillmentProperties.CARRIER_FIELD, "shopifyCarrier");
        runner.setProperty(PutShopifyFulfillmentProperties.LINES_FIELD, "salesShipmentLines");
        enqueue("""
                {"number":"102044","orderNumber":"S-ORD101005","externalDocumentNumber":"1001","packageTrackingNo":"250012345678",
                 "shopifyCarrier":"DPD","salesShipmentLines":[{"lineObjectNumber":"MUG-RED","quantity":1.0},{"lineObjectNumber":"MUG-BLUE","quantity":1}]}""");
        runner.run();

        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        final JsonNode record = records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).getFirst();
        assertEquals("CREATED", record.get("fulfillmentOutcome").asText());
        assertEquals("gid://shopify/Order/101", record.get("shopifyOrderId").asText());
        final StubShopify.FulfillmentState fulfillment = shopify.fulfillments(order1001).getFirst();
        assertEquals(2, fulfillment.quantities().size());
        assertEquals(2, fulfillment.quantities().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals("DPD", fulfillment.tracking().getFirst().company());
    }

    @Test
    void statusesThatDoNotCallForAFulfillmentAreSkipped() throws IOException {
        runner.setProperty(PutShopifyFulfillmentProperties.FULFILL_ON, "SHIPPED");
        enqueue(event("#1001", "S-1", "UPS", "PENDING", "2026-11-20T08:00:00Z"),
                event("#1002", "S-2", "UPS", "PENDING", "2026-11-20T08:00:00Z"),
                event("#1002", "S-2", "UPS", "PICKED_UP", "2026-11-20T10:00:00Z"));
        runner.run();

        final MockFlowFile success = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst();
        success.assertAttributeEquals("fulfillment.skipped", "1");
        success.assertAttributeEquals("fulfillment.created", "2");
        assertEquals(List.of("SKIPPED", "CREATED", "CREATED"), records(success).stream().map(r -> r.get("fulfillmentOutcome").asText()).toList());
        assertTrue(shopify.fulfillments(order1001).isEmpty());
        assertEquals(1, shopify.fulfillments(order1002).size());
    }

    @Test
    void resultsThatCannotBeWrittenSendTheInputToRetryWithNothingElse() throws InitializationException {
        for (final boolean failOnCreate : new boolean[] {false, true}) {
            runner.clearTransferState();
            final FailingWriter failing = new FailingWriter(failOnCreate);
            runner.addControllerService("failing-" + failOnCreate, failing);
            runner.enableControllerService(failing);
            runner.setProperty(PutShopifyFulfillmentProperties.RECORD_WRITER, "failing-" + failOnCreate);
            enqueue(event("#1001", "6A15602676300", "Colissimo", "IN_TRANSIT", "2026-11-20T18:00:00Z"));
            runner.run();

            runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_RETRY, 1);
            final MockFlowFile retry = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_RETRY).getFirst();
            retry.assertAttributeEquals("error.code", "OUTPUT_ERROR");
            retry.assertAttributeEquals("error.message", "disk full");
        }
    }

    /** A Record Writer that fails: when created, or on the first record. */
    private static final class FailingWriter extends AbstractControllerService implements RecordSetWriterFactory {
        private final boolean failOnCreate;

        FailingWriter(final boolean failOnCreate) {
            this.failOnCreate = failOnCreate;
        }

        @Override
        public RecordSchema getSchema(final Map<String, String> variables, final RecordSchema readSchema) {
            return readSchema;
        }

        @Override
        public RecordSetWriter createWriter(final ComponentLog logger, final RecordSchema schema, final OutputStream out,
                                            final Map<String, String> variables) throws IOException {
            if (failOnCreate) {
                throw new IOException("disk full");
            }
            return (RecordSetWriter) Proxy.newProxyInstance(RecordSetWriter.class.getClassLoader(), new Class<?>[] {RecordSetWriter.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("write")) {
                            throw new IOException("disk full");
                        }
                        return method.getName().equals("getMimeType") ? "application/json" : null;
                    });
        }
    }

    @Test
    void unreadableContentGoesToFailureUntouched() {
        runner.enqueue("{ not json");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("error.code", "INVALID_INPUT");
        failure.assertContentEquals("{ not json");
        assertTrue(shopify.operations().isEmpty());
    }

    @Test
    void orderIdReferencesAreAccepted() throws IOException {
        runner.setProperty(PutShopifyFulfillmentProperties.ORDER_REFERENCE_KIND, "id");
        enqueue(event("102", "ID-1", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("gid://shopify/Order/101", "ID-2", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"),
                event("not-an-id", "ID-3", "UPS", "IN_TRANSIT", "2026-11-20T08:00:00Z"));
        runner.run();
        assertEquals(2, records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).size());
        assertEquals("INVALID_SHIPMENT", records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).getFirst())
                .getFirst().get("errorCode").asText());
        assertEquals(2, shopify.count("ORDER_BY_ID"));
    }

    @Test
    void verifyReadsTheShopAndItsScopes() {
        final List<ConfigVerificationResult> results = ((PutShopifyFulfillment) runner.getProcessor())
                .verify((MockProcessContext) runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(2, results.size());
        assertTrue(results.stream().allMatch(r -> r.getOutcome() == ConfigVerificationResult.Outcome.SUCCESSFUL), results.toString());
        assertTrue(results.getFirst().getExplanation().contains("Stub Shop"));
    }
}
