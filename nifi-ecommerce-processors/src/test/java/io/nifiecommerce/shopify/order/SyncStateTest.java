package io.nifiecommerce.shopify.order;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncStateTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void roundTripsThroughClusterStateCompactly() {
        final EmittedVersions emitted = new EmittedVersions();
        for (int i = 0; i < 1000; i++) {
            emitted.add("gid://shopify/Order/" + (8938752442674L + i), T.plusSeconds(i));
        }
        final SyncState state = new SyncState(T, T.plusSeconds(5), new SyncState.Window(null, T.plusSeconds(60), "cursor==", 250),
                emitted, null, null);
        final Map<String, String> map = state.toMap();
        final SyncState back = SyncState.fromMap(map);
        assertEquals(T, back.highWater());
        assertNull(back.window().start(), "no lower bound survives as 'beginning'");
        assertEquals("cursor==", back.window().after());
        assertEquals(250, back.window().fetched());
        assertEquals(1000, back.emitted().size());
        assertTrue(back.emitted().contains("gid://shopify/Order/8938752442674", T));
        assertFalse(back.emitted().contains("gid://shopify/Order/8938752442674", T.plusSeconds(1)));
        // about 21 characters per version: a thousand versions in the overlap stay far below ZooKeeper's 1 MB
        assertTrue(map.get("orders.emitted").length() < 25_000, "size " + map.get("orders.emitted").length());
    }

    /**
     * A standalone NiFi's local state provider writes each value with {@code writeUTF}: the 4,000 to 10,000 versions of a
     * burst in one value (80-211 KB in the 10,000-order run) failed it, and every later state write of the node with it.
     */
    @Test
    void aBurstOfOrdersInTheOverlapIsWrittenInValuesTheLocalStateProviderAccepts() throws IOException {
        final EmittedVersions emitted = new EmittedVersions();
        for (int i = 0; i < 10_000; i++) {
            emitted.add("gid://shopify/Order/" + (5000000000001L + i), T.plusMillis(7L * i));
        }
        final Map<String, String> map = new SyncState(T, T, null, emitted, null, null).toMap();
        assertTrue(map.size() > 3, map.keySet().toString());
        for (final String value : map.values()) {
            new DataOutputStream(new ByteArrayOutputStream()).writeUTF(value);
        }
        final SyncState back = SyncState.fromMap(map);
        assertEquals(10_000, back.emitted().size());
        assertTrue(back.emitted().contains("gid://shopify/Order/5000000000001", T));
        assertTrue(back.emitted().contains("gid://shopify/Order/5000000010000", T.plusMillis(7L * 9_999)));
    }

    @Test
    void keepsTheNewestVersionsWhenMoreThanTheStateShouldHold() {
        final EmittedVersions emitted = new EmittedVersions();
        final int versions = EmittedVersions.MAX_VERSIONS + 5_000;
        for (int i = 0; i < versions; i++) {
            emitted.add("gid://shopify/Order/" + (5000000000001L + i), T.plusMillis(i));
        }
        final Map<String, String> map = new SyncState(T, T, null, emitted, null, null).toMap();
        assertTrue(map.values().stream().mapToInt(String::length).sum() < 1_000_000, "within ZooKeeper's 1 MB");
        final EmittedVersions back = SyncState.fromMap(map).emitted();
        assertEquals(EmittedVersions.MAX_VERSIONS, back.size());
        assertFalse(back.contains("gid://shopify/Order/5000000000001", T), "the oldest is forgotten");
        assertTrue(back.contains("gid://shopify/Order/" + (5000000000000L + versions), T.plusMillis(versions - 1)), "the newest is kept");
    }

    @Test
    void forgetsVersionsThatNoWindowCanReadAgain() {
        final EmittedVersions emitted = new EmittedVersions();
        emitted.add("gid://shopify/Order/1", T.minus(Duration.ofMinutes(10)));
        emitted.add("gid://shopify/Order/1", T);
        emitted.add("gid://shopify/Order/2", T.minus(Duration.ofMinutes(6)));
        emitted.forgetBefore(T.minus(Duration.ofMinutes(5)));
        assertEquals(1, emitted.size());
        assertTrue(emitted.contains("gid://shopify/Order/1", T));
    }

    @Test
    void nextWindowStartsOneOverlapBeforeTheHighWaterMark() {
        final Duration overlap = Duration.ofMinutes(5);
        assertEquals(T.minus(overlap), new SyncState(T, T.plusSeconds(99), null, new EmittedVersions(), null, null).nextWindowStart(overlap, null));
        assertEquals(T.minus(overlap), new SyncState(null, T, null, new EmittedVersions(), null, null).nextWindowStart(overlap, null));
        assertNull(SyncState.empty().nextWindowStart(overlap, null), "everything");
        assertEquals("updated_at:>='2026-11-20T09:55:00Z' updated_at:<='2026-11-20T10:00:00Z' AND (tag:a OR tag:b)",
                OrderSearch.window(T.minus(overlap), T, "tag:a OR tag:b"));
        assertEquals("updated_at:<='2026-11-20T10:00:00Z'", OrderSearch.window(null, T, " "));
    }
}
