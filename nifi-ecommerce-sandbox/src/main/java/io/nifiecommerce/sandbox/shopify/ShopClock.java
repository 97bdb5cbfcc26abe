package io.nifiecommerce.sandbox.shopify;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Strictly increasing timestamps (millisecond steps) so every update moves an order forward in UPDATED_AT order. */
final class ShopClock {

    private final Clock clock;
    private Instant last = Instant.EPOCH;

    ShopClock(final Clock clock) {
        this.clock = clock;
    }

    synchronized Instant tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(last)) {
            now = last.plusMillis(1);
        }
        last = now;
        return now;
    }

    /** Never hand out a time at or before a seeded one. */
    synchronized void notBefore(final Instant instant) {
        if (instant.isAfter(last)) {
            last = instant;
        }
    }
}
