package io.nifiecommerce.sandbox.amazon;

import java.time.Clock;

/**
 * The rate limit of one SP-API operation for one selling partner and application: a token bucket of {@code burst}
 * requests refilled at {@code rate} requests per second (Amazon's "Usage Plans and Rate Limits"). Amazon reports the
 * rate in the {@code x-amzn-RateLimit-Limit} header and answers 429 QuotaExceeded to a request that finds the bucket
 * empty.
 *
 * @param rate requests per second, e.g. 0.0167 (one a minute) for getOrders
 * @param burst the bucket's size
 */
public record UsagePlan(double rate, int burst) {

    /** Orders v0 getOrders: 0.0167 requests per second, burst 20 (default plan, Amazon's Orders API rate limits). */
    public static final UsagePlan GET_ORDERS = new UsagePlan(0.0167, 20);
    /** Orders v0 getOrderItems: 0.5 requests per second, burst 30. */
    public static final UsagePlan GET_ORDER_ITEMS = new UsagePlan(0.5, 30);
    /** Orders v0 getOrder: 0.5 requests per second, burst 30. */
    public static final UsagePlan GET_ORDER = new UsagePlan(0.5, 30);
    /** Orders v0 confirmShipment: 2 requests per second, burst 10. */
    public static final UsagePlan CONFIRM_SHIPMENT = new UsagePlan(2, 10);

    public UsagePlan {
        if (rate <= 0 || burst < 1) {
            throw new IllegalArgumentException("A usage plan needs a positive rate and a burst of at least 1");
        }
    }

    /** The same plan {@code factor} times faster, burst included: the sandbox's demo reads many orders in minutes. */
    public UsagePlan scaled(final double factor) {
        return new UsagePlan(rate * factor, (int) Math.max(1, Math.round(burst * factor)));
    }

    /** The header value, as Amazon formats it (a decimal number of requests per second). */
    public String header() {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** A full bucket on {@code clock}. */
    public Bucket bucket(final Clock clock) {
        return new Bucket(this, clock);
    }

    /** The tokens left of a plan; thread-safe. */
    public static final class Bucket {

        private final UsagePlan plan;
        private final Clock clock;
        private double tokens;
        private long refilledAt;

        Bucket(final UsagePlan plan, final Clock clock) {
            this.plan = plan;
            this.clock = clock;
            this.tokens = plan.burst();
            this.refilledAt = clock.millis();
        }

        public UsagePlan plan() {
            return plan;
        }

        /** Takes one token; false (and nothing taken) when the bucket is empty. */
        public synchronized boolean take() {
            final long now = clock.millis();
            tokens = Math.min(plan.burst(), tokens + (now - refilledAt) / 1000.0 * plan.rate());
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
