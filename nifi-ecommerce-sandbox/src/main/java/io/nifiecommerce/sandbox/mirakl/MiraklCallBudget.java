package io.nifiecommerce.sandbox.mirakl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A sliding-window budget of calls per API key. Mirakl publishes a recommended and a maximum call frequency per
 * operation and answers HTTP 429 with a Retry-After header (in seconds) to a caller over its limit; the simulator
 * applies one budget to every call so that a client that ignores Retry-After is seen failing.
 */
final class MiraklCallBudget {

    private final int calls;
    private final Duration window;
    private final Clock clock;
    private final Deque<Long> recent = new ArrayDeque<>();

    MiraklCallBudget(final int calls, final Duration window, final Clock clock) {
        this.calls = calls;
        this.window = window;
        this.clock = clock;
    }

    /** Null when the call may go ahead (and is counted); otherwise the whole seconds to wait, at least 1. */
    synchronized Long take() {
        final long now = clock.millis();
        while (!recent.isEmpty() && recent.peekFirst() <= now - window.toMillis()) {
            recent.pollFirst();
        }
        if (recent.size() >= calls) {
            final long waitMillis = recent.peekFirst() + window.toMillis() - now;
            return Math.max(1, (waitMillis + 999) / 1000);
        }
        recent.addLast(now);
        return null;
    }
}
