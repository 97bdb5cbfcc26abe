package io.nifiecommerce.http;

import java.time.Duration;

/** Waits; a seam so tests of retry and pacing logic need not sleep for real. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
