package io.nifiecommerce.shopify;

import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.http.QuotaRegistry;

import java.util.Locale;

/**
 * One {@link CostBudget} per shop and app on this node. Shopify's bucket is the app's on the shop, whichever connection
 * service or flow sends: every connection service of the same shop and app shares one budget, which keeps the node's
 * cluster share. The budget has no settings of its own (it learns the bucket from the shop), so its holders never
 * disagree.
 */
public final class CostBudgets {

    private static final QuotaRegistry<Void, CostBudget> NODE = new QuotaRegistry<>((budget, holders) -> {
    });

    private CostBudgets() {
    }

    /**
     * The budget of an app on a shop, created with {@code share} if none is held; close the lease when the connection
     * service is disabled.
     *
     * @param app the app in {@link #tokenApp} or {@link #clientApp} form
     */
    public static QuotaRegistry<Void, CostBudget>.Lease lease(final ShopifyEndpoint shop, final String app, final ClusterShare share) {
        return NODE.lease(key(shop, app), null, none -> CostBudget.standard(share));
    }

    /** Open leases of an app's budget on a shop. */
    public static int holders(final ShopifyEndpoint shop, final String app) {
        return NODE.holders(key(shop, app));
    }

    /** The app an Admin API access token was issued to (the key keeps only a hash of it). */
    public static String tokenApp(final String accessToken) {
        return "token:" + accessToken.trim();
    }

    /** An app authenticating with the client-credentials grant, by its client id. */
    public static String clientApp(final String clientId) {
        return "client:" + clientId.trim();
    }

    private static String key(final ShopifyEndpoint shop, final String app) {
        // the base URL, not the API version: two services pinned to different versions drain the same bucket
        return QuotaRegistry.key("shopify", shop.baseUrl().toLowerCase(Locale.ROOT), app);
    }
}
