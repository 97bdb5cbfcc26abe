package io.nifiecommerce.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class QuotaRegistryTest {

    @Test
    void theKeyNeverShowsTheIdentity() {
        final String key = QuotaRegistry.key("shopify", "https://a-shop.myshopify.com", "token:shpat_secret");
        assertFalse(key.contains("shpat_secret") || key.contains("a-shop"));
        assertEquals(64, key.length());
        assertNotEquals(QuotaRegistry.key("ab", "c"), QuotaRegistry.key("a", "bc"));
    }

    @Test
    void theHoldersSettingsAreSettledAtEachLeaseAndRelease() {
        final List<List<Integer>> settled = new ArrayList<>();
        final QuotaRegistry<Integer, StringBuilder> registry = new QuotaRegistry<>((quota, all) -> settled.add(all));
        final var three = registry.lease("k", 3, n -> new StringBuilder());
        final var five = registry.lease("k", 5, n -> new StringBuilder());
        three.close();
        five.close();
        assertEquals(List.of(List.of(3), List.of(3, 5), List.of(5)), settled, "nothing is settled once nobody holds it");
        assertEquals(0, registry.holders("k"));
    }
}
