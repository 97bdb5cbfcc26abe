package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.stock.PublishedQuantities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes ERP B2B prices as fixed prices of Shopify price lists, one catalog and price list per price group. Only
 * prices that changed since the last run are sent (the memory holds the price in cents per group and SKU), with
 * {@code priceListFixedPricesUpdate}, up to 250 prices to add and 250 to remove per call, Shopify's limit for input
 * arrays. A full run also reads the price list's fixed prices and removes those the ERP no longer has. When Shopify
 * cannot be reached or keeps throttling, the run stops: what was sent keeps its outcome, the rest comes out as RETRY.
 */
public final class PriceListPublisher {

    /** Shopify's limit for an input array, and so for prices to add (or variants to remove) in one call. */
    public static final int MAX_PRICES_PER_CALL = 250;

    private final CatalogCalls calls;
    private final B2bCatalogs catalogs;

    public PriceListPublisher(final CatalogCalls calls, final B2bCatalogs catalogs) {
        this.calls = calls;
        this.catalogs = catalogs;
    }

    public static long memoryKey(final String priceGroup, final String sku) {
        return PublishedQuantities.key(sku, "price-list:" + priceGroup);
    }

    static long cents(final BigDecimal price) {
        return price.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** Publishes the lines, group by group; the memory is updated for every line published, removed or unchanged. */
    public Report publish(final List<PriceListLine> lines, final PublishedQuantities memory, final boolean full) {
        final Map<String, List<PriceListLine>> byGroup = new LinkedHashMap<>();
        lines.forEach(line -> byGroup.computeIfAbsent(line.priceGroup(), k -> new ArrayList<>()).add(line));
        final List<PriceOutcome> outcomes = new ArrayList<>();
        final Map<String, String> catalogIds = new LinkedHashMap<>();
        int mutations = 0;
        ApiException interruption = null;
        for (final Map.Entry<String, List<PriceListLine>> group : byGroup.entrySet()) {
            final int before = outcomes.size();
            if (interruption == null) {
                final GroupRun run = new GroupRun(group.getKey(), group.getValue(), memory, full);
                try {
                    mutations += run.publish(outcomes);
                } catch (final ApiException e) {
                    if (e.errorClass() == ErrorClass.AUTHENTICATION) {
                        throw e;
                    }
                    interruption = e;
                    mutations += run.mutations;
                }
                if (run.ref != null) {
                    catalogIds.put(group.getKey(), run.ref.catalogId());
                }
            }
            if (interruption != null) {
                // the lines of the group without an outcome yet, and every later group, wait for the next run
                final java.util.Set<String> done = new java.util.HashSet<>();
                outcomes.subList(before, outcomes.size()).forEach(o -> done.add(o.sku()));
                for (final PriceListLine line : group.getValue()) {
                    if (!done.contains(line.sku())) {
                        outcomes.add(new PriceOutcome(group.getKey(), line.sku(), PriceOutcome.Status.RETRY, null, interruption.code(),
                                interruption.getMessage()));
                    }
                }
            }
        }
        return new Report(outcomes, catalogIds, mutations, calls.requests(), calls.costPoints());
    }

    /** One price group's run. */
    private final class GroupRun {
        private final String group;
        private final List<PriceListLine> lines;
        private final PublishedQuantities memory;
        private final boolean full;
        private B2bCatalogs.PriceListRef ref;
        private int mutations;

        GroupRun(final String group, final List<PriceListLine> lines, final PublishedQuantities memory, final boolean full) {
            this.group = group;
            this.lines = lines;
            this.memory = memory;
            this.full = full;
        }

        int publish(final List<PriceOutcome> outcomes) {
            final List<PriceListLine> changed = new ArrayList<>();
            for (final PriceListLine line : lines) {
                final long key = memoryKey(group, line.sku());
                final boolean unchanged = line.removal() ? memory.lastPublished(key).isEmpty() : memory.isUnchanged(key, cents(line.price()));
                if (!full && unchanged) {
                    outcomes.add(new PriceOutcome(group, line.sku(), PriceOutcome.Status.UNCHANGED, null, null, null));
                } else {
                    changed.add(line);
                }
            }
            if (changed.isEmpty() && !full) {
                return 0;
            }
            try {
                ref = catalogs.ensure(group, lines.getFirst().currency());
            } catch (final B2bCatalogs.CatalogSetupException e) {
                changed.forEach(line -> outcomes.add(new PriceOutcome(group, line.sku(), PriceOutcome.Status.FAILED, null, e.code(), e.getMessage())));
                return 0;
            }
            final Map<String, ProductLookup.Found> found = new ProductLookup(calls).find(changed.stream().map(PriceListLine::sku).distinct().toList());
            final List<Map<String, Object>> toAdd = new ArrayList<>();
            final List<PriceListLine> added = new ArrayList<>();
            final List<String> toRemove = new ArrayList<>();
            final List<PriceListLine> removed = new ArrayList<>();
            for (final PriceListLine line : changed) {
                final ProductLookup.Found variant = found.get(line.sku());
                if (variant == null) {
                    if (line.removal()) {
                        forget(line, outcomes);
                    } else {
                        outcomes.add(new PriceOutcome(group, line.sku(), PriceOutcome.Status.FAILED, ref.catalogId(), "UNKNOWN_SKU",
                                "No Shopify variant has SKU " + line.sku()));
                    }
                } else if (line.removal()) {
                    toRemove.add(variant.variantId());
                    removed.add(line);
                } else {
                    toAdd.add(Map.of("variantId", variant.variantId(), "price", Map.of("amount",
                            line.price().setScale(2, RoundingMode.HALF_UP).toPlainString(), "currencyCode", line.currency())));
                    added.add(line);
                }
            }
            if (full) {
                final java.util.Set<String> wanted = new java.util.HashSet<>();
                added.forEach(line -> wanted.add(found.get(line.sku()).variantId()));
                lines.stream().filter(l -> !l.removal() && found.containsKey(l.sku())).forEach(l -> wanted.add(found.get(l.sku()).variantId()));
                for (final String stale : fixedPrices()) {
                    if (!wanted.contains(stale) && !toRemove.contains(stale)) {
                        toRemove.add(stale);
                    }
                }
            }
            return send(toAdd, added, toRemove, removed, outcomes);
        }

        private void forget(final PriceListLine line, final List<PriceOutcome> outcomes) {
            memory.forget(memoryKey(group, line.sku()));
            outcomes.add(new PriceOutcome(group, line.sku(), PriceOutcome.Status.REMOVED, ref.catalogId(), null, null));
        }

        /** The variants holding a fixed price in the price list now, read 250 at a time. */
        private List<String> fixedPrices() {
            final List<String> variantIds = new ArrayList<>();
            String after = null;
            do {
                final Map<String, Object> variables = new HashMap<>();
                variables.put("id", ref.priceListId());
                variables.put("after", after);
                final GraphQlResponse page = calls.idempotent(CatalogDocuments.FIXED_PRICES, variables);
                page.at("priceList.prices.nodes").forEach(node -> variantIds.add(node.at("/variant/id").asText()));
                after = page.at("priceList.prices.pageInfo.hasNextPage").asBoolean() ? page.at("priceList.prices.pageInfo.endCursor").asText() : null;
            } while (after != null);
            return variantIds;
        }

        private int send(final List<Map<String, Object>> toAdd, final List<PriceListLine> added, final List<String> toRemove,
                         final List<PriceListLine> removed, final List<PriceOutcome> outcomes) {
            for (int from = 0; from < Math.max(toAdd.size(), toRemove.size()); from += MAX_PRICES_PER_CALL) {
                final List<Map<String, Object>> addBatch = toAdd.subList(Math.min(from, toAdd.size()), Math.min(from + MAX_PRICES_PER_CALL, toAdd.size()));
                final List<String> removeBatch = toRemove.subList(Math.min(from, toRemove.size()), Math.min(from + MAX_PRICES_PER_CALL, toRemove.size()));
                final Map<String, Object> variables = new LinkedHashMap<>();
                variables.put("priceListId", ref.priceListId());
                variables.put("pricesToAdd", addBatch);
                variables.put("variantIdsToDelete", removeBatch);
                final GraphQlResponse response = calls.idempotent(CatalogDocuments.FIXED_PRICES_UPDATE, variables);
                this.mutations++;
                final Map<Integer, JsonNode> failedAdds = new HashMap<>();
                JsonNode batchError = null;
                for (final JsonNode error : response.at("priceListFixedPricesUpdate.userErrors")) {
                    final JsonNode field = error.path("field");
                    if (field.size() >= 2 && "pricesToAdd".equals(field.get(0).asText()) && field.get(1).canConvertToInt()) {
                        failedAdds.put(field.get(1).asInt(), error);
                    } else {
                        batchError = error;
                    }
                }
                for (int i = 0; i < addBatch.size(); i++) {
                    final PriceListLine line = added.get(from + i);
                    final JsonNode error = failedAdds.containsKey(i) ? failedAdds.get(i) : batchError;
                    if (error != null) {
                        outcomes.add(new PriceOutcome(group, line.sku(), PriceOutcome.Status.FAILED, ref.catalogId(),
                                error.path("code").asText("USER_ERROR"), error.path("message").asText()));
                    } else {
                        memory.remember(memoryKey(group, line.sku()), cents(line.price()));
                        outcomes.add(new PriceOutcome(group, line.sku(), PriceOutcome.Status.PUBLISHED, ref.catalogId(), null, null));
                    }
                }
            }
            for (final PriceListLine line : removed) {
                forget(line, outcomes);
            }
            return this.mutations;
        }
    }

    /**
     * @param outcomes   one per line
     * @param catalogIds the Shopify catalog of each price group published, for the companies step to assign
     */
    public record Report(List<PriceOutcome> outcomes, Map<String, String> catalogIds, int mutations, int requests, double costPoints) {

        public long count(final PriceOutcome.Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }
    }
}
