package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkuResolverTest {

    private FakeShopifyInventory shop;
    private String lyon;
    private MutableClock clock;
    private final List<Map<String, Object>> sentVariables = new ArrayList<>();

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-01T06:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() {
        shop = new FakeShopifyInventory();
        lyon = shop.addLocation("Lyon");
        clock = new MutableClock();
    }

    private SkuResolver resolver(int skusPerQuery, int levels) {
        final AdminApi recording = (document, variables) -> {
            sentVariables.add(variables);
            return shop.execute(document, variables);
        };
        return new SkuResolver(recording, Duration.ofMinutes(15), Duration.ofMinutes(5), clock, skusPerQuery, levels);
    }

    @Test
    void batchesSkusWithinTheCostLimit() {
        final List<String> skus = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            shop.stock(shop.addVariant("SKU-" + i, true), lyon, i);
            skus.add("SKU-" + i);
        }
        final SkuResolver resolver = resolver(50, 5);

        final SkuResolution resolution = resolver.resolve(skus, false);

        assertEquals(120, resolution.items().size());
        assertEquals(3, resolver.queries());
        assertEquals(50, resolver.skusPerQuery());
        assertTrue(SkuResolver.requestedCost(resolver.skusPerQuery(), 5) <= SkuResolver.MAX_QUERY_COST);
        assertEquals(7L, resolution.items().get("SKU-7").levels().get(lyon).available());
        assertTrue(resolution.items().get("SKU-7").levelsComplete());
    }

    @Test
    void morelevelsMeanFewerSkusPerQuery() {
        final SkuResolver resolver = resolver(50, 10);

        assertEquals(29, resolver.skusPerQuery());
        assertTrue(SkuResolver.requestedCost(29, 10) <= 1000);
        assertTrue(SkuResolver.requestedCost(30, 10) > 1000);
    }

    @Test
    void quotesSkusInTheSearchQuery() {
        assertEquals("sku:\"A B\" OR sku:\"x\\\"y\" OR sku:\"c:\\\\d\"", SkuResolver.searchQuery(List.of("A B", "x\"y", "c:\\d")));
    }

    @Test
    void barcodeSearchCoversEveryGtinSpelling() {
        assertEquals(List.of("03760123450001", "3760123450001"),
                SkuResolver.barcodeForms(List.of("03760123450001")));
        assertEquals(List.of("012345678905", "12345678905", "0012345678905", "00012345678905"),
                SkuResolver.barcodeForms(List.of("012345678905")));
    }

    @Test
    void unknownAmbiguousAndCaseInsensitiveFallback() {
        shop.addVariant("DUP-1", true);
        shop.addVariant("DUP-1", true);
        shop.addVariant("mug-01", true);

        final SkuResolution resolution = resolver(50, 5).resolve(List.of("DUP-1", "MUG-01", "NOPE"), false);

        assertEquals(Set.of("NOPE"), resolution.unknown());
        assertEquals(2, resolution.ambiguous().get("DUP-1").size());
        assertEquals("mug-01", resolution.items().get("MUG-01").sku());
    }

    @Test
    void cachesForTheTtlThenAsksAgain() {
        shop.addVariant("A", true);
        final SkuResolver resolver = resolver(50, 5);

        resolver.resolve(List.of("A", "B"), false);
        resolver.resolve(List.of("A", "B"), false);
        assertEquals(1, resolver.queries());

        clock.now = clock.now.plus(Duration.ofMinutes(6)); // unknown TTL over, found TTL not
        shop.addVariant("B", true);
        final SkuResolution later = resolver.resolve(List.of("A", "B"), false);
        assertEquals(2, resolver.queries());
        assertEquals(List.of("sku:\"B\""), sentVariables.stream().skip(1).map(v -> (String) v.get("query")).toList());
        assertEquals(2, later.items().size());

        resolver.resolve(List.of("A"), true);
        assertEquals(3, resolver.queries(), "fresh bypasses the cache");
    }

    @Test
    void followsPagesWhenSearchMatchesMoreVariants() {
        for (int i = 0; i < 7; i++) {
            shop.addVariant("P-" + i, true);
        }
        final SkuResolver resolver = resolver(3, 5);
        final List<String> skus = List.of("P-0", "P-1", "P-2", "P-3", "P-4", "P-5", "P-6");

        final SkuResolution resolution = resolver.resolve(skus, false);

        assertEquals(7, resolution.items().size());
        assertEquals(3, resolver.queries());
    }

    @Test
    void itemWithMoreLevelsThanAskedIsNotKnownUnstocked() {
        final String paris = shop.addLocation("Paris");
        final String lille = shop.addLocation("Lille");
        final FakeShopifyInventory.Variant variant = shop.addVariant("A", true);
        shop.stock(variant, lyon, 1);
        shop.stock(variant, paris, 1);

        final ResolvedItem item = resolver(50, 1).resolve(List.of("A"), false).items().get("A");

        assertFalse(item.levelsComplete());
        assertTrue(item.mayBeStockedAt(lille));
        final ResolvedItem complete = resolver(50, 5).resolve(List.of("A"), true).items().get("A");
        assertFalse(complete.mayBeStockedAt(lille));
        assertTrue(complete.mayBeStockedAt(paris));
    }

    @Test
    void readsTheCapturedLevelShape() {
        // the inventory level Shopify returned in the capture, wrapped as a lookup answer
        final JsonNode captured = FakeShopifyInventory.loadCaptures().path("contracts").path("downstreamRead").path("data").path("inventoryItem");
        final AdminApi api = (document, variables) -> FakeShopifyInventory.MAPPER.valueToTree(Map.of("data", Map.of("productVariants", Map.of(
                "nodes", List.of(Map.of("id", captured.path("variant").path("id").asText(), "sku", "CAPTURED",
                        "inventoryItem", Map.of("id", captured.path("id").asText(), "tracked", captured.path("tracked").asBoolean(),
                                "inventoryLevels", Map.of("nodes", captured.path("inventoryLevels").path("nodes"), "pageInfo", Map.of("hasNextPage", false))))),
                "pageInfo", Map.of("hasNextPage", false)))));

        final ResolvedItem item = new SkuResolver(api).resolve(List.of("CAPTURED"), false).items().get("CAPTURED");

        assertEquals("gid://shopify/InventoryItem/53469430055218", item.inventoryItemId());
        assertEquals(9L, item.levels().get("gid://shopify/Location/106318430514").available());
        assertEquals(9L, item.levels().get("gid://shopify/Location/106318430514").onHand());
    }
}
