package io.nifiecommerce.shopify.webhook;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The webhook event ids seen lately by every node of a cluster, kept in a map they all read and change only by
 * compare-and-set (NiFi's cluster state, in ZooKeeper). Webhooks are spread over the nodes, and a redelivery often
 * reaches another node than the first delivery: each id is recorded once, whichever node sees it first, and the
 * oldest ids are forgotten first. Each entry's value is its order of arrival.
 */
public final class SharedRecentEvents {

    /** What the nodes share: a map read whole and replaced whole, only if nobody replaced it meanwhile. */
    public interface Store {
        Version read() throws IOException;
    }

    /** One version of the shared map. */
    public interface Version {
        Map<String, String> entries();

        /** Replaces this version with {@code next}; false when another writer came first (read again). */
        boolean replaceWith(Map<String, String> next) throws IOException;
    }

    private static final int MAX_ATTEMPTS = 50;

    private final Store store;
    private final int capacity;

    public SharedRecentEvents(final Store store, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.store = store;
        this.capacity = capacity;
    }

    /** Records the id; returns false when some node recorded it already (a duplicate). */
    public boolean firstSeen(final String eventId) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            final Version current = store.read();
            if (current.entries().containsKey(eventId)) {
                return false;
            }
            if (current.replaceWith(withEvent(current.entries(), eventId, capacity))) {
                return true;
            }
        }
        throw new IOException("The shared event ids changed under " + MAX_ATTEMPTS + " attempts to record " + eventId);
    }

    /** Forgets an id whose processing was abandoned, so that a redelivery is accepted. */
    public void forget(final String eventId) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            final Version current = store.read();
            if (!current.entries().containsKey(eventId)) {
                return;
            }
            final Map<String, String> next = new HashMap<>(current.entries());
            next.remove(eventId);
            if (current.replaceWith(next)) {
                return;
            }
        }
        throw new IOException("The shared event ids changed under " + MAX_ATTEMPTS + " attempts to forget " + eventId);
    }

    /** {@code entries} plus {@code eventId} as the newest, without the oldest ones beyond {@code capacity}. */
    static Map<String, String> withEvent(final Map<String, String> entries, final String eventId, final int capacity) {
        long newest = 0;
        for (final String order : entries.values()) {
            newest = Math.max(newest, Long.parseLong(order));
        }
        final Map<String, String> next = new HashMap<>(entries);
        next.put(eventId, Long.toString(newest + 1));
        if (next.size() > capacity) {
            final long keepFrom = newest + 2 - capacity;
            next.values().removeIf(order -> Long.parseLong(order) < keepFrom);
        }
        return next;
    }
}
