package io.nifiecommerce.stock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The changes of one {@code inventorySetQuantities} call. Shopify takes at most 250 quantities per call and refuses
 * the same (item, location) twice in one call (NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR).
 *
 * @param name                 available or on_hand
 * @param reason               one of Shopify's reasons, for example correction or cycle_count_available
 * @param referenceDocumentUri where the change comes from, shown in Shopify's inventory history; may be null
 * @param changes              1 to 250 changes, each pair at most once
 */
public record InventoryBatch(QuantityName name, String reason, String referenceDocumentUri, List<InventoryChange> changes) {

    public static final int MAX_CHANGES = 250;

    public InventoryBatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        changes = List.copyOf(changes);
        if (changes.isEmpty() || changes.size() > MAX_CHANGES) {
            throw new IllegalArgumentException("A batch holds 1 to " + MAX_CHANGES + " changes, not " + changes.size());
        }
        final Set<String> pairs = new HashSet<>();
        for (InventoryChange change : changes) {
            if (!pairs.add(change.inventoryItemId() + '\n' + change.locationId())) {
                throw new IllegalArgumentException("Duplicate change for " + change.inventoryItemId() + " at " + change.locationId());
            }
        }
    }

    /** Splits changes into batches of at most {@code maxSize} (capped at 250), keeping their order. */
    public static List<InventoryBatch> split(List<InventoryChange> changes, QuantityName name, String reason,
                                             String referenceDocumentUri, int maxSize) {
        final int size = Math.clamp(maxSize, 1, MAX_CHANGES);
        final List<InventoryBatch> batches = new ArrayList<>((changes.size() + size - 1) / size);
        for (int from = 0; from < changes.size(); from += size) {
            batches.add(new InventoryBatch(name, reason, referenceDocumentUri,
                    changes.subList(from, Math.min(from + size, changes.size()))));
        }
        return batches;
    }

    /** The same batch without the changes at the given indexes, or null when nothing is left. */
    public InventoryBatch without(Set<Integer> indexes) {
        final List<InventoryChange> kept = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (!indexes.contains(i)) {
                kept.add(changes.get(i));
            }
        }
        return kept.isEmpty() ? null : new InventoryBatch(name, reason, referenceDocumentUri, kept);
    }
}
