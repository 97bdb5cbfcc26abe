package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns every order line's product reference into a BC item number. GTIN lookups are batched over
 * all orders of a call and cached; an unknown reference fails only the order that carries it.
 */
public final class ItemResolver {

    public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";
    private static final int CACHE_LIMIT = 100_000;

    private final ItemReference reference;
    private final BatchedLookup lookup;
    private final Function<String, Optional<String>> externalMapping;
    private final Map<String, String> gtinCache = new ConcurrentHashMap<>();

    /** @param externalMapping used with {@link ItemReference#LOOKUP}; may be null otherwise */
    public ItemResolver(final ItemReference reference, final BatchedLookup lookup, final Function<String, Optional<String>> externalMapping) {
        this.reference = reference;
        this.lookup = lookup;
        this.externalMapping = externalMapping;
    }

    public List<Resolution<List<String>>> resolve(final List<Order> orders) {
        if (reference == ItemReference.GTIN) {
            prefetchGtins(orders);
        }
        final List<Resolution<List<String>>> out = new ArrayList<>();
        for (final Order order : orders) {
            out.add(resolve(order));
        }
        return out;
    }

    private Resolution<List<String>> resolve(final Order order) {
        final List<String> numbers = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            final OrderLine line = order.lines().get(i);
            final String key = reference == ItemReference.GTIN && line.gtin() != null && !line.gtin().isBlank() ? line.gtin() : line.sku();
            if (key == null || key.isBlank()) {
                return Resolution.failed(UNKNOWN_ITEM, "lines[" + i + "] (" + line.title() + ") has no " + (reference == ItemReference.GTIN ? "GTIN or SKU" : "SKU"));
            }
            final String number = switch (reference) {
                case SKU_IS_ITEM_NUMBER -> key.trim();
                case GTIN -> gtinCache.get(key.trim());
                case LOOKUP -> externalMapping.apply(key.trim()).orElse(null);
            };
            if (number == null || number.isBlank()) {
                return Resolution.failed(UNKNOWN_ITEM, "No Business Central item for " + (reference == ItemReference.GTIN ? "GTIN/SKU '" : "SKU '")
                        + key + "' (lines[" + i + "])");
            }
            numbers.add(number);
        }
        return Resolution.of(numbers);
    }

    private void prefetchGtins(final List<Order> orders) {
        final Set<String> missing = new LinkedHashSet<>();
        for (final Order order : orders) {
            for (final OrderLine line : order.lines()) {
                final String key = line.gtin() != null && !line.gtin().isBlank() ? line.gtin() : line.sku();
                if (key != null && !key.isBlank() && !gtinCache.containsKey(key.trim())) {
                    missing.add(key.trim());
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (gtinCache.size() > CACHE_LIMIT) {
            gtinCache.clear();
        }
        final Map<String, List<JsonNode>> found = lookup.find(List.of(new LookupQuery("items", "gtin", List.copyOf(missing), "id,number,gtin"))).get(0);
        found.forEach((gtin, items) -> gtinCache.put(gtin, items.get(0).path("number").asText()));
    }
}
