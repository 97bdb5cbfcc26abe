package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fulfillmentEventCreate and Fulfillment.events, executed on the Admin SDL by the simulator. */
class FulfillmentEventsTest {

    private static final String CREATE_EVENT = "mutation($e: FulfillmentEventInput!) { fulfillmentEventCreate(fulfillmentEvent: $e) "
            + "{ fulfillmentEvent { id status happenedAt estimatedDeliveryAt message city zip country } userErrors { field message } } }";
    private static final String READ = "query($id: ID!) { fulfillment(id: $id) { displayStatus deliveredAt inTransitAt estimatedDeliveryAt "
            + "events(first: 2) { pageInfo { hasNextPage endCursor } nodes { status happenedAt message } } } }";

    private static Sandbox sandbox;
    private static AdminClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(20).withSeed(5));
        client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Fulfills the first open fulfillment order of the seeded orders (each test takes another one). */
    private static String fulfill() {
        JsonNode fo = null;
        for (final Order order : sandbox.seed().orders()) {
            for (final JsonNode node : client.post("query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status } } } }",
                    Map.of("id", Gid.of("Order", order.id()))).json().path("data").path("order").path("fulfillmentOrders").path("nodes")) {
                if (fo == null && node.path("status").asText().equals("OPEN")) {
                    fo = node;
                }
            }
            if (fo != null) {
                break;
            }
        }
        assertTrue(fo != null, "an open fulfillment order");
        final JsonNode created = client.post("mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }",
                Map.of("f", Map.of("trackingInfo", Map.of("company", "Colissimo", "number", "6A15602676300"),
                        "lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo.path("id").asText()))))).json();
        final String id = created.path("data").path("fulfillmentCreate").path("fulfillment").path("id").asText();
        assertTrue(id.startsWith("gid://shopify/Fulfillment/"), created.toString());
        return id;
    }

    private static JsonNode event(final Map<String, Object> input) {
        return client.post(CREATE_EVENT, Map.of("e", input)).json();
    }

    @Test
    void eventsAreStoredInOrderAndShapeTheFulfillment() {
        final String id = fulfill();
        final JsonNode fresh = client.post(READ, Map.of("id", id)).json().path("data").path("fulfillment");
        assertEquals("FULFILLED", fresh.path("displayStatus").asText(), fresh.toString());
        assertEquals(0, fresh.path("events").path("nodes").size());

        final Map<String, Object> transit = new LinkedHashMap<>(Map.of("fulfillmentId", id, "status", "IN_TRANSIT",
                "happenedAt", "2026-03-02T08:00:00+01:00", "estimatedDeliveryAt", "2026-03-04T18:00:00Z", "message", "Colis en cours d'acheminement",
                "city", "Paris", "zip", "75015", "country", "FR"));
        final JsonNode created = event(transit).path("data").path("fulfillmentEventCreate");
        assertEquals(List.of(), List.copyOf(created.path("userErrors").findValuesAsText("message")), created.toString());
        final JsonNode stored = created.path("fulfillmentEvent");
        assertTrue(stored.path("id").asText().startsWith("gid://shopify/FulfillmentEvent/"), stored.toString());
        assertEquals("2026-03-02T07:00:00Z", stored.path("happenedAt").asText(), "DateTime answered in UTC");
        assertEquals("2026-03-04T18:00:00Z", stored.path("estimatedDeliveryAt").asText());
        assertEquals("75015", stored.path("zip").asText());
        event(Map.of("fulfillmentId", id, "status", "OUT_FOR_DELIVERY", "happenedAt", "2026-03-03T07:30:00Z"));
        event(Map.of("fulfillmentId", id, "status", "DELIVERED", "happenedAt", "2026-03-03T11:00:00Z", "message", "Livré"));

        final JsonNode read = client.post(READ, Map.of("id", id)).json().path("data").path("fulfillment");
        assertEquals("DELIVERED", read.path("displayStatus").asText(), read.toString());
        assertEquals("2026-03-03T11:00:00Z", read.path("deliveredAt").asText());
        assertEquals("2026-03-02T07:00:00Z", read.path("inTransitAt").asText());
        assertEquals("2026-03-04T18:00:00Z", read.path("estimatedDeliveryAt").asText());
        final JsonNode page = read.path("events");
        assertEquals(List.of("IN_TRANSIT", "OUT_FOR_DELIVERY"), page.path("nodes").findValuesAsText("status"));
        assertTrue(page.path("pageInfo").path("hasNextPage").asBoolean(), "a connection, paged by first/after");
        final JsonNode next = client.post("query($id: ID!, $after: String) { fulfillment(id: $id) { events(first: 2, after: $after) { nodes { status message } } } }",
                Map.of("id", id, "after", page.path("pageInfo").path("endCursor").asText())).json();
        assertEquals(List.of("DELIVERED"), next.path("data").path("fulfillment").path("events").path("nodes").findValuesAsText("status"), next.toString());
    }

    @Test
    void theSameEventTwiceIsAcceptedAsShopifyDoes() {
        final String id = fulfill();
        final Map<String, Object> delivered = Map.of("fulfillmentId", id, "status", "DELIVERED", "happenedAt", "2026-03-03T11:00:00Z");
        event(delivered);
        final JsonNode again = event(delivered).path("data").path("fulfillmentEventCreate");
        assertEquals(0, again.path("userErrors").size(), again.toString());
        assertEquals(2, client.post(READ, Map.of("id", id)).json().path("data").path("fulfillment").path("events").path("nodes").size(),
                "no idempotency on Shopify's side: the caller must look before posting");
    }

    @Test
    void unknownFulfillmentIsAUserErrorAndNothingIsStored() {
        final JsonNode reply = event(Map.of("fulfillmentId", "gid://shopify/Fulfillment/999999999", "status", "DELIVERED")).path("data")
                .path("fulfillmentEventCreate");
        assertTrue(reply.path("fulfillmentEvent").isNull(), reply.toString());
        assertEquals("Fulfillment does not exist.", reply.path("userErrors").get(0).path("message").asText());
        assertEquals(List.of("fulfillmentEvent", "fulfillmentId"), List.of(reply.path("userErrors").get(0).path("field").get(0).asText(),
                reply.path("userErrors").get(0).path("field").get(1).asText()));
    }

    @Test
    void theSchemaRejectsAStatusOutsideFulfillmentEventStatus() {
        final String id = fulfill();
        final JsonNode reply = event(Map.of("fulfillmentId", id, "status", "LOST_IN_SPACE"));
        assertTrue(reply.path("errors").size() > 0, reply.toString());
        assertTrue(reply.path("data").path("fulfillmentEventCreate").isMissingNode() || reply.path("data").isNull()
                || reply.path("data").path("fulfillmentEventCreate").isNull(), reply.toString());
    }
}
