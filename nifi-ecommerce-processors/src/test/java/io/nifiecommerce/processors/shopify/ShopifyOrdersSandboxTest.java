package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order processors against the project's Shopify simulator (SDL-validated requests, its own cost model and bulk rules). */
class ShopifyOrdersSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Sandbox sandbox;

    private TestRunner runner;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(120));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() throws InitializationException {
        sandbox.reset();
        runner = TestRunners.newTestRunner(FetchShopifyOrders.class);
        final StandardShopifyConnectionService connection = new StandardShopifyConnectionService();
        runner.addControllerService("shopify", connection);
        runner.setProperty(connection, StandardShopifyConnectionService.STORE_DOMAIN, sandbox.shopDomain());
        runner.setProperty(connection, StandardShopifyConnectionService.API_VERSION, "2026-04");
        runner.setProperty(connection, StandardShopifyConnectionService.AUTHENTICATION, StandardShopifyConnectionService.AUTH_CLIENT_CREDENTIALS.getValue());
        runner.setProperty(connection, StandardShopifyConnectionService.CLIENT_ID, sandbox.shopifyClientId());
        runner.setProperty(connection, StandardShopifyConnectionService.CLIENT_SECRET, sandbox.shopifyClientSecret());
        runner.setProperty(connection, StandardShopifyConnectionService.BASE_URL_OVERRIDE, sandbox.shopifyBaseUrl());
        runner.enableControllerService(connection);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(FetchShopifyOrdersProperties.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(FetchShopifyOrdersProperties.RECORD_WRITER, "writer");
        runner.setProperty(FetchShopifyOrdersProperties.INITIAL_START, FetchShopifyOrdersProperties.START_EVERYTHING.getValue());
    }

    private List<JsonNode> records() throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS)) {
            for (final JsonNode record : MAPPER.readTree(flowFile.getContent())) {
                assertEquals(flowFile.getAttribute("ecommerce.order.segment"), record.path("segment").asText());
                records.add(record);
            }
        }
        return records;
    }

    private static Set<String> seededIds() {
        return sandbox.seed().orders().stream().map(o -> "gid://shopify/Order/" + o.id()).collect(Collectors.toSet());
    }

    private static void assertMatchesSeed(final List<JsonNode> records) {
        final Map<String, Order> seeded = new HashMap<>();
        sandbox.seed().orders().forEach(o -> seeded.put("gid://shopify/Order/" + o.id(), o));
        for (final JsonNode record : records) {
            final Order order = seeded.get(record.path("sourceId").asText());
            assertEquals(order.name(), record.path("name").asText());
            assertEquals(order.isB2b() ? "B2B" : "B2C", record.path("segment").asText());
            assertEquals(order.lines().size(), record.path("lines").size(), order.name());
            assertEquals(0, order.totalPrice().compareTo(new java.math.BigDecimal(record.path("totalPrice").asText())), order.name());
        }
    }

    @Test
    void pagesReadEverySeededOrderOnceThenOnlyChanges() throws IOException {
        runner.setProperty(FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE, "25");
        runner.run();

        final List<JsonNode> records = records();
        final Set<String> ids = records.stream().map(r -> r.path("sourceId").asText()).collect(Collectors.toSet());
        assertEquals(seededIds(), ids);
        assertEquals(records.size(), ids.size(), "no order twice");
        assertTrue(records.stream().anyMatch(r -> r.path("segment").asText().equals("B2B")), "the seed has B2B orders");
        assertMatchesSeed(records);

        final List<Order> touched = sandbox.seed().orders().subList(0, 3);
        touched.forEach(o -> sandbox.shopify().shop().touchOrder(o.id(), null));
        runner.clearTransferState();
        runner.run();
        final Set<String> again = records().stream().map(r -> r.path("sourceId").asText()).collect(Collectors.toSet());
        assertEquals(touched.stream().map(o -> "gid://shopify/Order/" + o.id()).collect(Collectors.toSet()), again);
    }

    @Test
    void aSmallBucketIsPacedOrRetriedAndNothingIsLost() throws IOException {
        for (final int throttleStatus : new int[] {200, 429}) {
            sandbox.reset();
            runner.clearTransferState();
            runner.getStateManager().clear(Scope.CLUSTER);
            // a bucket smaller than two pages: the shared cost budget waits for it to refill, THROTTLED answers are retried
            sandbox.shopify().rateLimit(io.nifiecommerce.sandbox.shopify.RateLimit.STANDARD.withBucket(1000, 2000).withThrottleStatus(throttleStatus));
            try {
                runner.run();
            } finally {
                sandbox.shopify().rateLimit(io.nifiecommerce.sandbox.shopify.RateLimit.STANDARD);
            }
            final List<JsonNode> records = records();
            final Set<String> ids = records.stream().map(r -> r.path("sourceId").asText()).collect(Collectors.toSet());
            assertEquals(seededIds(), ids, "status " + throttleStatus);
            assertEquals(records.size(), ids.size());
        }
    }

    @Test
    void aCatchUpThrottledBeforeItsFlowFileIsFullKeepsThePagesItRead() throws IOException {
        runner.getStateManager().clear(Scope.CLUSTER);
        // the first page spends the bucket and the next one would wait 80 s: the run ends THROTTLED long before
        // 1,000 orders (a FlowFile) are read; what it read must be committed, or every run starts over
        sandbox.shopify().rateLimit(io.nifiecommerce.sandbox.shopify.RateLimit.STANDARD.withBucket(1000, 10));
        try {
            runner.run();
        } finally {
            sandbox.shopify().rateLimit(io.nifiecommerce.sandbox.shopify.RateLimit.STANDARD);
        }
        final List<JsonNode> first = records();
        assertTrue(!first.isEmpty() && first.size() < seededIds().size(), "the first run committed part of the orders: " + first.size());
        assertTrue(runner.getStateManager().getState(Scope.CLUSTER).toMap().values().stream().anyMatch(v -> v != null && !v.isEmpty()),
                "the cursor of the pages read is in the cluster state");

        // a fresh budget (as after a restart): the one that saw 10 points/s would wait past the inline limit
        final StandardShopifyConnectionService connection = (StandardShopifyConnectionService) runner.getControllerService("shopify");
        runner.disableControllerService(connection);
        runner.enableControllerService(connection);
        runner.run();
        final List<JsonNode> records = records();
        final Set<String> ids = records.stream().map(r -> r.path("sourceId").asText()).collect(Collectors.toSet());
        assertEquals(seededIds(), ids, "the next run read the rest");
        assertEquals(records.size(), ids.size(), "no order twice");
    }

    @Test
    void bulkBackfillReadsTheSameOrders() throws IOException, InterruptedException {
        runner.setProperty(FetchShopifyOrdersProperties.FETCH_MODE, FetchShopifyOrdersProperties.MODE_BULK.getValue());
        for (int i = 0; i < 50 && (runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS).isEmpty()
                || runner.getStateManager().getState(Scope.CLUSTER).get("orders.bulk.id") != null); i++) {
            runner.run();
            Thread.sleep(100);
        }
        final List<JsonNode> records = records();
        final Set<String> ids = records.stream().map(r -> r.path("sourceId").asText()).collect(Collectors.toSet());
        assertEquals(seededIds(), ids);
        assertEquals(records.size(), ids.size());
        assertMatchesSeed(records);

        runner.clearTransferState();
        runner.run();
        assertEquals(0, records().size(), "the pages that follow the backfill emit nothing already emitted");
    }

    @Test
    void webhookDeliveriesFromTheSandboxAreVerifiedAndDeduplicated() throws IOException, InterruptedException, InitializationException {
        final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/shopify/orders", exchange -> {
            final Map<String, String> received = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> received.put("http.headers." + canonical(name), values.get(0)));
            headers.add(received);
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            final Order order = sandbox.seed().orders().stream().filter(Order::isB2b).findFirst().orElseThrow();
            sandbox.webhooks(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/shopify/orders"), "sandbox-webhook-secret")
                    .orderCreated(order, 2);

            final TestRunner webhook = TestRunners.newTestRunner(ReceiveShopifyOrderWebhook.class);
            final JsonRecordSetWriter writer = new JsonRecordSetWriter();
            webhook.addControllerService("writer", writer);
            webhook.enableControllerService(writer);
            webhook.setProperty(ReceiveShopifyOrderWebhook.RECORD_WRITER, "writer");
            webhook.setProperty(ReceiveShopifyOrderWebhook.WEBHOOK_SECRET, "sandbox-webhook-secret");
            for (int i = 0; i < bodies.size(); i++) {
                webhook.enqueue(bodies.get(i), headers.get(i));
            }
            webhook.run();

            webhook.assertTransferCount(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
            webhook.assertTransferCount(ReceiveShopifyOrderWebhook.REL_DUPLICATE, 1);
            final MockFlowFile accepted = webhook.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_SUCCESS).get(0);
            accepted.assertAttributeEquals("ecommerce.order.segment", "B2B");
            final JsonNode record = MAPPER.readTree(accepted.getContent()).get(0);
            assertEquals("gid://shopify/Order/" + order.id(), record.path("sourceId").asText());
            assertEquals(order.lines().size(), record.path("lines").size());
            assertEquals(0, order.totalPrice().compareTo(new java.math.BigDecimal(record.path("totalPrice").asText())));
            final Set<String> eventIds = new HashSet<>();
            headers.forEach(h -> eventIds.add(h.get("http.headers.X-Shopify-Event-Id")));
            assertEquals(1, eventIds.size(), "the sandbox redelivered the same event");
        } finally {
            receiver.stop(0);
        }
    }

    /** HandleHttpRequest keeps header names as sent; the JDK server normalises them: restore Shopify's spelling. */
    private static String canonical(final String name) {
        final List<String> parts = new ArrayList<>();
        for (final String part : name.split("-")) {
            parts.add(part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return String.join("-", parts);
    }
}
