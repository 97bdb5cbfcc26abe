package io.nifiecommerce.amazon;

import io.nifiecommerce.sandbox.mirakl.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The caller's copy of a usage plan. */
class RateGateTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));

    @Test
    void theBurstGoesAtOnceThenRequestsWaitForTheRateOrAreRefused() {
        final RateGate gate = new RateGate(0.5, 2, clock);
        assertEquals(Duration.ZERO, gate.reserve(Duration.ofSeconds(10)));
        assertEquals(Duration.ZERO, gate.reserve(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(2), gate.reserve(Duration.ofSeconds(10)));
        // that token is promised: the next one is 4 s away
        assertEquals(Duration.ofSeconds(4), gate.reserve(Duration.ofSeconds(10)));
        assertNull(gate.reserve(Duration.ofSeconds(5)), "6 s away: refused, nothing reserved");
        clock.advance(Duration.ofSeconds(6));
        assertEquals(Duration.ZERO, gate.reserve(Duration.ofSeconds(5)));
    }

    @Test
    void amazonsHeaderSetsTheRateAnd429EmptiesTheBucket() {
        final RateGate gate = new RateGate(0.0167, 20, clock);
        gate.rate("0.5");
        assertEquals(0.5, gate.rate());
        gate.rate("not a number");
        gate.rate("-1");
        assertEquals(0.5, gate.rate());
        gate.drain();
        assertEquals(Duration.ofSeconds(2), gate.reserve(Duration.ofSeconds(10)));
    }
}
