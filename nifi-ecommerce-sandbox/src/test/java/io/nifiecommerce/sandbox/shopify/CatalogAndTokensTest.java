package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Variant;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogAndTokensTest {

    @Test
    void variantsBySkuWithInventoryQuantities() {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(5).withSeed(2))) {
            final AdminClient client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
            final Variant a = sandbox.seed().variants().get(0);
            final Variant b = sandbox.seed().variants().get(3);
            final JsonNode reply = client.post("query($q: String!) { productVariants(first: 10, query: $q) { nodes { sku barcode inventoryItem { id "
                    + "inventoryLevels(first: 5) { nodes { location { id } quantities(names: [\"available\", \"on_hand\"]) { name quantity } } } } } } }",
                    Map.of("q", "sku:" + a.sku() + " OR sku:" + b.sku())).json();
            final JsonNode nodes = reply.path("data").path("productVariants").path("nodes");
            assertEquals(2, nodes.size(), reply.toString());
            for (final JsonNode node : nodes) {
                final long item = Gid.parse(node.path("inventoryItem").path("id").asText(), "InventoryItem").getAsLong();
                for (final JsonNode level : node.path("inventoryItem").path("inventoryLevels").path("nodes")) {
                    final long location = Gid.parse(level.path("location").path("id").asText(), "Location").getAsLong();
                    assertEquals(sandbox.shopify().shop().quantity(item, location, "available").orElseThrow(),
                            level.path("quantities").get(0).path("quantity").asInt());
                    assertEquals(sandbox.shopify().shop().quantity(item, location, "on_hand").orElseThrow(),
                            level.path("quantities").get(1).path("quantity").asInt());
                }
            }
            final JsonNode notSimulated = client.post("{ shop { name } }", null).json();
            assertEquals("NOT_SIMULATED", notSimulated.path("errors").get(0).path("extensions").path("code").asText(), notSimulated.toString());
        }
    }

    @Test
    void clientCredentialTokensExpire() {
        final Instant[] now = {Instant.parse("2026-11-27T10:00:00Z")};
        final Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        final AccessTokens tokens = new AccessTokens("shpat_x", "id", "secret", "read_orders", Duration.ofHours(24), clock);
        assertTrue(tokens.issue("id", "wrong").isEmpty());
        final String token = tokens.issue("id", "secret").orElseThrow();
        assertTrue(tokens.valid(token));
        now[0] = now[0].plus(Duration.ofHours(24));
        assertFalse(tokens.valid(token));
        assertTrue(tokens.valid("shpat_x"));
    }

    @Test
    void leakyBucketRefillsAtItsRestoreRate() throws InterruptedException {
        final LeakyBucket bucket = new LeakyBucket(100, 1000);
        assertTrue(bucket.tryTake(100));
        assertFalse(bucket.tryTake(50));
        Thread.sleep(120);
        assertTrue(bucket.tryTake(50));
    }
}
