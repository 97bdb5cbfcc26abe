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
 *
 * <p>Several tasks of a node send through one budget at once. A response tells the level after the shop charged that
 * request, not yet the others this node has in flight: their reserved points stay taken until their own answers come,
 * so one answer never gives back what concurrent requests are about to spend.
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
    // points reserved by this node's requests sent and not answered yet
    private double inFlight;

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
     * Takes {@code cost} points from the bucket and tells how long the caller must wait first (zero when there is room).
     * The points are taken now so concurrent callers queue behind it; they count as in flight until the request's answer
     * is {@linkplain #observe(QueryCost, Reservation) observed} or the reservation is {@linkplain #release released}.
     */
    public synchronized Reservation reserve(final double cost) {
        refill();
        final double wanted = Math.min(cost, share.of(maximum) - floor);
        available -= wanted;
        inFlight += wanted;
        if (available >= floor) {
            return new Reservation(Duration.ZERO, wanted);
        }
        final double missing = floor - available;
        return new Reservation(Duration.ofNanos((long) (missing / share.of(restoreRate) * 1_000_000_000L)), wanted);
    }

    /** Adopts the shop's view of the bucket from a response that answers no reservation of this budget. */
    public synchronized void observe(final QueryCost cost) {
        observe(cost, null);
    }

    /** Adopts the shop's view of the bucket from the response to {@code answered}, less what is still in flight. */
    public synchronized void observe(final QueryCost cost, final Reservation answered) {
        settle(answered);
        if (cost == null || cost.maximumAvailable() <= 0) {
            return;
        }
        maximum = cost.maximumAvailable();
        restoreRate = cost.restoreRate() > 0 ? cost.restoreRate() : restoreRate;
        available = share.of(cost.currentlyAvailable()) - inFlight;
        observedAt = nanoClock.getAsLong();
    }

    /**
     * Ends a reservation whose request got no answer with a cost (not sent, failed, unreadable): its points stay spent in
     * the model until the next observed level. Releasing one already settled changes nothing.
     */
    public synchronized void release(final Reservation reservation) {
        settle(reservation);
    }

    /**
     * Gives back the points of a reservation whose request will not be sent (its wait was too long to sleep in place).
     * Keeping them would deepen the hole at each refused attempt: the caller would be told to wait longer every time,
     * and with no request sent the shop's real level would never correct the model.
     */
    public synchronized void cancel(final Reservation reservation) {
        if (reservation != null && !reservation.settled) {
            settle(reservation);
            available += reservation.points;
        }
    }

    private void settle(final Reservation reservation) {
        if (reservation != null && !reservation.settled) {
            reservation.settled = true;
            inFlight -= reservation.points;
        }
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

    /** Points taken for one request, and how long it must wait before it is sent. */
    public static final class Reservation {
        private final Duration delay;
        private final double points;
        private boolean settled; // guarded by the budget

        private Reservation(final Duration delay, final double points) {
            this.delay = delay;
            this.points = points;
        }

        public Duration delay() {
            return delay;
        }
    }
}
