package io.nifiecommerce.stock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishStateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

    @Test
    void memoryTooLongForOneStateValueIsSplitAndJoinedBack() {
        final PublishState empty = PublishState.read(Map.of(), 50_000);
        for (int i = 0; i < 20_000; i++) {
            empty.memory().remember(PublishedQuantities.key("gid://shopify/InventoryItem/" + i, "gid://shopify/Location/1"), i);
        }
        final Map<String, String> state = empty.toMap(false, NOW);
        assertTrue(Integer.parseInt(state.get(PublishState.CHUNK_PREFIX + "chunks")) > 1, "more than one chunk");
        state.values().forEach(value -> assertTrue(value.length() <= StateChunks.CHUNK_CHARS));

        final PublishState read = PublishState.read(state, 50_000);
        assertEquals(OptionalLong.of(12_345), read.memory().lastPublished(PublishedQuantities.key("gid://shopify/InventoryItem/12345", "gid://shopify/Location/1")));
    }

    @Test
    void aMissingChunkStartsOverWithAFullPublish() {
        final PublishState state = PublishState.read(Map.of(), 10);
        state.memory().remember(PublishedQuantities.key("item", "location"), 3);
        final Map<String, String> written = new HashMap<>(state.toMap(false, NOW));
        written.remove(PublishState.CHUNK_PREFIX + 0);
        assertEquals(OptionalLong.empty(), PublishState.read(written, 10).memory().lastPublished(PublishedQuantities.key("item", "location")));
    }

    @Test
    void fullResyncIsDueWhenTheLastIsOlderThanTheInterval() {
        final PublishState never = PublishState.read(Map.of(), 10);
        assertFalse(never.fullResyncDue(null, NOW), "no interval: only when asked");
        assertTrue(never.fullResyncDue(Duration.ofHours(24), NOW), "never resynced");

        final PublishState resynced = PublishState.read(never.toMap(true, NOW), 10);
        assertFalse(resynced.fullResyncDue(Duration.ofHours(24), NOW.plus(Duration.ofHours(23))));
        assertTrue(resynced.fullResyncDue(Duration.ofHours(24), NOW.plus(Duration.ofHours(24))));
        assertEquals(Long.toString(NOW.toEpochMilli()), resynced.toMap(false, NOW.plusSeconds(60)).get(PublishState.LAST_FULL_RESYNC),
                "an incremental run keeps the time of the last full resync");
        assertTrue(PublishState.read(Map.of(PublishState.LAST_FULL_RESYNC, "yesterday"), 10).fullResyncDue(Duration.ofHours(24), NOW),
                "an unreadable time counts as never");
    }
}
