package io.nifiecommerce.stock;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a publisher keeps between runs, as the flat string map of NiFi cluster state: the quantities
 * published ({@link PublishedQuantities}, split into chunks because ZooKeeper writes each value with
 * writeUTF, 65,535 bytes at most) and the time of the last full resync.
 */
public final class PublishState {

    static final String CHUNK_PREFIX = "published.";
    static final String LAST_FULL_RESYNC = "lastFullResync";

    private final PublishedQuantities memory;
    private final Instant lastFullResync;

    private PublishState(final PublishedQuantities memory, final Instant lastFullResync) {
        this.memory = memory;
        this.lastFullResync = lastFullResync;
    }

    /** Reads the state written by {@link #toMap}; a missing or incomplete memory starts empty (a full publish). */
    public static PublishState read(final Map<String, String> state, final int maxPairs) {
        return new PublishState(PublishedQuantities.decode(joinChunks(state), maxPairs), instant(state.get(LAST_FULL_RESYNC)));
    }

    /** An unreadable time counts as never: the next run with an interval resyncs, which is safe. */
    private static Instant instant(final String millis) {
        try {
            return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    /** The memory this run reads and updates. */
    public PublishedQuantities memory() {
        return memory;
    }

    /** Whether a run at {@code now} must be a full resync because the last one is older than {@code interval} (null: never due). */
    public boolean fullResyncDue(final Duration interval, final Instant now) {
        return interval != null && (lastFullResync == null || Duration.between(lastFullResync, now).compareTo(interval) >= 0);
    }

    /** The state after a run at {@code now}, full resync or not. */
    public Map<String, String> toMap(final boolean fullResync, final Instant now) {
        final Map<String, String> state = StateChunks.split(CHUNK_PREFIX, memory.encode());
        final Instant last = fullResync ? now : lastFullResync;
        if (last != null) {
            state.put(LAST_FULL_RESYNC, Long.toString(last.toEpochMilli()));
        }
        return state;
    }

    private static String joinChunks(final Map<String, String> state) {
        return StateChunks.join(CHUNK_PREFIX, state);
    }
}
