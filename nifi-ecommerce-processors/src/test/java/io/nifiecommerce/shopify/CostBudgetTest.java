package io.nifiecommerce.shopify;

import io.nifiecommerce.http.ClusterShare;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostBudgetTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void waitsForTheRestoreRateWhenTheBucketRunsLow() {
        final CostBudget budget = new CostBudget(1000, 50, 0, now::get);
        assertEquals(Duration.ZERO, budget.reserve(600).delay());
        assertEquals(Duration.ZERO, budget.reserve(400).delay());
        // empty bucket: 100 more points need 2 s at 50/s
        assertEquals(Duration.ofSeconds(2), budget.reserve(100).delay());
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(100, budget.available(), 0.001);
    }

    @Test
    void aCancelledReservationGivesItsPointsBackOnce() {
        final CostBudget budget = new CostBudget(1000, 50, 0, now::get);
        budget.reserve(900);
        final CostBudget.Reservation refused = budget.reserve(400);
        assertEquals(Duration.ofSeconds(6), refused.delay());
        budget.cancel(refused);
        budget.cancel(refused);
        assertEquals(100, budget.available(), 0.001);
        assertEquals(Duration.ofSeconds(6), budget.reserve(400).delay(), "the same wait as before, not a longer one");
    }

    @Test
    void adoptsTheShopsBucketFromResponses() {
        final CostBudget budget = new CostBudget(1000, 50, 0, now::get);
        budget.observe(new QueryCost(10, 10.0, 2000, 1500, 100));
        assertEquals(2000, budget.maximum(), 0.001);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(2000, budget.available(), 0.001);
        assertEquals(Duration.ZERO, budget.timeUntil(2000));
    }

    @Test
    void eachNodeModelsItsPartOfTheShopsBucket() {
        final CostBudget budget = new CostBudget(1000, 50, 0, now::get, new ClusterShare(() -> 2));
        assertEquals(500, budget.available(), 0.001, "half of the bucket at first");
        budget.observe(new QueryCost(10, 10.0, 1000, 800, 50));
        assertEquals(400, budget.available(), 0.001, "half of what the shop reports");
        assertEquals(Duration.ZERO, budget.reserve(400).delay());
        assertEquals(Duration.ofSeconds(4), budget.reserve(100).delay(), "refilled at half the restore rate: 100 points in 4 s");
    }

    /**
     * Tasks of one node send at once: the answer to the first tells the level after the shop charged it, before the second
     * arrived. Adopting that level as is would hand the second request's points out again.
     */
    @Test
    void anAnswerDoesNotGiveBackThePointsOfRequestsStillInFlight() {
        final CostBudget budget = new CostBudget(1000, 50, 0, now::get);
        final CostBudget.Reservation first = budget.reserve(300);
        final CostBudget.Reservation second = budget.reserve(300);
        budget.observe(new QueryCost(300, 300.0, 1000, 700, 50), first);
        assertEquals(400, budget.available(), 0.001, "the shop's 700 less the 300 of the request still in flight");
        budget.release(second);
        budget.release(second);
        budget.observe(new QueryCost(300, 300.0, 1000, 1000, 50));
        assertEquals(1000, budget.available(), 0.001, "nothing in flight any more, released once");
    }

    @Test
    void theClusterIsNotAskedWhenTheBudgetIsMade() {
        // NiFi holds the lock that the cluster size needs while it enables services on a restarting node: asking then blocked
        // the Shopify and BC services until NiFi's enable timeouts (3 minutes on a restarted node)
        final ClusterShare locked = new ClusterShare(() -> {
            throw new AssertionError("the number of nodes was asked while the service was being enabled");
        });
        new CostBudget(1000, 50, 10, now::get, locked);
    }

    @Test
    void twoNodesDrainingOneShopAreNotThrottledWhenEachTakesItsShare() {
        assertTrue(throttledAnswers(ClusterShare.WHOLE) > 0, "each node believing it has the whole bucket collects THROTTLED");
        assertEquals(0, throttledAnswers(new ClusterShare(() -> 2)));
    }

    /**
     * Two nodes sending 200-point queries as fast as their budget allows, for 10 simulated minutes, against one shop
     * bucket (1000 points, 50/s): how many queries the shop refused for want of points.
     */
    private int throttledAnswers(final ClusterShare share) {
        final double maximum = 1000;
        final double restoreRate = 50;
        final double cost = 200;
        final CostBudget[] nodes = {new CostBudget(maximum, restoreRate, 10, now::get, share),
            new CostBudget(maximum, restoreRate, 10, now::get, share)};
        final long[] readyAt = new long[nodes.length];
        double shop = maximum;
        long shopAt = now.get();
        int throttled = 0;
        final long end = now.get() + Duration.ofMinutes(10).toNanos();
        while (now.get() < end) {
            final int node = readyAt[0] <= readyAt[1] ? 0 : 1;
            now.set(Math.max(now.get(), readyAt[node]));
            final CostBudget.Reservation reservation = nodes[node].reserve(cost);
            now.addAndGet(reservation.delay().toNanos());
            shop = Math.min(maximum, shop + (now.get() - shopAt) / 1e9 * restoreRate);
            shopAt = now.get();
            if (shop < cost) {
                throttled++;
            } else {
                shop -= cost;
            }
            nodes[node].observe(new QueryCost(cost, cost, maximum, shop, restoreRate), reservation);
            readyAt[node] = now.get() + Duration.ofMillis(50).toNanos(); // the round trip
        }
        return throttled;
    }
}
