package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Gtin13;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.ShopSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopBehaviourTest {

    private static Sandbox sandbox;
    private static AdminClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(60).withSeed(3));
        client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void seedIsDeterministicWithValidGtinsAndAboutThirtyPercentB2b() {
        final var first = new ShopSeed(200, 5, Instant.parse("2026-11-01T00:00:00Z"), 30).generate();
        final var second = new ShopSeed(200, 5, Instant.parse("2026-11-01T00:00:00Z"), 30).generate();
        assertEquals(first, second);
        assertTrue(first.variants().stream().allMatch(v -> Gtin13.isValid(v.barcode())));
        final long b2b = first.orders().stream().filter(Order::isB2b).count();
        assertTrue(b2b > 40 && b2b < 80, "B2B orders: " + b2b);
        assertTrue(first.orders().stream().anyMatch(o -> !o.currency().equals("EUR")));
        assertTrue(first.orders().stream().anyMatch(Order::taxesIncluded) && first.orders().stream().anyMatch(o -> !o.taxesIncluded()));
    }

    @Test
    void searchFiltersAndCount() {
        final Order order = sandbox.seed().orders().get(30);
        final String since = order.updatedAt().toString();
        final JsonNode reply = client.post("query($q: String) { orders(first: 100, sortKey: UPDATED_AT, query: $q) { nodes { updatedAt displayFinancialStatus } } "
                + "ordersCount(query: $q) { count precision } }", Map.of("q", "updated_at:>='" + since + "' financial_status:paid")).json();
        final JsonNode nodes = reply.path("data").path("orders").path("nodes");
        final long expected = sandbox.seed().orders().stream()
                .filter(o -> !o.updatedAt().isBefore(order.updatedAt()) && o.financialStatus().equals("PAID")).count();
        assertEquals(expected, nodes.size(), reply.toString());
        assertEquals(expected, reply.path("data").path("ordersCount").path("count").asLong());
        nodes.forEach(node -> assertEquals("PAID", node.path("displayFinancialStatus").asText()));
        final JsonNode validated = client.post("{ orders(first: 100, query: \"tag:validated status:any\") { nodes { tags } } }", null).json();
        validated.path("data").path("orders").path("nodes").forEach(node -> assertTrue(node.path("tags").toString().contains("validated")));
    }

    @Test
    void validationErrorsFallForwardAndTokens() throws Exception {
        final AdminClient.Reply unknown = client.post("2023-01", "query Q { orders(first: 1) { nodes { nope } } }", null);
        assertEquals("2026-04", unknown.header("X-Shopify-API-Version"));
        final JsonNode error = unknown.json().path("errors").get(0);
        assertEquals("Field 'nope' doesn't exist on type 'Order'", error.path("message").asText());
        assertEquals("undefinedField", error.path("extensions").path("code").asText());
        assertEquals("2026-07", client.post("2026-07", "{ locations(first: 5) { nodes { id name } } }", null).header("X-Shopify-API-Version"));

        assertEquals(401, new AdminClient(sandbox.shopifyBaseUrl(), "wrong").post("{ shop { id } }", null).status());
        final HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.shopifyBaseUrl() + "/admin/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + sandbox.shopifyClientId()
                        + "&client_secret=" + sandbox.shopifyClientSecret())).build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode issued = AdminClient.MAPPER.readTree(token.body());
        assertTrue(issued.path("expires_in").asLong() > 0);
        final AdminClient withIssued = new AdminClient(sandbox.shopifyBaseUrl(), issued.path("access_token").asText());
        assertEquals(200, withIssued.post("{ locations(first: 1) { nodes { id } } }", null).status());
    }

    @Test
    void throttledAndMaxCost() {
        final String token = sandbox.shopifyAccessToken();
        sandbox.shopify().bucket(token).drain();
        try {
            final AdminClient.Reply throttled = client.post("{ orders(first: 250) { nodes { id } } }", null);
            assertEquals("THROTTLED", throttled.json().path("errors").get(0).path("extensions").path("code").asText(), throttled.json().toString());
            assertTrue(throttled.json().path("extensions").path("cost").path("actualQueryCost").isNull());
        } finally {
            sandbox.shopify().resetBuckets();
        }
        final AdminClient.Reply tooBig = client.post("{ orders(first: 250) { nodes { id customer { id } shippingAddress { city } totalPriceSet { shopMoney { amount } } } } }", null);
        assertEquals("MAX_COST_EXCEEDED", tooBig.json().path("errors").get(0).path("extensions").path("code").asText(), tooBig.json().toString());
    }

    @Test
    void inventoryIsIdempotentAndCompareAndSet() {
        final var level = sandbox.seed().stockLevels().get(5);
        final String item = Gid.of("InventoryItem", level.inventoryItemId());
        final String location = Gid.of("Location", level.locationId());
        final int before = sandbox.shopify().shop().quantity(level.inventoryItemId(), level.locationId(), "available").orElseThrow();
        final String mutation = "mutation($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) "
                + "{ inventoryAdjustmentGroup { id changes { name delta } } userErrors { field message code } } }";
        final Map<String, Object> input = Map.of("name", "available", "reason", "correction",
                "quantities", List.of(Map.of("inventoryItemId", item, "locationId", location, "quantity", before + 7, "changeFromQuantity", before)));
        final JsonNode first = client.post(mutation, Map.of("input", input, "key", "k1")).json();
        final JsonNode again = client.post(mutation, Map.of("input", input, "key", "k1")).json();
        assertEquals(first.path("data"), again.path("data"));
        assertEquals(before + 7, sandbox.shopify().shop().quantity(level.inventoryItemId(), level.locationId(), "available").orElseThrow());
        final JsonNode stale = client.post(mutation, Map.of("input", input, "key", "k2")).json();
        assertEquals("CHANGE_FROM_QUANTITY_STALE", stale.path("data").path("inventorySetQuantities").path("userErrors").get(0).path("code").asText());
        final List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 251; i++) {
            tooMany.add(Map.of("inventoryItemId", item, "locationId", location, "quantity", 1, "changeFromQuantity", 0));
        }
        final JsonNode big = client.post(mutation, Map.of("input", Map.of("name", "available", "reason", "correction", "quantities", tooMany), "key", "k3")).json();
        assertEquals("MAX_INPUT_SIZE_EXCEEDED", big.path("errors").get(0).path("extensions").path("code").asText(), big.toString());
    }

    @Test
    void fulfillmentDecrementsRemainingAndKeepsEveryTrackingNumber() {
        final Order order = sandbox.seed().orders().stream().filter(o -> o.cancelledAt() == null && o.lines().size() > 1).findFirst().orElseThrow();
        final JsonNode fo = client.post("query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } } "
                + "lineItems(first: 20) { nodes { id remainingQuantity totalQuantity } } } } } }", Map.of("id", Gid.of("Order", order.id()))).json()
                .path("data").path("order").path("fulfillmentOrders").path("nodes").get(0);
        final JsonNode line = fo.path("lineItems").path("nodes").get(0);
        final String create = "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id status trackingInfo(first: 5) { number url company } } "
                + "userErrors { field message } } }";
        final JsonNode created = client.post(create, Map.of("f", Map.of("notifyCustomer", true,
                "trackingInfo", Map.of("company", "Colissimo", "numbers", List.of("6A12345678901", "6A12345678902")),
                "lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo.path("id").asText(),
                        "fulfillmentOrderLineItems", List.of(Map.of("id", line.path("id").asText(), "quantity", 1))))))).json();
        final JsonNode fulfillment = created.path("data").path("fulfillmentCreate").path("fulfillment");
        assertEquals(2, fulfillment.path("trackingInfo").size(), created.toString());
        assertEquals(1, sandbox.shopify().shop().fulfillmentsOf(order.id()).size());
        final JsonNode over = client.post(create, Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo.path("id").asText(),
                "fulfillmentOrderLineItems", List.of(Map.of("id", line.path("id").asText(), "quantity", line.path("totalQuantity").asInt()))))))).json();
        assertEquals("Invalid fulfillment order line item quantity requested.",
                over.path("data").path("fulfillmentCreate").path("userErrors").get(0).path("message").asText());
        final JsonNode updated = client.post("mutation($id: ID!, $t: FulfillmentTrackingInput!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $t) "
                + "{ fulfillment { trackingInfo(first: 5) { number company } } userErrors { message } } }",
                Map.of("id", fulfillment.path("id").asText(), "t", Map.of("company", "UPS", "number", "1Z999AA10123456784"))).json();
        assertEquals("UPS", updated.path("data").path("fulfillmentTrackingInfoUpdate").path("fulfillment").path("trackingInfo").get(0).path("company").asText());
        final JsonNode after = client.post("query($id: ID!) { order(id: $id) { displayFulfillmentStatus } }", Map.of("id", Gid.of("Order", order.id()))).json();
        assertEquals("PARTIALLY_FULFILLED", after.path("data").path("order").path("displayFulfillmentStatus").asText());
    }

    @Test
    void bulkQueryWritesJsonlWithParentIds() throws Exception {
        final String inner = "{ orders { edges { node { id name lineItems { edges { node { id sku quantity } } } } } } }";
        final JsonNode run = client.post("mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: true) { bulkOperation { id status } userErrors { message } } }",
                Map.of("q", inner)).json();
        final String id = run.path("data").path("bulkOperationRunQuery").path("bulkOperation").path("id").asText();
        assertEquals("CREATED", run.path("data").path("bulkOperationRunQuery").path("bulkOperation").path("status").asText(), run.toString());
        JsonNode operation = null;
        for (int i = 0; i < 100; i++) {
            operation = client.post("query($id: ID!) { bulkOperation(id: $id) { status url objectCount rootObjectCount } }", Map.of("id", id)).json()
                    .path("data").path("bulkOperation");
            if (operation.path("status").asText().equals("COMPLETED")) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("COMPLETED", operation.path("status").asText());
        assertEquals("60", operation.path("rootObjectCount").asText());
        final String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(operation.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        final String[] lines = body.split("\n");
        assertEquals(operation.path("objectCount").asInt(), lines.length);
        String parent = null;
        int children = 0;
        for (final String text : lines) {
            final JsonNode line = AdminClient.MAPPER.readTree(text);
            if (line.has("__parentId")) {
                assertEquals(parent, line.path("__parentId").asText());
                children++;
            } else {
                parent = line.path("id").asText();
                assertFalse(line.has("lineItems"));
            }
        }
        assertEquals(sandbox.seed().orders().stream().mapToInt(o -> o.lines().size()).sum(), children);
    }

    @Test
    void webhookIsSignedAndDuplicatedOnRequest() throws Exception {
        final List<String[]> received = new ArrayList<>();
        final HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new String[]{exchange.getRequestHeaders().getFirst("X-Shopify-Hmac-Sha256"), WebhookSender.hmac(body, "s3cret"),
                        exchange.getRequestHeaders().getFirst("X-Shopify-Event-Id"), exchange.getRequestHeaders().getFirst("X-Shopify-Topic")});
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            final var statuses = sandbox.webhooks(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), "s3cret")
                    .orderCreated(sandbox.seed().orders().get(0), 2);
            assertEquals(List.of(200, 200), statuses);
            assertEquals(2, received.size());
            for (final String[] headers : received) {
                assertEquals(headers[1], headers[0]);
                assertEquals("orders/create", headers[3]);
            }
            assertEquals(received.get(0)[2], received.get(1)[2]);
        } finally {
            receiver.stop(0);
        }
    }
}
