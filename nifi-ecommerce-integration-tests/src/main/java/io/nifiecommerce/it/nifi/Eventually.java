package io.nifiecommerce.it.nifi;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls for a state NiFi reaches asynchronously (services enabling, validation, FlowFiles moving).
 */
public final class Eventually {

    private static final long POLL_MILLIS = 250;

    private Eventually() {
    }

    /**
     * Returns the first value {@code probe} yields within {@code timeout}.
     *
     * @throws IllegalStateException naming {@code what} when the time is up
     */
    public static <T> T get(final String what, final Duration timeout, final Supplier<Optional<T>> probe) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(final String what, final Duration timeout, final Supplier<Boolean> condition) {
        get(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
