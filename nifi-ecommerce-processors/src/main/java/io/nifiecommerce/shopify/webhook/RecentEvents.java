package io.nifiecommerce.shopify.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook event ids seen lately, bounded: Shopify retries a delivery it thinks failed and may
 * deliver an event twice, so an id seen again is a duplicate. The oldest ids are forgotten first.
 */
public final class RecentEvents {

    private final Map<String, Boolean> seen;

    public RecentEvents(final int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the id; returns false when it was already there (a duplicate). */
    public synchronized boolean firstSeen(final String eventId) {
        return seen.putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    /** Forgets an id whose processing was abandoned, so that a redelivery is accepted. */
    public synchronized void forget(final String eventId) {
        seen.remove(eventId);
    }

    public synchronized int size() {
        return seen.size();
    }
}
