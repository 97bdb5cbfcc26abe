package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Shopify shop's inventory, in memory, answering the stock documents the way the real Admin API does. Error
 * messages, codes and field paths are taken from the captures of a real store (captures-2026-04), not invented.
 */
public final class FakeShopifyInventory implements AdminApi {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TERM = Pattern.compile("(sku|barcode):\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A variant of the fake shop. */
    public record Variant(String sku, String variantId, String itemId, boolean tracked, String barcode) {
    }

    private final Map<String, String> locations = new LinkedHashMap<>();
    private final List<Variant> variants = new ArrayList<>();
    private final Map<String, Map<String, long[]>> levels = new HashMap<>(); // item -> location -> {available, on_hand, committed}
    private final Set<String> appliedKeys = new HashSet<>();
    private final Map<String, String> scopes = new LinkedHashMap<>();
    public final AtomicInteger mutationCalls = new AtomicInteger();
    public final AtomicInteger lookupCalls = new AtomicInteger();
    public final AtomicInteger throttleNext = new AtomicInteger();
    private final JsonNode captures;
    private long nextId = 53_469_430_055_218L;
    private String apiVersion = "2026-04";

    public FakeShopifyInventory() {
        this.captures = loadCaptures();
        scopes.put("read_inventory", "");
        scopes.put("write_inventory", "");
        scopes.put("read_products", "");
        scopes.put("read_locations", "");
    }

    static JsonNode loadCaptures() {
        final String configured = System.getProperty("nifiecommerce.reference.dir");
        final Path dir = (configured != null ? Path.of(configured) : Path.of("..", "reference"))
                .resolve("shopify-admin-graphql").resolve("captures-2026-04");
        try {
            final ObjectNode all = MAPPER.createObjectNode();
            all.set("contracts", MAPPER.readTree(dir.resolve("inventory-quantity-contracts-2026-04.json").toFile()));
            all.set("names", MAPPER.readTree(dir.resolve("inventorySetQuantities-name-validation.json").toFile()));
            all.set("bounds", MAPPER.readTree(dir.resolve("inventorySetQuantities-quantity-bounds.json").toFile()));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeShopifyInventory apiVersion(String version) {
        this.apiVersion = version;
        return this;
    }

    public String addLocation(String name) {
        final String id = "gid://shopify/Location/" + (106_318_430_514L + locations.size());
        locations.put(id, name);
        return id;
    }

    public Variant addVariant(String sku, boolean tracked) {
        return addVariant(sku, null, tracked);
    }

    public Variant addVariant(String sku, String barcode, boolean tracked) {
        final long n = nextId++;
        final Variant variant = new Variant(sku, "gid://shopify/ProductVariant/" + (n - 2_104_837_177_344L), "gid://shopify/InventoryItem/" + n,
                tracked, barcode);
        variants.add(variant);
        levels.put(variant.itemId(), new LinkedHashMap<>());
        return variant;
    }

    /** Stocks an item at a location (an inventory level exists) with the given available quantity. */
    public void stock(Variant variant, String locationId, long available) {
        levels.get(variant.itemId()).put(locationId, new long[] {available, available, 0});
    }

    public Long available(Variant variant, String locationId) {
        final long[] level = levels.get(variant.itemId()).get(locationId);
        return level == null ? null : level[0];
    }

    public Long onHand(Variant variant, String locationId) {
        final long[] level = levels.get(variant.itemId()).get(locationId);
        return level == null ? null : level[1];
    }

    /** A sale: available drops, committed rises, on hand stays until fulfilled. */
    public void sell(Variant variant, String locationId, long units) {
        final long[] level = levels.get(variant.itemId()).get(locationId);
        level[0] -= units;
        level[2] += units;
    }

    public void revokeScope(String handle) {
        scopes.remove(handle);
    }

    @Override
    public JsonNode execute(String document, Map<String, Object> variables) {
        final JsonNode vars = MAPPER.valueToTree(variables);
        if (throttleNext.get() > 0) {
            throttleNext.decrementAndGet();
            throw new InventoryApiException(true, "THROTTLED", "Throttled");
        }
        if (document.contains("inventorySetQuantities(")) {
            mutationCalls.incrementAndGet();
            return setQuantities(document, vars);
        }
        if (document.contains("productVariants(")) {
            lookupCalls.incrementAndGet();
            return variantsBySku(vars);
        }
        if (document.contains("locations(")) {
            return locationsPage();
        }
        if (document.contains("currentAppInstallation")) {
            final ArrayNode handles = MAPPER.createArrayNode();
            scopes.keySet().forEach(h -> handles.addObject().put("handle", h));
            final ObjectNode response = MAPPER.createObjectNode();
            response.putObject("data").putObject("currentAppInstallation").set("accessScopes", handles);
            return response;
        }
        throw new AssertionError("Unexpected document: " + document);
    }

    private JsonNode locationsPage() {
        final ObjectNode response = MAPPER.createObjectNode();
        final ObjectNode connection = response.putObject("data").putObject("locations");
        final ArrayNode nodes = connection.putArray("nodes");
        locations.forEach((id, name) -> nodes.addObject().put("id", id).put("name", name).put("isActive", true));
        connection.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
        return response;
    }

    private JsonNode variantsBySku(JsonNode vars) {
        final Set<String> wanted = new HashSet<>();
        final Set<String> barcodes = new HashSet<>();
        final Matcher matcher = TERM.matcher(vars.path("query").asText());
        while (matcher.find()) {
            final String value = matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
            (matcher.group(1).equals("sku") ? wanted : barcodes).add(value.toLowerCase());
        }
        final int first = vars.path("first").asInt();
        final int levelLimit = vars.path("levels").asInt();
        final int offset = vars.path("after").isNull() || vars.path("after").isMissingNode() ? 0 : Integer.parseInt(vars.path("after").asText());
        final List<Variant> matching = variants.stream().filter(v -> wanted.contains(v.sku().toLowerCase())
                || v.barcode() != null && barcodes.contains(v.barcode())).toList();
        final ObjectNode response = MAPPER.createObjectNode();
        final ObjectNode connection = response.putObject("data").putObject("productVariants");
        final ArrayNode nodes = connection.putArray("nodes");
        for (Variant variant : matching.subList(Math.min(offset, matching.size()), Math.min(offset + first, matching.size()))) {
            final ObjectNode node = nodes.addObject().put("id", variant.variantId()).put("sku", variant.sku()).put("barcode", variant.barcode());
            final ObjectNode item = node.putObject("inventoryItem").put("id", variant.itemId()).put("tracked", variant.tracked());
            final ObjectNode levelConnection = item.putObject("inventoryLevels");
            final ArrayNode levelNodes = levelConnection.putArray("nodes");
            int count = 0;
            for (Map.Entry<String, long[]> level : levels.get(variant.itemId()).entrySet()) {
                if (count++ == levelLimit) {
                    break;
                }
                final ObjectNode levelNode = levelNodes.addObject();
                levelNode.putObject("location").put("id", level.getKey());
                final ArrayNode quantities = levelNode.putArray("quantities");
                quantities.addObject().put("name", "available").put("quantity", level.getValue()[0]);
                quantities.addObject().put("name", "on_hand").put("quantity", level.getValue()[1]);
                quantities.addObject().put("name", "committed").put("quantity", level.getValue()[2]);
            }
            levelConnection.putObject("pageInfo").put("hasNextPage", levels.get(variant.itemId()).size() > levelLimit);
        }
        final boolean more = offset + first < matching.size();
        connection.putObject("pageInfo").put("hasNextPage", more).put("endCursor", more ? Integer.toString(offset + first) : null);
        return response;
    }

    private JsonNode setQuantities(String document, JsonNode vars) {
        final JsonNode input = vars.path("input");
        final boolean current = apiVersion.compareTo("2026-04") >= 0;
        if (current && !document.contains("@idempotent")) {
            return capture("contracts", "missingSetIdempotency");
        }
        if (current && input.has("ignoreCompareQuantity")) {
            return capture("contracts", "legacySetShape");
        }
        final JsonNode quantities = input.path("quantities");
        for (JsonNode quantity : quantities) {
            if (current && !quantity.has("changeFromQuantity")) {
                return capture("contracts", "missingSetChangeFromQuantity");
            }
        }
        final String name = input.path("name").asText();
        if (!name.equals("available") && !name.equals("on_hand")) {
            return responseWithErrors(List.of(userError(List.of("input", "name"), "names", "damaged")));
        }
        final String key = vars.path("idempotencyKey").asText(null);
        if (key != null && appliedKeys.contains(key)) {
            // a replay of an applied request: Shopify answers again without applying twice
            return applied(name, input, List.of());
        }
        final List<ObjectNode> errors = new ArrayList<>();
        final Set<String> pairs = new HashSet<>();
        for (int i = 0; i < quantities.size(); i++) {
            final JsonNode q = quantities.get(i);
            final String item = q.path("inventoryItemId").asText();
            final String location = q.path("locationId").asText();
            final String index = Integer.toString(i);
            if (!levels.containsKey(item)) {
                errors.add(userError(List.of("input", "quantities", index, "inventoryItemId"), "contracts", "unknownIdValidation", "setUnknownInventoryItem"));
            } else if (!locations.containsKey(location)) {
                errors.add(userError(List.of("input", "quantities", index, "locationId"), "contracts", "unknownIdValidation", "setUnknownLocation"));
            } else if (!levels.get(item).containsKey(location)) {
                errors.add(error(List.of("input", "quantities", index, "locationId"),
                        "The specified inventory item is not stocked at the location.", "ITEM_NOT_STOCKED_AT_LOCATION"));
            } else if (q.path("quantity").asLong() > 1_000_000_000L) {
                errors.add(userError(List.of("input", "quantities", index, "quantity"), "names", "availableTooHigh"));
            } else if (name.equals("on_hand") && q.path("quantity").asLong() < 0) {
                errors.add(userError(List.of("input", "quantities", index, "quantity"), "bounds", "onHandNegative"));
            } else {
                final long[] level = levels.get(item).get(location);
                final JsonNode compare = current ? q.get("changeFromQuantity") : q.get("compareQuantity");
                final long now = name.equals("available") ? level[0] : level[1];
                if (compare != null && !compare.isNull() && compare.asLong() != now) {
                    errors.add(error(List.of("input", "quantities", index, current ? "changeFromQuantity" : "compareQuantity"),
                            "The specified compare quantity does not match the current quantity.", current ? "CHANGE_FROM_QUANTITY_STALE" : "COMPARE_QUANTITY_STALE"));
                }
            }
            if (!pairs.add(item + "|" + location)) {
                errors.add(userError(List.of("input", "quantities", index, "locationId"), "names", "duplicatePair"));
            }
        }
        if (!errors.isEmpty()) {
            return responseWithErrors(errors);
        }
        for (JsonNode q : quantities) {
            final long[] level = levels.get(q.path("inventoryItemId").asText()).get(q.path("locationId").asText());
            final long value = q.path("quantity").asLong();
            if (name.equals("available")) {
                level[1] += value - level[0];
                level[0] = value;
            } else {
                level[0] += value - level[1];
                level[1] = value;
            }
        }
        if (key != null) {
            appliedKeys.add(key);
        }
        return applied(name, input, List.of());
    }

    private JsonNode applied(String name, JsonNode input, List<ObjectNode> ignored) {
        final ObjectNode response = (ObjectNode) capture("contracts", "inventorySetQuantities").deepCopy();
        final ObjectNode group = (ObjectNode) response.path("data").path("inventorySetQuantities").path("inventoryAdjustmentGroup");
        group.put("referenceDocumentUri", input.path("referenceDocumentUri").asText(null));
        final ArrayNode changes = group.putArray("changes");
        for (JsonNode q : input.path("quantities")) {
            final ObjectNode change = changes.addObject().put("name", name);
            change.putObject("item").put("id", q.path("inventoryItemId").asText());
            change.putObject("location").put("id", q.path("locationId").asText());
        }
        return response;
    }

    /** A userError copied from a capture (message and code), with the field path of this request. */
    private ObjectNode userError(List<String> field, String file, String... path) {
        JsonNode node = captures.path(file);
        if (file.equals("names") || file.equals("bounds")) {
            node = node.path("cases");
        }
        for (String step : path) {
            node = node.path(step);
        }
        final JsonNode captured = node.path("response").path("data").path("inventorySetQuantities").path("userErrors").get(0);
        return error(field, captured.path("message").asText(), captured.path("code").asText());
    }

    private static ObjectNode error(List<String> field, String message, String code) {
        final ObjectNode error = MAPPER.createObjectNode();
        final ArrayNode fieldNode = error.putArray("field");
        field.forEach(fieldNode::add);
        error.put("message", message).put("code", code);
        return error;
    }

    private JsonNode responseWithErrors(List<ObjectNode> errors) {
        final ObjectNode response = MAPPER.createObjectNode();
        final ObjectNode payload = response.putObject("data").putObject("inventorySetQuantities");
        payload.putNull("inventoryAdjustmentGroup");
        payload.putArray("userErrors").addAll(errors);
        return response;
    }

    private JsonNode capture(String file, String name) {
        return captures.path(file).path(name).path("response");
    }
}
