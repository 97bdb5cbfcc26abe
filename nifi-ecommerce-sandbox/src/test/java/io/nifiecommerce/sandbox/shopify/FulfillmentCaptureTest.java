package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replays the fulfillmentCreate precondition captures: the same inputs on seeded orders give the same userErrors. */
class FulfillmentCaptureTest {

    private static final String CREATE = "mutation($fulfillment: FulfillmentInput!, $message: String) { fulfillmentCreate(fulfillment: $fulfillment, message: $message) "
            + "{ fulfillment { id status displayStatus trackingInfo(first: 5) { number url company } fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { id title } } } } "
            + "userErrors { field message } } }";

    private static Sandbox sandbox;
    private static AdminClient client;
    private static JsonNode cases;
    private static JsonNode multiGroup;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(80).withSeed(21));
        client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
        final Path captures = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference"), "shopify-admin-graphql", "captures-2026-04");
        cases = AdminClient.MAPPER.readTree(Files.readString(captures.resolve("fulfillment-create-preconditions.json"))).path("cases");
        multiGroup = AdminClient.MAPPER.readTree(Files.readString(captures.resolve("fulfillment-create-multi-group.json"))).path("cases");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** The i-th open order's fulfillment order and its first line (remaining quantity included). */
    private static JsonNode fulfillmentOrder(final boolean cancelled, final int skip) {
        final Order order = sandbox.seed().orders().stream().filter(o -> (o.cancelledAt() != null) == cancelled).skip(skip).findFirst().orElseThrow();
        return client.post("query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 20) { nodes { id remainingQuantity } } } } } }",
                Map.of("id", Gid.of("Order", order.id()))).json().path("data").path("order").path("fulfillmentOrders").path("nodes").get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(final JsonNode captured, final List<JsonNode> fulfillmentOrders, final int overQuantity) throws IOException {
        String text = captured.path("variables").toString();
        final JsonNode groups = captured.path("variables").path("fulfillment").path("lineItemsByFulfillmentOrder");
        for (int g = 0; g < groups.size() && g < fulfillmentOrders.size(); g++) {
            final JsonNode group = groups.get(g);
            final JsonNode mine = fulfillmentOrders.get(g);
            if (mine == null) {
                continue;
            }
            text = text.replace(group.path("fulfillmentOrderId").asText(), mine.path("id").asText());
            final JsonNode lines = group.path("fulfillmentOrderLineItems");
            for (int l = 0; l < lines.size(); l++) {
                text = text.replace(lines.get(l).path("id").asText(), mine.path("lineItems").path("nodes").get(0).path("id").asText());
            }
        }
        final Map<String, Object> map = AdminClient.MAPPER.readValue(text, Map.class);
        if (overQuantity > 0) {
            final var groupsList = (List<Map<String, Object>>) ((Map<String, Object>) map.get("fulfillment")).get("lineItemsByFulfillmentOrder");
            ((List<Map<String, Object>>) groupsList.get(0).get("fulfillmentOrderLineItems")).get(0).put("quantity", overQuantity);
        }
        return map;
    }

    private static void replay(final JsonNode captured, final List<JsonNode> fulfillmentOrders, final int overQuantity) throws IOException {
        final JsonNode reply = client.post(CREATE, variables(captured, fulfillmentOrders, overQuantity)).json();
        final String root = captured.path("response").path("data").has("fulfillmentCreateV2") ? "fulfillmentCreateV2" : "fulfillmentCreate";
        final JsonNode expected = captured.path("response").path("data").path(root);
        final JsonNode actual = reply.path("data").path("fulfillmentCreate");
        assertEquals(expected.path("userErrors"), actual.path("userErrors"), reply.toString());
        assertEquals(expected.path("fulfillment").isNull(), actual.path("fulfillment").isNull(), reply.toString());
        if (!expected.path("fulfillment").isNull()) {
            assertEquals(expected.path("fulfillment").path("status"), actual.path("fulfillment").path("status"));
            assertEquals(expected.path("fulfillment").path("displayStatus"), actual.path("fulfillment").path("displayStatus"));
            assertEquals(expected.path("fulfillment").path("trackingInfo"), actual.path("fulfillment").path("trackingInfo"));
        }
    }

    @Test
    void preconditionsMatchTheCaptures() throws IOException {
        replay(cases.path("missingFulfillmentOrder"), List.of(), 0);
        replay(cases.path("missingFulfillmentOrderV2"), List.of(), 0);
        replay(cases.path("nonPositiveQuantity"), List.of(fulfillmentOrder(false, 0)), 0);
        final JsonNode over = fulfillmentOrder(false, 1);
        replay(cases.path("overFulfill"), List.of(over), over.path("lineItems").path("nodes").get(0).path("remainingQuantity").asInt() + 1);
        replay(cases.path("happyPath"), List.of(fulfillmentOrder(false, 2)), 0);
        final JsonNode closed = fulfillmentOrder(true, 0);
        final JsonNode closedReply = client.post(CREATE, variables(cases.path("cancelled"), List.of(closed), 0)).json();
        assertEquals("Fulfillment order " + Gid.parse(closed.path("id").asText(), "FulfillmentOrder").getAsLong() + " has an unfulfillable status= closed.",
                closedReply.path("data").path("fulfillmentCreate").path("userErrors").get(0).path("message").asText(), closedReply.toString());
    }

    @Test
    void multiGroupOrderingMatchesTheCaptures() throws IOException {
        replay(multiGroup.path("unknownLater"), java.util.Arrays.asList(fulfillmentOrder(false, 3), null), 0);
        replay(multiGroup.path("unknownBeforeQuantity"), java.util.Arrays.asList(fulfillmentOrder(false, 3), null), 0);
        final JsonNode reply = client.post(CREATE, variables(multiGroup.path("differentOrderLater"), List.of(fulfillmentOrder(false, 3), fulfillmentOrder(false, 4)), 0)).json();
        final String message = reply.path("data").path("fulfillmentCreate").path("userErrors").get(0).path("message").asText();
        assertTrue(message.startsWith("All fulfillment orders must belong to the same order. Multiple orders with ids ["), reply.toString());
    }
}
