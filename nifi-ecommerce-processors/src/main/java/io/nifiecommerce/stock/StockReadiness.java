package io.nifiecommerce.stock;

import io.nifiecommerce.http.ReadinessCheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What publishing stock needs from a shop, read without writing anything: the locations mapped to, and the app's scopes. */
public final class StockReadiness {

    private StockReadiness() {
    }

    /** @param configuredLocations the location references configured, by property name */
    public static List<ReadinessCheck> checks(final AdminApi api, final Map<String, String> configuredLocations) {
        final List<ReadinessCheck> checks = new ArrayList<>();
        try {
            final LocationDirectory directory = LocationDirectory.fetch(api);
            final Collection<String> unresolved = LocationMapping.unresolved(directory, configuredLocations);
            checks.add(unresolved.isEmpty()
                    ? ReadinessCheck.passed("Read Shopify locations", "Read " + directory.locations().size() + " active locations: "
                    + directory.locations().stream().map(LocationDirectory.ShopifyLocation::name).collect(Collectors.joining(", ")))
                    : ReadinessCheck.failed("Read Shopify locations", "No active Shopify location matches " + String.join("; ", unresolved)));
        } catch (final InventoryApiException e) {
            checks.add(ReadinessCheck.failed("Read Shopify locations", "Shopify refused the locations query: " + e.code() + " " + e.getMessage()));
        }
        try {
            final List<String> missing = RequiredScopes.missing(api);
            checks.add(missing.isEmpty()
                    ? ReadinessCheck.passed("Check access scopes", "The app holds write_inventory and read_products")
                    : ReadinessCheck.failed("Check access scopes", "The app lacks " + String.join(", ", missing) + "; grant them in the app's configuration"));
        } catch (final InventoryApiException e) {
            // a refused token fails; a shop (or simulator) that cannot answer the question only skips the check
            checks.add(new ReadinessCheck("Check access scopes", e.isAuthentication() || e.isTransient()
                    ? ReadinessCheck.Outcome.FAILED : ReadinessCheck.Outcome.SKIPPED, "Cannot read the app's access scopes: " + e.code() + " " + e.getMessage()));
        }
        return checks;
    }
}
