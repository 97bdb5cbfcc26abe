package io.nifiecommerce.shopify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CostBudgetTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void waitsForTheRestoreRateWhenTheBucketRunsLow() {
        final CostBudget budget = new CostBudget(1000, 50, 0, now::get);
        assertEquals(Duration.ZERO, budget.reserve(600));
        assertEquals(Duration.ZERO, budget.reserve(400));
        // empty bucket: 100 more points need 2 s at 50/s
        assertEquals(Duration.ofSeconds(2), budget.reserve(100));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(100, budget.available(), 0.001);
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
}
