package io.nifiecommerce.shopify.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an incremental order sync stands, as kept in cluster state and written in the same session
 * commit as the FlowFiles it accounts for, so that the cursor never moves past what was emitted.
 *
 * @param highWater the latest updatedAt read so far (Shopify's clock), null before the first order
 * @param lastWindowEnd the upper bound of the last completed window: where the next starts while no order was ever read
 * @param window the window being paged through, null between runs
 * @param emitted the versions already emitted inside the overlap
 * @param bulkOperationId a running backfill bulk operation, null when none
 */
public record SyncState(Instant highWater, Instant lastWindowEnd, Window window, EmittedVersions emitted, String bulkOperationId, Instant bulkEnd) {

    /**
     * An updated_at range being read page by page.
     *
     * @param start inclusive lower bound, null for "from the beginning"
     * @param end inclusive upper bound
     * @param after the cursor of the last page emitted, null at the window's start
     * @param fetched orders read in this window, to split it before Shopify's 25,000-object pagination cap
     */
    public record Window(Instant start, Instant end, String after, int fetched) {
    }

    static final String HIGH_WATER = "orders.highWater";
    static final String LAST_WINDOW_END = "orders.lastWindowEnd";
    static final String WINDOW_START = "orders.window.start";
    static final String WINDOW_END = "orders.window.end";
    static final String WINDOW_AFTER = "orders.window.after";
    static final String WINDOW_FETCHED = "orders.window.fetched";
    static final String EMITTED = "orders.emitted";
    static final String BULK_ID = "orders.bulk.id";
    static final String BULK_END = "orders.bulk.end";
    /** Marks a window without lower bound (initial start: everything). */
    static final String BEGINNING = "beginning";

    public static SyncState empty() {
        return new SyncState(null, null, null, new EmittedVersions(), null, null);
    }

    public static SyncState fromMap(final Map<String, String> map) {
        final Instant highWater = instant(map.get(HIGH_WATER));
        Window window = null;
        if (map.get(WINDOW_END) != null) {
            final String start = map.get(WINDOW_START);
            window = new Window(start == null || BEGINNING.equals(start) ? null : Instant.parse(start), Instant.parse(map.get(WINDOW_END)),
                    map.get(WINDOW_AFTER), Integer.parseInt(map.getOrDefault(WINDOW_FETCHED, "0")));
        }
        return new SyncState(highWater, instant(map.get(LAST_WINDOW_END)), window, EmittedVersions.decode(emittedChunks(map)), map.get(BULK_ID), instant(map.get(BULK_END)));
    }

    /** {@code orders.emitted}, then {@code orders.emitted.1}, {@code .2}... while present. */
    private static List<String> emittedChunks(final Map<String, String> map) {
        final List<String> chunks = new ArrayList<>();
        for (String chunk = map.get(EMITTED); chunk != null; chunk = map.get(EMITTED + "." + chunks.size())) {
            chunks.add(chunk);
        }
        return chunks;
    }

    public Map<String, String> toMap() {
        final Map<String, String> map = new HashMap<>();
        if (highWater != null) {
            map.put(HIGH_WATER, highWater.toString());
        }
        if (lastWindowEnd != null) {
            map.put(LAST_WINDOW_END, lastWindowEnd.toString());
        }
        if (window != null) {
            map.put(WINDOW_START, window.start() == null ? BEGINNING : window.start().toString());
            map.put(WINDOW_END, window.end().toString());
            if (window.after() != null) {
                map.put(WINDOW_AFTER, window.after());
            }
            map.put(WINDOW_FETCHED, Integer.toString(window.fetched()));
        }
        final List<String> chunks = emitted.encode();
        for (int i = 0; i < chunks.size(); i++) {
            map.put(i == 0 ? EMITTED : EMITTED + "." + i, chunks.get(i));
        }
        if (bulkOperationId != null) {
            map.put(BULK_ID, bulkOperationId);
        }
        if (bulkEnd != null) {
            map.put(BULK_END, bulkEnd.toString());
        }
        return map;
    }

    public SyncState withWindow(final Window newWindow) {
        return new SyncState(highWater, lastWindowEnd, newWindow, emitted, bulkOperationId, bulkEnd);
    }

    /** The window is read to its end: the next one starts from the data's high-water mark (or this end) minus the overlap. */
    public SyncState windowCompleted(final Instant newHighWater, final Instant end) {
        return new SyncState(newHighWater, end, null, emitted, bulkOperationId, bulkEnd);
    }

    public SyncState withHighWater(final Instant newHighWater) {
        return new SyncState(newHighWater, lastWindowEnd, window, emitted, bulkOperationId, bulkEnd);
    }

    public SyncState withBulk(final String id, final Instant end) {
        return new SyncState(highWater, lastWindowEnd, window, emitted, id, end);
    }

    /**
     * Where the next window starts: the overlap before the latest update read, or before the last
     * window's end while nothing was read; {@code initialStart} (null: everything) before any window.
     */
    public Instant nextWindowStart(final Duration overlap, final Instant initialStart) {
        if (highWater != null) {
            return highWater.minus(overlap);
        }
        if (lastWindowEnd != null) {
            return lastWindowEnd.minus(overlap);
        }
        return initialStart;
    }

    private static Instant instant(final String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }
}
