package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's active locations, to turn what an integrator writes (a Location GID, its numeric id, or its name)
 * into a Location GID.
 */
public final class LocationDirectory {

    /** A Shopify location. */
    public record ShopifyLocation(String id, String name) {
    }

    private static final String GID_PREFIX = "gid://shopify/Location/";
    private static final int PAGE_SIZE = 250;
    private static final int MAX_PAGES = 40;

    private final List<ShopifyLocation> locations;
    private final Map<String, ShopifyLocation> byId = new HashMap<>();
    private final Map<String, ShopifyLocation> byName = new HashMap<>();
    private final Map<String, List<ShopifyLocation>> byLowerName = new HashMap<>();

    public LocationDirectory(List<ShopifyLocation> locations) {
        this.locations = List.copyOf(locations);
        for (ShopifyLocation location : this.locations) {
            byId.put(location.id(), location);
            byName.putIfAbsent(location.name(), location);
            byLowerName.computeIfAbsent(location.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(location);
        }
    }

    /** Reads every active location of the shop. */
    public static LocationDirectory fetch(AdminApi api) {
        final List<ShopifyLocation> locations = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("first", PAGE_SIZE);
            variables.put("after", after);
            final JsonNode response = api.execute(StockDocuments.LOCATIONS, variables);
            InventoryApiException.throwOnErrors(response);
            final JsonNode connection = response.path("data").path("locations");
            for (JsonNode node : connection.path("nodes")) {
                if (node.hasNonNull("id") && node.path("isActive").asBoolean(true)) {
                    locations.add(new ShopifyLocation(node.get("id").asText(), node.path("name").asText("")));
                }
            }
            if (!connection.path("pageInfo").path("hasNextPage").asBoolean(false)) {
                break;
            }
            after = connection.path("pageInfo").path("endCursor").asText(null);
        }
        return new LocationDirectory(locations);
    }

    public List<ShopifyLocation> locations() {
        return locations;
    }

    /**
     * The Location GID a reference names: a GID or numeric id of an active location, else a location name (exact,
     * then case-insensitive when only one location matches).
     */
    public Optional<String> resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        final String value = reference.trim();
        final String gid = value.chars().allMatch(Character::isDigit) ? GID_PREFIX + value : value;
        if (byId.containsKey(gid)) {
            return Optional.of(gid);
        }
        final ShopifyLocation named = byName.get(value);
        if (named != null) {
            return Optional.of(named.id());
        }
        final List<ShopifyLocation> similar = byLowerName.getOrDefault(value.toLowerCase(Locale.ROOT), List.of());
        return similar.size() == 1 ? Optional.of(similar.getFirst().id()) : Optional.empty();
    }
}
