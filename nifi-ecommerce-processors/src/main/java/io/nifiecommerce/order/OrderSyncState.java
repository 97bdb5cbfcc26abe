package io.nifiecommerce.order;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the incremental read of a marketplace's orders by update date stands: the end of the last window read whole,
 * and the order versions (order id and update date) already handled that a later window can return again, because
 * windows overlap (and Mirakl's OR11 subtracts a delta of its own; Amazon's getOrders lags two minutes). Kept as
 * strings in the processor's cluster state, written in the same session commit as the FlowFiles.
 *
 * <p>ZooKeeper keeps a component's state in one node of at most 1 MB, and the versions kept grow with the orders updated
 * within the overlap: a burst beyond {@link #MAX_HANDLED} keeps the newest (about 100 bytes each as NiFi stores them). A
 * version forgotten may be emitted again if a later window returns it, which the writers recognise (the order is found in
 * BC by its number); a state too big to write would stop the reader instead.
 *
 * @param cursor null before the first read
 * @param handled version key to its last_updated_date
 */
public record OrderSyncState(Instant cursor, Map<String, Instant> handled) {

    static final String CURSOR = "cursor";
    static final String HANDLED_PREFIX = "handled.";
    /** Versions kept at most: about 600 KB of cluster state with their keys and dates. */
    static final int MAX_HANDLED = 6_000;

    public OrderSyncState {
        handled = Map.copyOf(newest(handled, MAX_HANDLED));
    }

    private static Map<String, Instant> newest(final Map<String, Instant> handled, final int limit) {
        if (handled.size() <= limit) {
            return handled;
        }
        final Map<String, Instant> kept = new HashMap<>();
        handled.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
                .limit(limit)
                .forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
        return kept;
    }

    public static OrderSyncState fromMap(final Map<String, String> map) {
        final Map<String, Instant> handled = new HashMap<>();
        map.forEach((key, value) -> {
            if (key.startsWith(HANDLED_PREFIX)) {
                handled.put(key.substring(HANDLED_PREFIX.length()), Instant.parse(value));
            }
        });
        final String cursor = map.get(CURSOR);
        return new OrderSyncState(cursor == null ? null : Instant.parse(cursor), handled);
    }

    public Map<String, String> toMap() {
        final Map<String, String> map = new LinkedHashMap<>();
        if (cursor != null) {
            map.put(CURSOR, cursor.toString());
        }
        handled.forEach((key, updated) -> map.put(HANDLED_PREFIX + key, updated.toString()));
        return map;
    }
}
