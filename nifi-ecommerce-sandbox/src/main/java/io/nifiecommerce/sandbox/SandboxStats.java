package io.nifiecommerce.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters served at {@code GET /_sandbox/stats}: requests per API and operation, cost spent,
 * throttled responses, faults injected, and gauges that simulators compute on demand (orders in the
 * shop, sales orders in BC, duplicates...). Keys are dotted names such as {@code shopify.requests.orders}.
 */
public final class SandboxStats {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    /** A value computed when the stats are read. */
    @FunctionalInterface
    public interface Gauge {
        long value();
    }

    public void increment(final String key) {
        add(key, 1);
    }

    public void add(final String key, final long amount) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(amount);
    }

    public long get(final String key) {
        final Gauge gauge = gauges.get(key);
        if (gauge != null) {
            return gauge.value();
        }
        final LongAdder adder = counters.get(key);
        return adder == null ? 0 : adder.sum();
    }

    public void gauge(final String key, final Gauge gauge) {
        gauges.put(key, gauge);
    }

    /** Counters back to zero; gauges stay (they read the simulators' current state). */
    public void reset() {
        counters.clear();
    }

    /** A sorted snapshot of every counter and gauge. */
    public Map<String, Long> snapshot() {
        final Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((key, adder) -> snapshot.put(key, adder.sum()));
        gauges.forEach((key, gauge) -> snapshot.put(key, gauge.value()));
        return snapshot;
    }
}
