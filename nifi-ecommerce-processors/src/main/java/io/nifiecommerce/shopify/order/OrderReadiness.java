package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ReadinessCheck;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reading orders needs from a shop, read without writing anything: the credentials, the API
 * version actually served, the scopes (read_all_orders when the start lies more than 60 days back),
 * and how many orders the search matches.
 */
public final class OrderReadiness {

    public static final Duration ALL_ORDERS_SCOPE_HORIZON = Duration.ofDays(60);

    private OrderReadiness() {
    }

    /**
     * @param start the first update time to read (null: everything)
     * @param filter the search filter ANDed with the window, or null
     */
    public static List<ReadinessCheck> checks(final ShopifyGraphQlClient client, final String requestedVersion, final Instant start,
                                              final Instant now, final String filter) {
        final List<ReadinessCheck> checks = new ArrayList<>();
        final GraphQlResponse shop;
        try {
            shop = client.execute(ShopifyDocument.SHOP_VERIFICATION.text(), Map.of());
        } catch (final ApiException e) {
            checks.add(ReadinessCheck.failed("Authenticate and Read Shop", e.code() + ": " + e.getMessage()));
            return checks;
        }
        checks.add(ReadinessCheck.passed("Authenticate and Read Shop", "Connected to shop '" + shop.at("shop.name").asText() + "'"));
        final String served = shop.servedApiVersion();
        checks.add(served != null && !served.equals(requestedVersion)
                ? ReadinessCheck.failed("API Version", "Requested " + requestedVersion + " but Shopify served " + served + " (fell forward)")
                : ReadinessCheck.passed("API Version", "Served " + (served == null ? requestedVersion : served)));
        final List<String> scopes = new ArrayList<>();
        shop.at("currentAppInstallation.accessScopes").forEach(scope -> scopes.add(scope.path("handle").asText()));
        final List<String> missing = new ArrayList<>();
        if (!scopes.contains("read_orders") && !scopes.contains("write_orders")) {
            missing.add("read_orders");
        }
        if ((start == null || start.isBefore(now.minus(ALL_ORDERS_SCOPE_HORIZON))) && !scopes.contains("read_all_orders")) {
            missing.add("read_all_orders (Initial Start is more than 60 days back)");
        }
        checks.add(missing.isEmpty()
                ? ReadinessCheck.passed("Access Scopes", "Granted: " + String.join(", ", scopes))
                : ReadinessCheck.failed("Access Scopes", "Missing: " + String.join(", ", missing) + "; granted: " + String.join(", ", scopes)));
        try {
            final String search = OrderSearch.window(start, now, filter);
            final JsonNode count = client.execute(ShopifyDocument.ORDERS_COUNT.text(), Map.of("query", search)).at("ordersCount");
            checks.add(ReadinessCheck.passed("Count Matching Orders", count.path("count").asLong() + " orders match `" + search + "`"
                    + ("EXACT".equals(count.path("precision").asText("EXACT")) ? "" : " (" + count.path("precision").asText().toLowerCase(Locale.ROOT) + ")")));
        } catch (final ApiException e) {
            checks.add(ReadinessCheck.failed("Count Matching Orders", e.code() + ": " + e.getMessage()));
        }
        return checks;
    }
}
