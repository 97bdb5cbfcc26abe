package io.nifiecommerce.sandbox.bc;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * BC's request budget: at most {@code max} requests in any sliding window of the given length. The
 * timestamps of admitted requests are kept; rejected requests do not consume budget.
 */
final class RequestWindow {

    private final long windowNanos;
    private final int max;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    RequestWindow(final Duration window, final int max) {
        this.windowNanos = window.toNanos();
        this.max = max;
    }

    /** Admits {@code cost} requests at once, or none: returns 0 when admitted, else the nanos until enough budget frees up. */
    synchronized long tryAcquire(final int cost) {
        final long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= windowNanos) {
            admitted.pollFirst();
        }
        if (admitted.size() + cost <= max) {
            for (int i = 0; i < cost; i++) {
                admitted.addLast(now);
            }
            return 0;
        }
        if (cost > max) {
            return windowNanos;
        }
        // The request fits once the oldest (size + cost - max) timestamps have left the window.
        final int mustExpire = admitted.size() + cost - max;
        long expiringAt = now;
        int index = 0;
        for (final Long timestamp : admitted) {
            if (++index == mustExpire) {
                expiringAt = timestamp + windowNanos;
                break;
            }
        }
        return Math.max(1, expiringAt - now);
    }

    synchronized int used() {
        final long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= windowNanos) {
            admitted.pollFirst();
        }
        return admitted.size();
    }

    synchronized void clear() {
        admitted.clear();
    }
}
