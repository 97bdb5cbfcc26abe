package io.nifiecommerce.it.demo;

import java.time.Duration;

/**
 * How long the demo's flows may take to converge, documented in docs/reliability.md: a fixed part
 * (NiFi starting the flows, the one-minute sources' first ticks, the 3PL shipping the last orders,
 * the EDI exchanges' four one-minute ticks in sequence, a scheduled read's first retries), a part per order that grows as 1 / (1 - fault rate) since a
 * request needs that many attempts on average, and a NiFi restart per kill -9. Nothing in it waits
 * for a schedule: an hourly read that fails is retried within minutes.
 */
public final class ConvergenceBound {

    /**
     * 4 minutes until the demo played the EDI partners; their chain (retail orders listed, BC sales orders read, the
     * partial DESADV listed, the rest listed) converged after 5 min 37 s at 0.3 (DemoConvergenceIT, 2026-12-06), 97 % of
     * the 4-minute bound: 6 minutes leaves that run a margin of a sixth.
     */
    static final Duration FIXED = Duration.ofMinutes(6);
    static final Duration PER_ORDER = Duration.ofMillis(2500);
    static final Duration PER_CRASH = Duration.ofMinutes(2);

    private ConvergenceBound() {
    }

    public static Duration of(final int orders, final double faultRate, final int crashes) {
        if (faultRate < 0 || faultRate > 0.5) {
            throw new IllegalArgumentException("The bound holds for fault rates from 0 to 0.5, not " + faultRate);
        }
        final long perOrderMillis = Math.round(PER_ORDER.toMillis() / (1 - faultRate));
        return FIXED.plusMillis(perOrderMillis * orders).plus(PER_CRASH.multipliedBy(crashes));
    }
}
