package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.shopify.RateLimit;

import java.time.Duration;
import java.util.Map;

/**
 * The least time the vendors' quotas allow for the work a run actually did, from the sandbox's own counters:
 * <ul>
 *   <li>Shopify: the bucket starts full ({@code B} points) and restores {@code r} points/s, so {@code P} points
 *   charged need at least {@code max(0, P - B) / r} seconds;</li>
 *   <li>Business Central: at most {@code Q} requests (each operation of a {@code $batch} counts) in any window of
 *   {@code W}, so {@code U} of them need at least {@code (ceil(U / Q) - 1) x W}.</li>
 * </ul>
 * The model is the larger of the two; BC's concurrency cap (5 requests served at once) binds only when requests take
 * long to serve, which the sandbox's do not (milliseconds), so it is left out. Throttled answers are counted apart from
 * the faults the sandbox injects on purpose: they are what the bundle's own pacing failed to avoid.
 */
record QuotaModel(long shopifyPoints, long shopifyRequests, long shopifyThrottled, RateLimit plan,
                  long bcUnits, long bcRequests, long bcThrottled, BcSimulatorConfig bc) {

    static QuotaModel of(final Map<String, Long> stats, final RateLimit plan, final BcSimulatorConfig bc) {
        final long batchRequests = stats.getOrDefault("bc.batch.requests", 0L);
        final long batchOperations = stats.getOrDefault("bc.batch.operations", 0L);
        final long requests = stats.getOrDefault("bc.apiRequests", 0L);
        final long throttled = stats.getOrDefault("bc.throttled.window", 0L);
        final long units = bc.batchCountsAsOne() ? requests - throttled : requests - throttled - batchRequests + batchOperations;
        return new QuotaModel(stats.getOrDefault("shopify.cost.spent", 0L), stats.getOrDefault("shopify.graphqlRequests", 0L),
                stats.getOrDefault("shopify.throttled.bucket", 0L), plan, units, requests, throttled, bc);
    }

    Duration shopify() {
        return Duration.ofMillis(Math.max(0, shopifyPoints - plan.bucketSize()) * 1000 / plan.restoreRate());
    }

    Duration businessCentral() {
        final long windows = (bcUnits + bc.maxRequestsPerWindow() - 1) / bc.maxRequestsPerWindow();
        return bc.rateWindow().multipliedBy(Math.max(0, windows - 1));
    }

    Duration least() {
        final Duration shopify = shopify();
        final Duration bcLeast = businessCentral();
        return shopify.compareTo(bcLeast) >= 0 ? shopify : bcLeast;
    }

    void writeTo(final ObjectNode json, final Duration elapsed) {
        final ObjectNode quota = json.putObject("quota");
        quota.put("shopifyPlan", plan.bucketSize() + " points, " + plan.restoreRate() + "/s");
        quota.put("shopifyPointsCharged", shopifyPoints);
        quota.put("shopifyRequests", shopifyRequests);
        quota.put("shopifyThrottledByBucket", shopifyThrottled);
        quota.put("bcWindow", bc.maxRequestsPerWindow() + " per " + bc.rateWindow().toSeconds() + " s");
        quota.put("bcRequests", bcRequests);
        quota.put("bcWindowUnits", bcUnits);
        quota.put("bcThrottledByWindow", bcThrottled);
        quota.put("modelShopifySeconds", shopify().toMillis() / 1000.0);
        quota.put("modelBusinessCentralSeconds", businessCentral().toSeconds());
        quota.put("modelSeconds", least().toMillis() / 1000.0);
        quota.put("elapsedOverModel", least().isZero() ? 0 : Math.round(100.0 * elapsed.toMillis() / least().toMillis()) / 100.0);
    }
}
