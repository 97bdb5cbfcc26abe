package io.nifiecommerce.order;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderSyncStateTest {

    private static final Instant CURSOR = Instant.parse("2026-12-06T18:00:00Z");

    @Test
    void aBurstOfVersionsKeepsTheNewestAndFitsInAZooKeeperNode() throws IOException {
        final Map<String, Instant> handled = new HashMap<>();
        final int burst = OrderSyncState.MAX_HANDLED + 2_500;
        for (int n = 0; n < burst; n++) {
            final Instant updated = CURSOR.minusSeconds(burst - n).plusMillis(n % 1000);
            // Amazon's order ids (3-7-7 digits) with their LastUpdateDate: the longest keys the readers keep
            handled.put(String.format("%03d-%07d-%07d@%s", n % 1000, n, 7_000_000 + n, updated), updated);
        }
        final OrderSyncState state = new OrderSyncState(CURSOR, handled);

        assertEquals(OrderSyncState.MAX_HANDLED, state.handled().size());
        final Instant oldestKept = state.handled().values().stream().min(Instant::compareTo).orElseThrow();
        assertTrue(handled.values().stream().filter(updated -> updated.isAfter(oldestKept)).count() < OrderSyncState.MAX_HANDLED,
                "only the newest versions are kept");
        assertFalse(state.handled().containsKey(String.format("%03d-%07d-%07d@%s", 0, 0, 7_000_000, CURSOR.minusSeconds(burst))));

        final Map<String, String> stored = state.toMap();
        assertEquals(state, OrderSyncState.fromMap(stored));
        // NiFi's ZooKeeper state provider writes each key and value with writeUTF; a znode holds at most 1 MB
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            out.writeInt(stored.size());
            for (final Map.Entry<String, String> entry : stored.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeBoolean(true);
                out.writeUTF(entry.getValue());
            }
        }
        assertTrue(bytes.size() < 700_000, bytes.size() + " bytes");
    }

    @Test
    void fewVersionsAreAllKept() {
        final OrderSyncState state = new OrderSyncState(CURSOR, Map.of("A@1", CURSOR, "B@2", CURSOR.minusSeconds(5)));
        assertEquals(2, state.handled().size());
        assertEquals(state, OrderSyncState.fromMap(state.toMap()));
    }
}
