package io.nifiecommerce.stock;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of SKU lookups found.
 *
 * @param items     SKUs matched by exactly one variant
 * @param unknown   SKUs no variant carries
 * @param ambiguous SKUs carried by several variants, with their variant GIDs: stock cannot be published to a guess
 */
public record SkuResolution(Map<String, ResolvedItem> items, Set<String> unknown, Map<String, List<String>> ambiguous) {
}
