package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.SandboxStats;

/**
 * What the data fetchers of one request see: the shop, its graph view, the shop's operations state
 * (idempotency, bulk operations), whether the request is a bulk query run (no page limits), and the scopes granted
 * to the app (comma-separated).
 */
record RequestContext(Shop shop, ShopGraph graph, ShopOperations operations, SandboxStats stats, boolean bulk,
                      String apiVersion, String accessScopes) {
}
