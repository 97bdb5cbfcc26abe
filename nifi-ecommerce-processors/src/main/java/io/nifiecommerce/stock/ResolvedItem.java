package io.nifiecommerce.stock;

import java.time.Instant;
import java.util.Map;

/**
 * A SKU found in Shopify.
 *
 * @param sku             the SKU as Shopify spells it
 * @param variantId       the ProductVariant GID
 * @param inventoryItemId the InventoryItem GID
 * @param tracked         whether Shopify tracks inventory for the item
 * @param levels          quantities per Location GID, as read
 * @param levelsComplete  true when {@code levels} lists every location the item is stocked at
 * @param readAt          when Shopify answered: quantities read before a run started are not trusted as current
 */
public record ResolvedItem(String sku, String variantId, String inventoryItemId, boolean tracked,
                           Map<String, InventoryLevelQuantities> levels, boolean levelsComplete, Instant readAt) {

    public ResolvedItem {
        levels = Map.copyOf(levels);
    }

    /** False only when the item is known not to be stocked at the location. */
    public boolean mayBeStockedAt(String locationId) {
        return !levelsComplete || levels.containsKey(locationId);
    }
}
