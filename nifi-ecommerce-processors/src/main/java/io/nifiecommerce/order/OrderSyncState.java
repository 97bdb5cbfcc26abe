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
 * @param cursor null before the first read
 * @param handled version key to its last_updated_date
 */
public record OrderSyncState(Instant cursor, Map<String, Instant> handled) {

    static final String CURSOR = "cursor";
    static final String HANDLED_PREFIX = "handled.";

    public OrderSyncState {
        handled = Map.copyOf(handled);
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
