package io.nifiecommerce.sandbox.shopify;

import java.util.Locale;

/**
 * The rate-limit settings of a simulated shop: bucket size and restore rate (points per second),
 * the HTTP status of a THROTTLED answer (Shopify's is undocumented: 200 or 429) and the single
 * query limit.
 */
public record RateLimit(int bucketSize, int restoreRate, int throttleStatus, int maxQueryCost) {

    public static final RateLimit STANDARD = new RateLimit(2000, 100, 200, 1000);
    public static final RateLimit ADVANCED = new RateLimit(4000, 200, 200, 1000);
    public static final RateLimit PLUS = new RateLimit(20000, 1000, 200, 1000);
    public static final RateLimit ENTERPRISE = new RateLimit(40000, 2000, 200, 1000);

    /** standard, advanced, plus or enterprise. */
    public static RateLimit preset(final String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "standard" -> STANDARD;
            case "advanced" -> ADVANCED;
            case "plus" -> PLUS;
            case "enterprise" -> ENTERPRISE;
            default -> throw new IllegalArgumentException("Unknown plan preset " + name + " (standard, advanced, plus, enterprise)");
        };
    }

    public RateLimit withBucket(final int size, final int rate) {
        return new RateLimit(size, rate, throttleStatus, maxQueryCost);
    }

    public RateLimit withThrottleStatus(final int status) {
        if (status != 200 && status != 429) {
            throw new IllegalArgumentException("The THROTTLED status is 200 or 429, not " + status);
        }
        return new RateLimit(bucketSize, restoreRate, status, maxQueryCost);
    }
}
