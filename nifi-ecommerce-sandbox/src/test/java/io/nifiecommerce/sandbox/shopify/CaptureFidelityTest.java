package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the real Shopify captures (reference/shopify-admin-graphql/captures-2026-04) against the
 * sandbox: the same documents and variables, the captured ids mapped to seeded ones, and the same
 * userErrors (field, message, code) and error shapes expected.
 */
class CaptureFidelityTest {

    private static Sandbox sandbox;
    private static AdminClient client;
    private static Path captures;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(40).withSeed(11));
        client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
        captures = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference"), "shopify-admin-graphql", "captures-2026-04");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode capture(final String name) throws IOException {
        return AdminClient.MAPPER.readTree(Files.readString(captures.resolve(name)));
    }

    /** A stocked (item, location) pair of the seeded shop. */
    private static String[] stockedPair() {
        final var level = sandbox.seed().stockLevels().get(0);
        return new String[]{Gid.of("InventoryItem", level.inventoryItemId()), Gid.of("Location", level.locationId())};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> remap(final JsonNode variables, final String[] pair, final String keySuffix) throws IOException {
        String text = variables.toString();
        text = text.replaceAll("gid://shopify/InventoryItem/(53|5348)\\d+", pair[0]).replaceAll("gid://shopify/Location/106318430514", pair[1]);
        final Map<String, Object> map = AdminClient.MAPPER.readValue(text, Map.class);
        if (map.containsKey("idempotencyKey")) {
            map.put("idempotencyKey", map.get("idempotencyKey") + keySuffix);
        }
        return map;
    }

    private static void zero(final String[] pair) {
        final String reset = "mutation($key: String!, $item: ID!, $location: ID!) { inventorySetQuantities(input: {name: \"available\", reason: \"correction\", "
                + "quantities: [{inventoryItemId: $item, locationId: $location, quantity: 0, changeFromQuantity: null}]}) @idempotent(key: $key) { userErrors { code } } }";
        final JsonNode reply = client.post(reset, Map.of("key", "zero-" + System.nanoTime(), "item", pair[0], "location", pair[1])).json();
        assertEquals(0, reply.path("data").path("inventorySetQuantities").path("userErrors").size(), reply.toString());
    }

    @Test
    void inventorySetQuantitiesUserErrorsMatchTheCaptures() throws IOException {
        final String[] pair = stockedPair();
        for (final String file : new String[]{"inventorySetQuantities-name-validation.json", "inventorySetQuantities-quantity-bounds.json"}) {
            final Iterator<Map.Entry<String, JsonNode>> cases = capture(file).path("cases").fields();
            while (cases.hasNext()) {
                final Map.Entry<String, JsonNode> entry = cases.next();
                final JsonNode captured = entry.getValue();
                zero(pair);
                final JsonNode reply = client.post(captured.path("query").asText(), remap(captured.path("variables"), pair, "-" + System.nanoTime())).json();
                final JsonNode expected = captured.path("response").path("data").path("inventorySetQuantities");
                final JsonNode actual = reply.path("data").path("inventorySetQuantities");
                assertEquals(expected.path("userErrors"), actual.path("userErrors"), file + " " + entry.getKey() + ": " + reply);
                if (!expected.path("inventoryAdjustmentGroup").isNull()) {
                    final JsonNode changes = actual.path("inventoryAdjustmentGroup").path("changes");
                    final JsonNode expectedChanges = expected.path("inventoryAdjustmentGroup").path("changes");
                    assertEquals(expectedChanges.size(), changes.size(), entry.getKey());
                    for (int i = 0; i < changes.size(); i++) {
                        assertEquals(expectedChanges.get(i).path("name"), changes.get(i).path("name"));
                        assertEquals(expectedChanges.get(i).path("delta"), changes.get(i).path("delta"));
                    }
                    assertEquals(expected.path("inventoryAdjustmentGroup").path("reason"), actual.path("inventoryAdjustmentGroup").path("reason"));
                }
                assertTrue(reply.path("extensions").path("cost").has("requestedQueryCost"));
            }
        }
    }

    @Test
    void contractErrorsOf2026_04MatchTheCaptures() throws IOException {
        final JsonNode contracts = capture("inventory-quantity-contracts-2026-04.json");
        final String[] pair = stockedPair();
        final String query = capture("inventorySetQuantities-name-validation.json").path("cases").path("damaged").path("query").asText();
        final String withoutDirective = query.replace(" @idempotent(key: $idempotencyKey)", "").replace("$idempotencyKey: String!", "");

        final JsonNode missingKey = client.post(withoutDirective, without(remap(contracts.path("missingSetIdempotency").path("variables"), pair, "a"))).json();
        final JsonNode expectedMissingKey = contracts.path("missingSetIdempotency").path("response");
        assertEquals(expectedMissingKey.path("errors").get(0).path("message"), missingKey.path("errors").get(0).path("message"));
        assertEquals(expectedMissingKey.path("errors").get(0).path("extensions"), missingKey.path("errors").get(0).path("extensions"));
        assertEquals(expectedMissingKey.path("errors").get(0).path("path"), missingKey.path("errors").get(0).path("path"));
        assertTrue(missingKey.path("data").path("inventorySetQuantities").isNull());

        final JsonNode missingFrom = client.post(query, remap(contracts.path("missingSetChangeFromQuantity").path("variables"), pair, "b")).json();
        final JsonNode expectedMissingFrom = contracts.path("missingSetChangeFromQuantity").path("response").path("errors").get(0);
        assertEquals(expectedMissingFrom.path("message"), missingFrom.path("errors").get(0).path("message"), missingFrom.toString());
        assertEquals(expectedMissingFrom.path("extensions"), missingFrom.path("errors").get(0).path("extensions"));

        final JsonNode legacy = client.post(query, remap(contracts.path("legacySetShape").path("variables"), pair, "c")).json();
        final JsonNode expectedLegacy = contracts.path("legacySetShape").path("response").path("errors").get(0);
        assertEquals(expectedLegacy.path("message").asText().replaceAll("gid://shopify/[^\"]+", ""),
                legacy.path("errors").get(0).path("message").asText().replaceAll("gid://shopify/[^\"]+", ""), legacy.toString());
        assertEquals(expectedLegacy.path("extensions").path("code"), legacy.path("errors").get(0).path("extensions").path("code"));
        assertEquals(expectedLegacy.path("extensions").path("problems"), legacy.path("errors").get(0).path("extensions").path("problems"));

        for (final String name : new String[]{"setUnknownInventoryItem", "setUnknownLocation"}) {
            final JsonNode captured = contracts.path("unknownIdValidation").path(name);
            final JsonNode reply = client.post(query, remap(captured.path("variables"), pair, name)).json();
            assertEquals(captured.path("response").path("data").path("inventorySetQuantities").path("userErrors"),
                    reply.path("data").path("inventorySetQuantities").path("userErrors"), name + ": " + reply);
        }
    }

    private static Map<String, Object> without(final Map<String, Object> variables) {
        variables.remove("idempotencyKey");
        return variables;
    }

    @Test
    void bulkOperationValidatorsMatchTheCaptures() throws IOException {
        for (final String file : new String[]{"bulk-operation-run-query-validators.json", "bulk-operation-run-query-user-error-codes.json"}) {
            final Iterator<Map.Entry<String, JsonNode>> cases = capture(file).path("validations").fields();
            while (cases.hasNext()) {
                final Map.Entry<String, JsonNode> entry = cases.next();
                final JsonNode captured = entry.getValue();
                @SuppressWarnings("unchecked")
                final Map<String, Object> variables = AdminClient.MAPPER.convertValue(captured.path("variables"), Map.class);
                final JsonNode reply = client.post(captured.path("query").asText(), variables).json();
                final JsonNode expected = captured.path("response").path("data").path("bulkOperationRunQuery");
                final JsonNode actual = reply.path("data").path("bulkOperationRunQuery");
                assertEquals(expected.path("userErrors"), actual.path("userErrors"), file + " " + entry.getKey() + ": " + reply);
                assertTrue(actual.path("bulkOperation").isNull());
            }
        }
    }
}
