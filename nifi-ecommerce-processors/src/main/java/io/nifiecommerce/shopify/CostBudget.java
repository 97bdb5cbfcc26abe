package io.nifiecommerce.shopify;

import io.nifiecommerce.http.ClusterShare;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A local model of one shop's leaky bucket, shared by every processor that talks to the shop, so
 * that together they use the quota near its limit without collecting THROTTLED answers. Each
 * response's {@code throttleStatus} resets the model; between responses the bucket refills at the
 * restore rate. Before a query the caller reserves its expected cost and waits if the bucket would
 * go below the reserve floor.
 *
 * <p>In a NiFi cluster every node sends to the same shop and so drains the same bucket: each node models
 * only its {@link ClusterShare} of it (that part of the bucket, of each observed level and of the restore
 * rate), so that the nodes together refill no faster than the shop does.
 */
public final class CostBudget {

    private final LongSupplier nanoClock;
    private final double floor;
    private final ClusterShare share;
    private double maximum;
    // this node's part of the bucket; NaN until first used (the share is not asked while the service is being enabled)
    private double available = Double.NaN;
    private double restoreRate;
    private long observedAt;

    /**
     * @param maximum bucket size assumed until the shop reports its own
     * @param restoreRate points per second assumed until the shop reports its own
     * @param floor points kept in reserve (a small margin for estimate errors)
     */
    public CostBudget(final double maximum, final double restoreRate, final double floor, final LongSupplier nanoClock) {
        this(maximum, restoreRate, floor, nanoClock, ClusterShare.WHOLE);
    }

    /** @param share this node's share of the shop's bucket */
    public CostBudget(final double maximum, final double restoreRate, final double floor, final LongSupplier nanoClock,
                      final ClusterShare share) {
        this.share = share;
        this.maximum = maximum;
        this.restoreRate = restoreRate;
        this.floor = floor;
        this.nanoClock = nanoClock;
        this.observedAt = nanoClock.getAsLong();
    }

    /** A budget for the Standard plan (1000 points, 50/s: the most conservative) until the shop tells. */
    public static CostBudget standard() {
        return standard(ClusterShare.WHOLE);
    }

    /** The Standard plan's budget, of which this node takes {@code share}. */
    public static CostBudget standard(final ClusterShare share) {
        return new CostBudget(1000, 50, 10, System::nanoTime, share);
    }

    /**
     * Takes {@code cost} points from the bucket and returns how long the caller must wait first
     * (zero when there is room). The points are taken now so concurrent callers queue behind it.
     */
    public synchronized Duration reserve(final double cost) {
        refill();
        final double wanted = Math.min(cost, share.of(maximum) - floor);
        available -= wanted;
        if (available >= floor) {
            return Duration.ZERO;
        }
        final double missing = floor - available;
        return Duration.ofNanos((long) (missing / share.of(restoreRate) * 1_000_000_000L));
    }

    /** Adopts the shop's view of the bucket from a response. */
    public synchronized void observe(final QueryCost cost) {
        if (cost == null || cost.maximumAvailable() <= 0) {
            return;
        }
        maximum = cost.maximumAvailable();
        restoreRate = cost.restoreRate() > 0 ? cost.restoreRate() : restoreRate;
        available = share.of(cost.currentlyAvailable());
        observedAt = nanoClock.getAsLong();
    }

    /** How long until {@code cost} points are available to this node (at most its part of the bucket), from the current model. */
    public synchronized Duration timeUntil(final double cost) {
        refill();
        final double wanted = Math.min(cost, share.of(maximum));
        if (available >= wanted) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) ((wanted - available) / share.of(restoreRate) * 1_000_000_000L));
    }

    /** Points available to this node now (its part of the bucket). */
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
        if (Double.isNaN(available)) {
            available = share.of(maximum);
            observedAt = now;
            return;
        }
        final double seconds = (now - observedAt) / 1_000_000_000.0;
        if (seconds > 0) {
            available = Math.min(share.of(maximum), available + seconds * share.of(restoreRate));
            observedAt = now;
        }
    }
}
