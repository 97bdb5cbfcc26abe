package io.nifiecommerce.stock;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes stock levels to Shopify: the plain-Java heart of {@code PublishStockLevels}.
 * <ol>
 * <li>Lines for the same SKU and Shopify location are combined: quantities of different source locations mapped to
 * one Shopify location are added up; a source location repeated keeps its last quantity.</li>
 * <li>The {@link PublishPolicy} gives the quantity to publish.</li>
 * <li>Pairs published with that quantity before ({@link PublishedQuantities}) are unchanged: no lookup, no
 * mutation. A full resync skips this step.</li>
 * <li>The other SKUs are resolved in batches ({@link SkuResolver}); unknown, ambiguous, untracked and not-stocked
 * ones fail with their reason. A pair Shopify already holds at the target (read in this run) is unchanged.</li>
 * <li>The rest is set with {@code inventorySetQuantities}, 250 per call, each call under an {@link IdempotencyKey}.
 * A call is all or nothing: the changes Shopify names in userErrors fail, and the others are sent again without
 * them.</li>
 * </ol>
 * A transient failure ({@link InventoryApiException#isTransient()}) propagates: the caller retries the whole input
 * later; batches already applied are then either found unchanged or replayed under the same key.
 */
public final class StockPublisher {

    /**
     * How to publish.
     *
     * @param policy               quantity name, safety stock, committed compensation
     * @param reason               Shopify's reason for the change, for example correction
     * @param referenceDocumentUri shown in Shopify's inventory history, may be null
     * @param apiVersion           the Admin API version, which decides the mutation's shape
     * @param compareAndSet        set only where Shopify still holds the quantity read in this run
     * @param batchSize            changes per call, at most 250
     */
    public record Settings(PublishPolicy policy, String reason, String referenceDocumentUri, String apiVersion,
                           boolean compareAndSet, int batchSize) {

        public Settings {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(reason, "reason");
            batchSize = Math.clamp(batchSize, 1, InventoryBatch.MAX_CHANGES);
        }
    }

    /**
     * One input record.
     *
     * @param sku          the SKU, or null
     * @param gtin         the GTIN / EAN / UPC, matched against variant barcodes when there is no SKU; or null
     * @param locationCode the source location code, or null
     * @param locationId   the Shopify Location GID it maps to, or null when unmapped
     * @param quantity     the source quantity
     * @param committed    units held by open orders, or null
     */
    public record Line(String sku, String gtin, String locationCode, String locationId, long quantity, Long committed) {

        public Line(String sku, String locationCode, String locationId, long quantity, Long committed) {
            this(sku, null, locationCode, locationId, quantity, committed);
        }
    }

    /**
     * The result of a run.
     *
     * @param outcomes  one per input line, same order
     * @param mutations inventorySetQuantities calls sent
     * @param lookups   SKU lookup queries sent
     */
    public record Report(List<PublishOutcome> outcomes, int mutations, long lookups) {

        public long count(PublishOutcome.Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }
    }

    private static final int MAX_ROUNDS = 5;
    private static final Set<String> STALE_CODES = Set.of("CHANGE_FROM_QUANTITY_STALE", "COMPARE_QUANTITY_STALE");

    /** Lines sharing a SKU and a Shopify location. */
    private static final class Group {
        /** The SKU, or the GTIN when the lines have no SKU. */
        final String sku;
        final boolean byBarcode;
        final String locationId;
        final List<Integer> lines = new ArrayList<>(1);
        final Map<String, Line> bySourceLocation = new LinkedHashMap<>(2);
        long target;
        long key;
        ResolvedItem item;

        Group(String sku, boolean byBarcode, String locationId) {
            this.sku = sku;
            this.byBarcode = byBarcode;
            this.locationId = locationId;
        }

        /** "SKU X" or "GTIN X", for messages. */
        String label() {
            return (byBarcode ? "GTIN " : "SKU ") + sku;
        }
    }

    private final AdminApi api;
    private final SkuResolver resolver;
    private final Settings settings;
    private final Clock clock;

    public StockPublisher(AdminApi api, SkuResolver resolver, Settings settings, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public StockPublisher(AdminApi api, SkuResolver resolver, Settings settings) {
        this(api, resolver, settings, Clock.systemUTC());
    }

    /**
     * Publishes lines.
     *
     * @param lines      the input, in order
     * @param memory     the published-quantity memory, updated in place (save it only when the run commits)
     * @param fullResync true to ignore the memory and compare with Shopify's current quantities
     * @param scope      what makes this run a separate operation for idempotency, such as the FlowFile UUID
     */
    public Report publish(List<Line> lines, PublishedQuantities memory, boolean fullResync, String scope) {
        final Instant runStart = clock.instant();
        final long lookupsBefore = resolver.queries();
        final PublishOutcome[] outcomes = new PublishOutcome[lines.size()];
        final Map<String, Group> groups = group(lines, outcomes);

        final List<Group> pending = new ArrayList<>();
        for (Group group : groups.values()) {
            group.target = target(group);
            group.key = PublishedQuantities.key(group.byBarcode ? "gtin:" + group.sku : group.sku, group.locationId);
            if (!fullResync && memory.isUnchanged(group.key, group.target)) {
                assign(outcomes, group, new PublishOutcome(PublishOutcome.Status.UNCHANGED, "UNCHANGED_SINCE_LAST_PUBLISH",
                        "Published with this quantity before", null, group.locationId, group.target));
            } else {
                pending.add(group);
            }
        }

        final List<Group> toSet = resolve(pending, outcomes, memory, fullResync, runStart);
        final List<InventoryChange> changes = new ArrayList<>(toSet.size());
        final Map<String, Group> groupByPair = new HashMap<>();
        for (Group group : toSet) {
            final String pair = group.item.inventoryItemId() + '\n' + group.locationId;
            if (groupByPair.containsKey(pair)) {
                assign(outcomes, group, PublishOutcome.failed("DUPLICATE_ITEM", group.label() + " and "
                        + groupByPair.get(pair).label() + " resolve to the same inventory item", group.item.inventoryItemId(),
                        group.locationId, group.target));
                continue;
            }
            groupByPair.put(pair, group);
            changes.add(new InventoryChange(group.item.inventoryItemId(), group.locationId, group.target,
                    settings.compareAndSet() ? trustedCurrent(group, runStart) : null));
        }

        int mutations = 0;
        for (InventoryBatch batch : InventoryBatch.split(changes, settings.policy().quantityName(), settings.reason(),
                settings.referenceDocumentUri(), settings.batchSize())) {
            mutations += send(batch, groupByPair, outcomes, memory, scope);
        }
        return new Report(List.of(outcomes), mutations, resolver.queries() - lookupsBefore);
    }

    private Map<String, Group> group(List<Line> lines, PublishOutcome[] outcomes) {
        final Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            final Line line = lines.get(i);
            final boolean hasSku = line.sku() != null && !line.sku().isBlank();
            final boolean hasGtin = line.gtin() != null && !line.gtin().isBlank();
            if (!hasSku && !hasGtin) {
                outcomes[i] = PublishOutcome.failed("MISSING_SKU", "The record has neither a SKU nor a GTIN", null, line.locationId(), null);
            } else if (line.locationId() == null) {
                outcomes[i] = PublishOutcome.failed("UNMAPPED_LOCATION", "Location " + line.locationCode()
                        + " is not mapped to a Shopify location", null, null, null);
            } else {
                final String identifier = hasSku ? line.sku().trim() : line.gtin().trim();
                final Group group = groups.computeIfAbsent((hasSku ? "sku\n" : "gtin\n") + identifier + '\n' + line.locationId(),
                        k -> new Group(identifier, !hasSku, line.locationId()));
                group.lines.add(i);
                group.bySourceLocation.put(line.locationCode() == null ? "" : line.locationCode(), line);
            }
        }
        return groups;
    }

    private long target(Group group) {
        long quantity = 0;
        Long committed = null;
        for (Line line : group.bySourceLocation.values()) {
            quantity += line.quantity();
            if (line.committed() != null) {
                committed = (committed == null ? 0 : committed) + line.committed();
            }
        }
        final String code = group.bySourceLocation.size() == 1 ? group.bySourceLocation.keySet().iterator().next() : null;
        return settings.policy().target(quantity, committed, code == null || code.isEmpty() ? null : code, group.locationId);
    }

    private List<Group> resolve(List<Group> pending, PublishOutcome[] outcomes, PublishedQuantities memory,
                                boolean fullResync, Instant runStart) {
        final Set<String> skus = new HashSet<>();
        final Set<String> gtins = new HashSet<>();
        pending.forEach(g -> (g.byBarcode ? gtins : skus).add(g.sku));
        final boolean fresh = fullResync || settings.compareAndSet();
        final SkuResolution bySku = resolver.resolve(skus, fresh);
        final SkuResolution byBarcode = gtins.isEmpty() ? bySku : resolver.resolveBarcodes(gtins, fresh);
        final List<Group> toSet = new ArrayList<>(pending.size());
        for (Group group : pending) {
            final SkuResolution resolution = group.byBarcode ? byBarcode : bySku;
            final ResolvedItem item = resolution.items().get(group.sku);
            if (item == null) {
                final List<String> variants = resolution.ambiguous().get(group.sku);
                assign(outcomes, group, variants != null
                        ? PublishOutcome.failed("AMBIGUOUS_SKU", group.label() + " is on " + variants.size() + " variants: "
                        + String.join(", ", variants), null, group.locationId, group.target)
                        : PublishOutcome.failed("UNKNOWN_SKU", "No Shopify variant has " + group.label(), null, group.locationId, group.target));
                continue;
            }
            group.item = item;
            if (!item.tracked()) {
                assign(outcomes, group, PublishOutcome.failed("INVENTORY_NOT_TRACKED", "Shopify does not track inventory for "
                        + group.label() + "; turn on inventory tracking for the variant", item.inventoryItemId(), group.locationId, group.target));
            } else if (!item.mayBeStockedAt(group.locationId)) {
                assign(outcomes, group, PublishOutcome.failed("ITEM_NOT_STOCKED_AT_LOCATION", group.label()
                        + " is not stocked at " + group.locationId + "; activate it at that location in Shopify",
                        item.inventoryItemId(), group.locationId, group.target));
            } else if (Long.valueOf(group.target).equals(trustedCurrent(group, runStart))) {
                memory.remember(group.key, group.target);
                assign(outcomes, group, new PublishOutcome(PublishOutcome.Status.UNCHANGED, "ALREADY_IN_SHOPIFY",
                        "Shopify already holds this quantity", item.inventoryItemId(), group.locationId, group.target));
            } else {
                toSet.add(group);
            }
        }
        return toSet;
    }

    /** Shopify's quantity for the group, when read during this run; older reads may be stale. */
    private Long trustedCurrent(Group group, Instant runStart) {
        if (group.item.readAt().isBefore(runStart)) {
            return null;
        }
        final InventoryLevelQuantities level = group.item.levels().get(group.locationId);
        return level == null ? null : level.get(settings.policy().quantityName());
    }

    private int send(InventoryBatch first, Map<String, Group> groupByPair, PublishOutcome[] outcomes,
                     PublishedQuantities memory, String scope) {
        int calls = 0;
        InventoryBatch batch = first;
        for (int round = 1; batch != null; round++) {
            final SetQuantitiesRequest request = SetQuantitiesRequest.of(batch, settings.apiVersion(), IdempotencyKey.of(batch, scope));
            calls++;
            final SetQuantitiesResponse response = SetQuantitiesResponse.parse(api.execute(request.document(), request.variables()));
            if (response.applied()) {
                for (InventoryChange change : batch.changes()) {
                    final Group group = groupByPair.get(change.inventoryItemId() + '\n' + change.locationId());
                    memory.remember(group.key, change.quantity());
                    assign(outcomes, group, new PublishOutcome(PublishOutcome.Status.PUBLISHED, null, "Published",
                            change.inventoryItemId(), change.locationId(), change.quantity()));
                }
                return calls;
            }
            if (!response.batchErrors().isEmpty() || round == MAX_ROUNDS) {
                final SetQuantitiesResponse.UserError error = response.batchErrors().isEmpty()
                        ? new SetQuantitiesResponse.UserError("BATCH_REJECTED", "Shopify kept rejecting the batch", List.of())
                        : response.batchErrors().getFirst();
                for (int i = 0; i < batch.changes().size(); i++) {
                    final SetQuantitiesResponse.UserError own = response.changeErrors().getOrDefault(i, error);
                    fail(batch.changes().get(i), own, groupByPair, outcomes, memory);
                }
                return calls;
            }
            for (Map.Entry<Integer, SetQuantitiesResponse.UserError> entry : response.changeErrors().entrySet()) {
                fail(batch.changes().get(entry.getKey()), entry.getValue(), groupByPair, outcomes, memory);
            }
            batch = batch.without(response.changeErrors().keySet());
        }
        return calls;
    }

    private void fail(InventoryChange change, SetQuantitiesResponse.UserError error, Map<String, Group> groupByPair,
                      PublishOutcome[] outcomes, PublishedQuantities memory) {
        final Group group = groupByPair.get(change.inventoryItemId() + '\n' + change.locationId());
        if (STALE_CODES.contains(error.code())) {
            // somebody else changed the quantity: never trust the memory for this pair again until it is republished
            memory.forget(group.key);
        }
        if ("INVALID_INVENTORY_ITEM".equals(error.code())) {
            resolver.invalidate(group.byBarcode ? SkuResolver.BARCODE_PREFIX + group.sku : group.sku);
        }
        assign(outcomes, group, PublishOutcome.failed(error.code(), error.message(), change.inventoryItemId(), change.locationId(),
                change.quantity()));
    }

    private static void assign(PublishOutcome[] outcomes, Group group, PublishOutcome outcome) {
        for (int line : group.lines) {
            outcomes[line] = outcome;
        }
    }
}
