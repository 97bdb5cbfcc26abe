package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.FulfillmentState;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOrder;
import io.nifiecommerce.shopify.fulfillment.OrderReference;
import io.nifiecommerce.shopify.fulfillment.ShopifyFulfillmentApi;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PutShopifyFulfillment against the sandbox's Shopify simulator, which executes the documents on the real Admin SDL. */
class PutShopifyFulfillmentSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Sandbox sandbox;

    private TestRunner runner;
    private ShopifyFulfillmentApi api;

    @BeforeAll
    static void startSandbox() {
        Sandbox.warmUp();
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(40));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() throws InitializationException {
        sandbox.reset();
        sandbox.faults().plan(FaultPlan.NONE);
        runner = TestRunners.newTestRunner(PutShopifyFulfillment.class);
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)),
                new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50)));
        final ShopifyGraphQlClient client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-04"),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), new CostBudget(2000, 100, 10, System::nanoTime), transport,
                Duration.ofSeconds(10));
        api = new ShopifyFulfillmentApi(client);
        final StubShopifyConnectionService connection = new StubShopifyConnectionService(client);
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

    /** Seeded orders that still have something to ship, read through the simulator. */
    private List<Order> openOrders() {
        return sandbox.shopify().shop().orders().stream()
                .filter(o -> o.cancelledAt() == null)
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .filter(o -> remaining(o) > 0)
                .toList();
    }

    private int remaining(final Order order) {
        return api.findOrder(OrderReference.name(order.name())).orElseThrow().fulfillmentOrders().stream()
                .filter(FulfillmentOrder::fulfillable).mapToInt(FulfillmentOrder::remainingQuantity).sum();
    }

    private static String event(final String order, final String number) {
        return "{\"orderReference\":\"%s\",\"trackingNumber\":\"%s\",\"shopifyCarrierName\":\"Colissimo\",\"status\":\"IN_TRANSIT\"}"
                .formatted(order, number);
    }

    private static List<JsonNode> records(final MockFlowFile flowFile) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        MAPPER.readTree(flowFile.getContent()).forEach(records::add);
        return records;
    }

    @Test
    void createsOnceThenRecognisesTheReplayAndUpdatesTracking() throws IOException {
        final Order order = openOrders().getFirst();
        runner.enqueue("[" + event(order.name(), "6A15602676300") + "]");
        runner.run();

        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
        final JsonNode created = records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).getFirst();
        assertEquals("CREATED", created.get("fulfillmentOutcome").asText(), created.toString());
        final List<FulfillmentState> fulfillments = sandbox.shopify().shop().fulfillmentsOf(order.id());
        assertEquals(1, fulfillments.size());
        assertEquals("gid://shopify/Fulfillment/" + fulfillments.getFirst().id(), created.get("fulfillmentIds").asText());
        assertEquals("6A15602676300", fulfillments.getFirst().tracking().getFirst().number());
        assertEquals("Colissimo", fulfillments.getFirst().tracking().getFirst().company());
        assertEquals(0, remaining(order));

        runner.clearTransferState();
        runner.enqueue("[" + event(order.name(), "6A15602676300") + "]");
        runner.run();
        final String replay = records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).getFirst()
                .get("fulfillmentOutcome").asText();
        assertTrue(replay.equals("ALREADY_PRESENT"), replay);

        runner.clearTransferState();
        runner.enqueue("[{\"orderReference\":\"%s\",\"trackingNumber\":\"6A15602676300\",\"shopifyCarrierName\":\"Colissimo\",\"trackingUrl\":\"https://www.laposte.fr/outils/suivre-vos-envois?code=6A15602676300\"}]"
                .formatted(order.name()));
        runner.run();
        assertEquals("TRACKING_UPDATED", records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst())
                .getFirst().get("fulfillmentOutcome").asText());
        assertEquals(1, sandbox.shopify().shop().fulfillmentsOf(order.id()).size());
        assertEquals("https://www.laposte.fr/outils/suivre-vos-envois?code=6A15602676300",
                sandbox.shopify().shop().fulfillmentsOf(order.id()).getFirst().tracking().getFirst().url());
    }

    @Test
    void carrierEventsBecomeFulfillmentEventsOnceOnTheSimulator() throws IOException {
        final Order order = openOrders().getFirst();
        final String picked = "{\"orderReference\":\"%s\",\"trackingNumber\":\"6A15602676300\",\"shopifyCarrierName\":\"Colissimo\",\"status\":\"PICKED_UP\",\"eventTime\":\"2026-11-20T08:00:00Z\"}"
                .formatted(order.name());
        runner.enqueue("[" + picked + "]");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);

        final String later = "[" + String.join(",",
                "{\"orderReference\":\"%1$s\",\"trackingNumber\":\"6A15602676300\",\"status\":\"IN_TRANSIT\",\"shopifyEventStatus\":\"IN_TRANSIT\",\"eventTime\":\"2026-11-21T06:00:00+01:00\",\"estimatedDeliveryAt\":\"2026-11-23T18:00:00Z\",\"rawLabel\":\"En cours d'acheminement\",\"location\":{\"city\":\"Paris\",\"postalCode\":\"75015\",\"country\":\"FR\"}}",
                "{\"orderReference\":\"%1$s\",\"trackingNumber\":\"6A15602676300\",\"status\":\"OUT_FOR_DELIVERY\",\"eventTime\":\"2026-11-22T07:00:00Z\"}",
                "{\"orderReference\":\"%1$s\",\"trackingNumber\":\"6A15602676300\",\"status\":\"DELIVERED\",\"eventTime\":\"2026-11-22T10:00:00Z\"}")
                .formatted(order.name()) + "]";
        for (int pass = 0; pass < 2; pass++) {
            runner.clearTransferState();
            runner.enqueue(later);
            runner.run();
            runner.assertAllFlowFilesTransferred(PutShopifyFulfillment.REL_SUCCESS, 1);
            runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()
                    .assertAttributeEquals("fulfillment.events.posted", pass == 0 ? "3" : "0");
        }
        final List<FulfillmentState> fulfillments = sandbox.shopify().shop().fulfillmentsOf(order.id());
        assertEquals(1, fulfillments.size());
        final List<FulfillmentState.Event> events = fulfillments.getFirst().events();
        assertEquals(List.of("CARRIER_PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"), events.stream().map(FulfillmentState.Event::status).toList());
        final FulfillmentState.Event transit = events.get(1);
        assertEquals(java.time.Instant.parse("2026-11-21T05:00:00Z"), transit.happenedAt());
        assertEquals(java.time.Instant.parse("2026-11-23T18:00:00Z"), transit.estimatedDeliveryAt());
        assertEquals("En cours d'acheminement", transit.message());
        assertEquals("75015", transit.zip());
        assertEquals("FR", transit.country());
    }

    @Test
    void aTrackingRecordNamingTheDraftWaitsForTheDraftThenFulfillsTheOrderItBecame() throws IOException {
        final var shop = sandbox.shopify().shop();
        final Order b2b = shop.orders().stream().filter(Order::isB2b).filter(o -> o.cancelledAt() == null)
                .filter(o -> o.lines().stream().anyMatch(l -> l.quantity() > 0)).findFirst().orElseThrow();
        final var draft = shop.resubmitAsDraft(b2b.id()).orElseThrow();
        final Order other = openOrders().stream().filter(o -> !o.isB2b()).findFirst().orElseThrow();
        // BC shipped the order while its draft is still open (completed by hand, or its carrier price in review)
        runner.enqueue("[" + event(draft.name(), "DRAFT-1") + "," + event(other.name(), "OTHER-1") + "," + event("#D999", "NOPE-2") + "]");
        runner.run();
        final MockFlowFile waiting = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_RETRY).getFirst();
        assertEquals("DRAFT_NOT_COMPLETED", records(waiting).getFirst().get("errorCode").asText(), "a draft not completed yet is an order to come");
        assertEquals("CREATED", records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).getFirst()
                .get("fulfillmentOutcome").asText(), "the other shipments of the batch go on, not held behind the draft");
        assertEquals("ORDER_NOT_FOUND", records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).getFirst())
                .getFirst().get("errorCode").asText(), "a draft name the shop does not know is not found");

        final Order placed = shop.completeDraft(shop.draft(draft.id()).orElseThrow(), false);
        runner.clearTransferState();
        runner.enqueue(waiting.toByteArray());
        runner.run();
        final JsonNode created = records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).getFirst();
        assertEquals("CREATED", created.get("fulfillmentOutcome").asText(), created.toString());
        final List<FulfillmentState> fulfillments = shop.fulfillmentsOf(placed.id());
        assertEquals(1, fulfillments.size(), "the fulfillment is on " + placed.name() + ", the order " + draft.name() + " became");
        assertEquals("DRAFT-1", fulfillments.getFirst().tracking().getFirst().number());
    }

    @Test
    void partialShipmentBySkuAndUnknownOrder() throws IOException {
        final Order order = openOrders().stream().filter(o -> o.lines().stream().anyMatch(l -> l.sku() != null && l.quantity() >= 1))
                .findFirst().orElseThrow();
        final Order.OrderLine line = order.lines().stream().filter(l -> l.sku() != null).findFirst().orElseThrow();
        runner.setProperty(PutShopifyFulfillmentProperties.LINES_FIELD, "lines");
        runner.enqueue("[{\"orderReference\":\"%s\",\"trackingNumber\":\"PART-1\",\"shopifyCarrierName\":\"DPD\",\"lines\":\"%s:1\"},%s]"
                .formatted(order.name(), line.sku(), event("#999999", "NOPE-1")));
        runner.run();

        final JsonNode success = records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS).getFirst()).getFirst();
        assertEquals("CREATED", success.get("fulfillmentOutcome").asText(), success.toString());
        final FulfillmentState fulfillment = sandbox.shopify().shop().fulfillmentsOf(order.id()).getFirst();
        assertEquals(1, fulfillment.lines().stream().mapToInt(FulfillmentState.ShippedLine::quantity).sum());
        assertEquals(line.id(), fulfillment.lines().getFirst().lineItemId());
        assertEquals("ORDER_NOT_FOUND", records(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).getFirst())
                .getFirst().get("errorCode").asText());
    }

    @Test
    @Timeout(240)
    void underFaultsEveryShipmentEndsWithExactlyOneFulfillment() throws IOException {
        final List<Order> orders = openOrders().subList(0, 20);
        final StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < orders.size(); i++) {
            json.append(i == 0 ? "" : ",").append(event(orders.get(i).name(), "CHAOS-" + i));
        }
        // server errors, throttling, truncated bodies and lost acknowledgements on 30% of the requests. Timeouts and
        // connection resets are left out: the sandbox drops those after sending headers, and the JDK client's request
        // timeout does not cover the body, so the call would wait forever (reported; to fix in the shared HTTP layer)
        sandbox.faults().plan(new FaultPlan(0.3, true, true, false, false, true, Duration.ZERO, Duration.ofMillis(200), true));
        runner.enqueue(json.append("]").toString());

        final Map<String, String> outcomes = new HashMap<>();
        for (int round = 0; round < 60 && outcomes.size() < orders.size(); round++) {
            runner.run();
            for (final MockFlowFile success : runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_SUCCESS)) {
                records(success).forEach(r -> outcomes.put(r.get("orderReference").asText(), r.get("fulfillmentOutcome").asText()));
            }
            assertTrue(runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).isEmpty(),
                    () -> runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_FAILURE).getFirst().getAttribute("error.message"));
            final List<MockFlowFile> retries = runner.getFlowFilesForRelationship(PutShopifyFulfillment.REL_RETRY);
            System.out.printf("round %d: %d settled, %d retry flowfile(s) %s%n", round, outcomes.size(), retries.size(),
                    retries.isEmpty() ? "" : retries.getFirst().getAttribute("error.message"));
            runner.clearTransferState();
            retries.forEach(retry -> runner.enqueue(retry.toByteArray()));
        }
        sandbox.faults().plan(FaultPlan.NONE);
        final long faults = sandbox.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("faults."))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.println("faults injected: " + sandbox.stats().snapshot());
        assertTrue(faults > 0, "the run met faults");

        assertEquals(orders.size(), outcomes.size(), "every shipment settled: " + outcomes);
        for (final Order order : orders) {
            assertEquals(1, sandbox.shopify().shop().fulfillmentsOf(order.id()).size(), order.name() + " " + outcomes.get(order.name()));
            assertEquals(List.of("IN_TRANSIT"), sandbox.shopify().shop().fulfillmentsOf(order.id()).getFirst().events().stream()
                    .map(FulfillmentState.Event::status).toList(), order.name() + ": its event posted exactly once under faults");
        }
    }
}
