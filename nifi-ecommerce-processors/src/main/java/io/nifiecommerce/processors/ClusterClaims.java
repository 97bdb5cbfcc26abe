package io.nifiecommerce.processors;

import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The order keys a keyed writer holds across the nodes of a cluster, in the processor's cluster state (ZooKeeper):
 * one entry per key being written, naming the node and until when the claim stands. A node writes a key only after its
 * compare-and-set put the entry there; it removes it when the FlowFile is done.
 *
 * <p>Why not NiFi's <em>Partition by attribute</em>: NiFi 2.3.0's partitioner puts every value on the first of two nodes
 * (and never on the last of three), so the writers after it never scale out. The connections into the keyed writers
 * are therefore round robin, and this class keeps what partitioning gave: one order written by one node at a time.
 *
 * <p>A claim is a lease: a node that dies holding one loses it after {@link #LEASE_MILLIS}; while a node holds claims,
 * a shared timer renews them well before that. A node restarted after a crash has a new holder name and waits for its old
 * claims to lapse like any other node.
 */
final class ClusterClaims {

    static final long LEASE_MILLIS = TimeUnit.SECONDS.toMillis(60);
    static final long RENEW_MILLIS = LEASE_MILLIS / 4;
    /** The key a FlowFile naming no order claims: it may touch any order, so it runs while no other node holds anything. */
    static final String EVERYTHING = "*";
    private static final int ATTEMPTS = 8;
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "nifi-ecommerce order claim renewals");
        thread.setDaemon(true);
        return thread;
    });

    private final StateManager state;
    private final String holder;
    private final ComponentLog logger;
    private final LongSupplier clock;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final Object renewalLock = new Object();
    private ScheduledFuture<?> renewal; // guarded by renewalLock

    ClusterClaims(final StateManager state, final String holder, final ComponentLog logger, final LongSupplier clock) {
        this.state = state;
        this.holder = holder;
        this.logger = logger;
        this.clock = clock;
    }

    /** The keys other nodes hold now; {@link #EVERYTHING} among them means no key may be taken. */
    Set<String> heldElsewhere() throws IOException {
        final Set<String> keys = new HashSet<>();
        live(state.getState(Scope.CLUSTER), clock.getAsLong()).forEach((key, entry) -> {
            if (!entry.holder.equals(holder)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /**
     * Claims {@code key} for this node unless another node holds it (or holds {@link #EVERYTHING}, or, for {@code
     * EVERYTHING}, anything). Expired claims are dropped on the way.
     *
     * @return whether this node now holds it
     */
    boolean claim(final String key) throws IOException {
        final boolean claimed = update((live, now) -> {
            for (final Map.Entry<String, Entry> held : live.entrySet()) {
                final boolean conflicts = held.getKey().equals(key) || held.getKey().equals(EVERYTHING) || key.equals(EVERYTHING);
                if (conflicts && !held.getValue().holder.equals(holder)) {
                    return null;
                }
            }
            live.put(key, new Entry(holder, now + LEASE_MILLIS));
            return live;
        });
        if (claimed) {
            mine.add(key);
            scheduleRenewals();
        }
        return claimed;
    }

    /** Gives {@code key} back; a failure leaves the claim to lapse at the end of its lease. */
    void release(final String key) {
        mine.remove(key);
        try {
            update((live, now) -> {
                final Entry entry = live.get(key);
                if (entry == null || !entry.holder.equals(holder)) {
                    return null;
                }
                live.remove(key);
                return live;
            });
        } catch (final IOException | RuntimeException e) {
            logger.warn("Could not give back the claim on {}; other nodes take it when it lapses", key, e);
        }
    }

    /** Extends every claim this node holds to a full lease from now. */
    void renew() {
        if (mine.isEmpty()) {
            return;
        }
        try {
            update((live, now) -> {
                boolean changed = false;
                for (final String key : mine) {
                    final Entry entry = live.get(key);
                    if (entry != null && entry.holder.equals(holder)) {
                        live.put(key, new Entry(holder, now + LEASE_MILLIS));
                        changed = true;
                    }
                }
                return changed ? live : null;
            });
        } catch (final IOException | RuntimeException e) {
            logger.warn("Could not renew this node's order claims; they lapse {} s after the last renewal", LEASE_MILLIS / 1000, e);
        }
    }

    /**
     * Writes {@code change} of the live claims (expired ones left out) with compare-and-set, again from a fresh read while
     * another task or node writes first; {@code change} answers null to leave the state as it is.
     *
     * @return whether the change was written
     */
    private boolean update(final BiFunction<Map<String, Entry>, Long, Map<String, Entry>> change) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            final StateMap current = state.getState(Scope.CLUSTER);
            final long now = clock.getAsLong();
            final Map<String, Entry> next = change.apply(live(current, now), now);
            if (next == null) {
                return false;
            }
            final Map<String, String> stored = new HashMap<>();
            next.forEach((key, entry) -> stored.put(key, entry.toString()));
            if (state.replace(current, stored, Scope.CLUSTER)) {
                return true;
            }
        }
        // other tasks or nodes kept changing the claims: a claim is tried again with another FlowFile, a release lapses
        logger.warn("Gave up writing the order claims after {} attempts: other tasks or nodes kept changing them", ATTEMPTS);
        return false;
    }

    /** Keys this node holds, for tests. */
    Set<String> mine() {
        return Set.copyOf(mine);
    }

    private void scheduleRenewals() {
        synchronized (renewalLock) {
            if (renewal == null || renewal.isDone()) {
                renewal = RENEWALS.scheduleWithFixedDelay(this::renewOrStop, RENEW_MILLIS, RENEW_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void renewOrStop() {
        synchronized (renewalLock) {
            if (mine.isEmpty()) {
                renewal.cancel(false);
                renewal = null;
                return;
            }
        }
        renew();
    }

    /** The claims that have not lapsed, by key. */
    private static Map<String, Entry> live(final StateMap current, final long now) {
        final Map<String, Entry> live = new HashMap<>();
        current.toMap().forEach((key, value) -> {
            final Entry entry = Entry.parse(value);
            if (entry != null && entry.until > now) {
                live.put(key, entry);
            }
        });
        return live;
    }

    /** One claim as stored: {@code holder|until}, until in epoch milliseconds. */
    private record Entry(String holder, long until) {

        static Entry parse(final String value) {
            if (value == null) {
                return null;
            }
            final int bar = value.lastIndexOf('|');
            if (bar < 0) {
                return null;
            }
            try {
                return new Entry(value.substring(0, bar), Long.parseLong(value.substring(bar + 1)));
            } catch (final NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return holder + "|" + until;
        }
    }
}
