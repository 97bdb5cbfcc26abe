package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the inventory items of SKUs, many per query, and remembers them for a while.
 * <p>
 * One query asks for up to {@code skusPerQuery} SKUs ({@code sku:"A" OR sku:"B" ...}) with up to
 * {@code levelsPerItem} inventory levels each. Shopify refuses a query whose requested cost exceeds 1000 points; the
 * estimate used here ({@link #requestedCost}) counts 2 per connection plus 1 per object, multiplied by page sizes,
 * and the SKUs per query are lowered until it fits: 50 SKUs with up to 5 levels (952 points), 29 with 10.
 * <p>
 * Shopify's search matches loosely, so results are matched exactly (case-insensitively only when no exact match
 * exists). A SKU on no variant is unknown, on several variants ambiguous. Found and unknown SKUs are cached for their
 * TTLs; ambiguous ones are asked again every time, as somebody is expected to fix them.
 */
public final class SkuResolver {

    public static final int MAX_QUERY_COST = 1000;
    public static final int DEFAULT_SKUS_PER_QUERY = 50;
    public static final int DEFAULT_LEVELS_PER_ITEM = 5;
    private static final int MAX_PAGES_PER_QUERY = 10;
    private static final int MAX_CACHED = 500_000;

    /** Cache keys of barcode lookups start with this; SKU lookups use the SKU itself. */
    static final String BARCODE_PREFIX = "\u0000barcode:";

    private record Cached(ResolvedItem item, Instant expires) {
    }

    /** What a lookup searches: the variant's SKU or its barcode (GTIN / EAN / UPC). */
    private enum Field {
        SKU("sku"),
        BARCODE("barcode");

        private final String searchName;

        Field(String searchName) {
            this.searchName = searchName;
        }
    }

    private final AdminApi api;
    private final Duration ttl;
    private final Duration unknownTtl;
    private final Clock clock;
    private final int skusPerQuery;
    private final int levelsPerItem;
    private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private long queries;

    public SkuResolver(AdminApi api, Duration ttl, Duration unknownTtl, Clock clock, int skusPerQuery, int levelsPerItem) {
        this.api = Objects.requireNonNull(api, "api");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.unknownTtl = Objects.requireNonNull(unknownTtl, "unknownTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (levelsPerItem < 1 || levelsPerItem > 250) {
            throw new IllegalArgumentException("levelsPerItem must be 1 to 250: " + levelsPerItem);
        }
        this.levelsPerItem = levelsPerItem;
        int fitting = Math.clamp(skusPerQuery, 1, 250);
        while (fitting > 1 && requestedCost(fitting, levelsPerItem) > MAX_QUERY_COST) {
            fitting--;
        }
        this.skusPerQuery = fitting;
    }

    public SkuResolver(AdminApi api) {
        this(api, Duration.ofMinutes(15), Duration.ofMinutes(5), Clock.systemUTC(), DEFAULT_SKUS_PER_QUERY, DEFAULT_LEVELS_PER_ITEM);
    }

    /** The requested cost of one lookup query, as Shopify estimates it before running it. */
    public static int requestedCost(int variants, int levels) {
        final int perLevel = 1 + 1 + 1; // level, location, quantities
        final int perVariant = 1 + 1 + 2 + levels * perLevel; // variant, item, levels connection
        return 2 + variants * perVariant;
    }

    public int skusPerQuery() {
        return skusPerQuery;
    }

    /** Lookup queries sent so far (pages included). */
    public long queries() {
        return queries;
    }

    /** Forgets a SKU, for example after Shopify said its item is gone. */
    public void invalidate(String sku) {
        cache.remove(sku);
    }

    /**
     * Resolves SKUs.
     *
     * @param skus  the SKUs; blanks are ignored
     * @param fresh true to bypass the cache (current quantities are needed, for compare-and-set or a resync)
     */
    public SkuResolution resolve(Collection<String> skus, boolean fresh) {
        return resolve(skus, fresh, Field.SKU);
    }

    /**
     * Resolves GTINs against variant barcodes, for records that carry no SKU. Barcodes match ignoring leading zeros,
     * so a GTIN-14 finds the EAN-13 or UPC-12 Shopify holds.
     */
    public SkuResolution resolveBarcodes(Collection<String> gtins, boolean fresh) {
        return resolve(gtins, fresh, Field.BARCODE);
    }

    private SkuResolution resolve(Collection<String> skus, boolean fresh, Field field) {
        final Instant now = clock.instant();
        final Map<String, ResolvedItem> items = new HashMap<>();
        final Set<String> unknown = new LinkedHashSet<>();
        final Map<String, List<String>> ambiguous = new HashMap<>();
        final List<String> toAsk = new ArrayList<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            if (sku == null || sku.isBlank()) {
                continue;
            }
            final Cached cached = fresh ? null : cache.get(cacheKey(field, sku));
            if (cached != null && cached.expires().isAfter(now)) {
                if (cached.item() == null) {
                    unknown.add(sku);
                } else {
                    items.put(sku, cached.item());
                }
            } else {
                toAsk.add(sku);
            }
        }
        for (int from = 0; from < toAsk.size(); from += skusPerQuery) {
            final List<String> chunk = toAsk.subList(from, Math.min(from + skusPerQuery, toAsk.size()));
            lookUp(chunk, field, now, items, unknown, ambiguous);
        }
        return new SkuResolution(items, unknown, ambiguous);
    }

    private static String cacheKey(Field field, String value) {
        return field == Field.SKU ? value : BARCODE_PREFIX + value;
    }

    /** Barcodes compare as digits without leading zeros (GTIN-14 vs EAN-13 vs UPC-12). */
    private static String barcodeKey(String barcode) {
        final String trimmed = barcode.trim();
        int start = 0;
        while (start < trimmed.length() - 1 && trimmed.charAt(start) == '0') {
            start++;
        }
        return trimmed.substring(start);
    }

    /**
     * The spellings a GTIN may have in Shopify's barcode field: without leading zeros and zero-padded to UPC-12, EAN-13
     * and GTIN-14, since the search matches the value as written.
     */
    static List<String> barcodeForms(List<String> gtins) {
        final Set<String> forms = new LinkedHashSet<>();
        for (String gtin : gtins) {
            final String digits = barcodeKey(gtin);
            forms.add(gtin.trim());
            forms.add(digits);
            for (int length : new int[] {12, 13, 14}) {
                if (digits.length() < length && digits.chars().allMatch(Character::isDigit)) {
                    forms.add("0".repeat(length - digits.length()) + digits);
                }
            }
        }
        return List.copyOf(forms);
    }

    private void lookUp(List<String> skus, Field field, Instant now, Map<String, ResolvedItem> items, Set<String> unknown,
                        Map<String, List<String>> ambiguous) {
        final Map<String, List<ResolvedItem>> found = new HashMap<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES_PER_QUERY; page++) {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("query", searchQuery(field.searchName, field == Field.SKU ? skus : barcodeForms(skus)));
            variables.put("first", skusPerQuery);
            variables.put("after", after);
            variables.put("levels", levelsPerItem);
            queries++;
            final JsonNode response = api.execute(StockDocuments.VARIANTS_BY_SKU, variables);
            InventoryApiException.throwOnErrors(response);
            final JsonNode connection = response.path("data").path("productVariants");
            for (JsonNode node : connection.path("nodes")) {
                final ResolvedItem item = toItem(node, now);
                if (item == null) {
                    continue;
                }
                if (field == Field.SKU) {
                    found.computeIfAbsent(item.sku(), k -> new ArrayList<>()).add(item);
                } else if (node.hasNonNull("barcode") && !node.get("barcode").asText().isBlank()) {
                    found.computeIfAbsent(barcodeKey(node.get("barcode").asText()), k -> new ArrayList<>()).add(item);
                }
            }
            if (!connection.path("pageInfo").path("hasNextPage").asBoolean(false)) {
                break;
            }
            after = connection.path("pageInfo").path("endCursor").asText(null);
        }
        for (String sku : skus) {
            List<ResolvedItem> matches = found.get(field == Field.SKU ? sku : barcodeKey(sku));
            if (matches == null) {
                matches = field == Field.SKU ? caseInsensitiveMatches(sku, found) : List.of();
            }
            final String key = cacheKey(field, sku);
            if (matches.isEmpty()) {
                unknown.add(sku);
                put(key, null, now.plus(unknownTtl));
            } else if (matches.size() == 1) {
                items.put(sku, matches.getFirst());
                put(key, matches.getFirst(), now.plus(ttl));
            } else {
                ambiguous.put(sku, matches.stream().map(ResolvedItem::variantId).toList());
                cache.remove(key);
            }
        }
    }

    private static List<ResolvedItem> caseInsensitiveMatches(String sku, Map<String, List<ResolvedItem>> found) {
        final List<ResolvedItem> matches = new ArrayList<>();
        final String wanted = sku.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<ResolvedItem>> entry : found.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
                matches.addAll(entry.getValue());
            }
        }
        return matches;
    }

    private void put(String sku, ResolvedItem item, Instant expires) {
        cache.put(sku, new Cached(item, expires));
        if (cache.size() > MAX_CACHED) {
            final Iterator<String> eldest = cache.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static ResolvedItem toItem(JsonNode variant, Instant readAt) {
        final String sku = variant.path("sku").asText(null);
        final JsonNode item = variant.path("inventoryItem");
        if (sku == null || sku.isEmpty() || !item.hasNonNull("id")) {
            return null;
        }
        final Map<String, InventoryLevelQuantities> levels = new HashMap<>();
        for (JsonNode level : item.path("inventoryLevels").path("nodes")) {
            final String locationId = level.path("location").path("id").asText(null);
            if (locationId == null) {
                continue;
            }
            Long available = null;
            Long onHand = null;
            Long committed = null;
            for (JsonNode quantity : level.path("quantities")) {
                final Long value = quantity.hasNonNull("quantity") ? quantity.get("quantity").asLong() : null;
                switch (quantity.path("name").asText("")) {
                    case "available" -> available = value;
                    case "on_hand" -> onHand = value;
                    case "committed" -> committed = value;
                    default -> {
                        // not asked for
                    }
                }
            }
            levels.put(locationId, new InventoryLevelQuantities(available, onHand, committed));
        }
        final JsonNode levelsPage = item.path("inventoryLevels").path("pageInfo");
        final boolean complete = !levelsPage.isMissingNode() && !levelsPage.path("hasNextPage").asBoolean(true);
        return new ResolvedItem(sku, variant.path("id").asText(), item.get("id").asText(), item.path("tracked").asBoolean(true),
                levels, complete, readAt);
    }

    static String searchQuery(List<String> skus) {
        return searchQuery("sku", skus);
    }

    /** {@code sku:"A" OR sku:"B"}, each value quoted so that spaces, colons and parentheses stay part of it. */
    public static String searchQuery(String field, List<String> skus) {
        final StringBuilder query = new StringBuilder(skus.size() * 24);
        for (String sku : skus) {
            if (!query.isEmpty()) {
                query.append(" OR ");
            }
            query.append(field).append(":\"").append(sku.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return query.toString();
    }
}
