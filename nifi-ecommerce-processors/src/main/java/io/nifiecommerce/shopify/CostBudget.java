package io.nifiecommerce.shopify;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A local model of one shop's leaky bucket, shared by every processor that talks to the shop, so
 * that together they use the quota near its limit without collecting THROTTLED answers. Each
 * response's {@code throttleStatus} resets the model; between responses the bucket refills at the
 * restore rate. Before a query the caller reserves its expected cost and waits if the bucket would
 * go below the reserve floor.
 */
public final class CostBudget {

    private final LongSupplier nanoClock;
    private final double floor;
    private double maximum;
    private double available;
    private double restoreRate;
    private long observedAt;

    /**
     * @param maximum bucket size assumed until the shop reports its own
     * @param restoreRate points per second assumed until the shop reports its own
     * @param floor points kept in reserve (a small margin for estimate errors)
     */
    public CostBudget(final double maximum, final double restoreRate, final double floor, final LongSupplier nanoClock) {
        this.maximum = maximum;
        this.available = maximum;
        this.restoreRate = restoreRate;
        this.floor = floor;
        this.nanoClock = nanoClock;
        this.observedAt = nanoClock.getAsLong();
    }

    /** A budget for the Standard plan (1000 points, 50/s: the most conservative) until the shop tells. */
    public static CostBudget standard() {
        return new CostBudget(1000, 50, 10, System::nanoTime);
    }

    /**
     * Takes {@code cost} points from the bucket and returns how long the caller must wait first
     * (zero when there is room). The points are taken now so concurrent callers queue behind it.
     */
    public synchronized Duration reserve(final double cost) {
        refill();
        final double wanted = Math.min(cost, maximum - floor);
        available -= wanted;
        if (available >= floor) {
            return Duration.ZERO;
        }
        final double missing = floor - available;
        return Duration.ofNanos((long) (missing / restoreRate * 1_000_000_000L));
    }

    /** Adopts the shop's view of the bucket from a response. */
    public synchronized void observe(final QueryCost cost) {
        if (cost == null || cost.maximumAvailable() <= 0) {
            return;
        }
        maximum = cost.maximumAvailable();
        restoreRate = cost.restoreRate() > 0 ? cost.restoreRate() : restoreRate;
        available = cost.currentlyAvailable();
        observedAt = nanoClock.getAsLong();
    }

    /** How long until {@code cost} points are available, from the current model. */
    public synchronized Duration timeUntil(final double cost) {
        refill();
        if (available >= cost) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) ((cost - available) / restoreRate * 1_000_000_000L));
    }

    public synchronized double available() {
        refill();
        return available;
    }

    public synchronized double restoreRate() {
        return restoreRate;
    }

    public synchronized double maximum() {
        return maximum;
    }

    private void refill() {
        final long now = nanoClock.getAsLong();
        final double seconds = (now - observedAt) / 1_000_000_000.0;
        if (seconds > 0) {
            available = Math.min(maximum, available + seconds * restoreRate);
            observedAt = now;
        }
    }
}
