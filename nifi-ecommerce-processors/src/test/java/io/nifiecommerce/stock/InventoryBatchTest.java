package io.nifiecommerce.stock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryBatchTest {

    private static List<InventoryChange> changes(int count) {
        final List<InventoryChange> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(new InventoryChange("gid://shopify/InventoryItem/" + i, "gid://shopify/Location/1", i));
        }
        return changes;
    }

    @Test
    void splitsIntoBatchesOfAtMost250() {
        final List<InventoryBatch> batches = InventoryBatch.split(changes(601), QuantityName.AVAILABLE, "correction", null, 1000);

        assertEquals(List.of(250, 250, 101), batches.stream().map(b -> b.changes().size()).toList());
        assertEquals("gid://shopify/InventoryItem/250", batches.get(1).changes().getFirst().inventoryItemId());
    }

    @Test
    void refusesDuplicatePairsAndOversizedBatches() {
        final List<InventoryChange> duplicate = List.of(new InventoryChange("I", "L", 1), new InventoryChange("I", "L", 2));
        assertThrows(IllegalArgumentException.class, () -> new InventoryBatch(QuantityName.AVAILABLE, "correction", null, duplicate));
        assertThrows(IllegalArgumentException.class, () -> new InventoryBatch(QuantityName.AVAILABLE, "correction", null, changes(251)));
        assertThrows(IllegalArgumentException.class, () -> new InventoryBatch(QuantityName.AVAILABLE, "correction", null, List.of()));
    }

    @Test
    void withoutDropsNamedChanges() {
        final InventoryBatch batch = new InventoryBatch(QuantityName.AVAILABLE, "correction", "uri", changes(4));

        final InventoryBatch rest = batch.without(Set.of(1, 3));

        assertEquals(List.of(0L, 2L), rest.changes().stream().map(InventoryChange::quantity).toList());
        assertNull(batch.without(Set.of(0, 1, 2, 3)));
    }

    @Test
    void idempotencyKeyIgnoresOrderButNotContentOrScope() {
        final List<InventoryChange> changes = changes(3);
        final InventoryBatch batch = new InventoryBatch(QuantityName.AVAILABLE, "correction", null, changes);
        final InventoryBatch reordered = new InventoryBatch(QuantityName.AVAILABLE, "correction", null, changes.reversed());
        final String key = IdempotencyKey.of(batch, "flowfile-1");

        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertEquals(key, IdempotencyKey.of(reordered, "flowfile-1"));
        assertNotEquals(key, IdempotencyKey.of(batch, "flowfile-2"));
        assertNotEquals(key, IdempotencyKey.of(new InventoryBatch(QuantityName.ON_HAND, "correction", null, changes), "flowfile-1"));
        assertNotEquals(key, IdempotencyKey.of(new InventoryBatch(QuantityName.AVAILABLE, "restock", null, changes), "flowfile-1"));
        final List<InventoryChange> changed = new ArrayList<>(changes);
        changed.set(1, new InventoryChange(changes.get(1).inventoryItemId(), changes.get(1).locationId(), 99));
        assertNotEquals(key, IdempotencyKey.of(new InventoryBatch(QuantityName.AVAILABLE, "correction", null, changed), "flowfile-1"));
        final List<InventoryChange> compared = new ArrayList<>(changes);
        compared.set(1, new InventoryChange(changes.get(1).inventoryItemId(), changes.get(1).locationId(), 1, 0L));
        assertNotEquals(key, IdempotencyKey.of(new InventoryBatch(QuantityName.AVAILABLE, "correction", null, compared), "flowfile-1"));
    }
}
