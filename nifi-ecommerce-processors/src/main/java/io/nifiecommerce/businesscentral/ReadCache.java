package io.nifiecommerce.businesscentral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded cache of answers: at most {@code maxEntries}, each kept {@code ttl} at most; beyond the bound the entry used
 * longest ago goes first. A TTL of zero keeps nothing. Thread-safe (one lock: entries are few and operations short next
 * to the HTTP call they save).
 */
public final class ReadCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public ReadCache(final int maxEntries, final Duration ttl, final Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
    }

    public synchronized Optional<V> get(final K key) {
        final Entry<V> entry = entries.get(key);
        if (entry == null || !entry.expires().isAfter(clock.instant())) {
            if (entry != null) {
                entries.remove(key);
            }
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(entry.value());
    }

    public synchronized void put(final K key, final V value) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
        if (entries.size() > maxEntries) {
            final Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }
}
