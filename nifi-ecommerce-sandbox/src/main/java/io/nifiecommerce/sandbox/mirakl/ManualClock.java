package io.nifiecommerce.sandbox.mirakl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: a simulated marketplace's time, so that tests and demos can let the operator's
 * debit delay, billing cycles and settlement periods pass in an instant.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    public ManualClock(final Instant start) {
        this.now = start;
    }

    public void advance(final Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
