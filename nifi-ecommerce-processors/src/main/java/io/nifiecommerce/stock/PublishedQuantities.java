package io.nifiecommerce.stock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The last quantity published per (item, Shopify location), so that a run publishes only what changed.
 * <p>
 * A pair is remembered as a 48-bit fingerprint (the first six bytes of SHA-256 of the two identifiers): with
 * 100,000 pairs the chance that two of them share a fingerprint is about 2 in 100,000, and its only effect is that
 * one of the two may be re-published or, if their quantities coincide, skipped until the next full resync.
 * <p>
 * {@link #encode()} packs the memory into a short string for NiFi cluster state: fingerprints sorted and delta-coded
 * as varints, quantities as zig-zag varints, then Base64. That is about 8 characters per pair, so the documented bound
 * of {@value #DEFAULT_MAX_PAIRS} pairs takes about 0.8 MB, below ZooKeeper's 1 MB node limit. Beyond the bound the
 * pairs confirmed longest ago are forgotten: they are simply published again on their next change or resync.
 * <p>
 * Not thread-safe: one run owns one instance.
 */
public final class PublishedQuantities {

    public static final int DEFAULT_MAX_PAIRS = 100_000;

    private static final byte FORMAT = 1;
    private static final long FINGERPRINT_MASK = (1L << 48) - 1;

    // access order: get() and put() move a pair to the end, eviction takes from the front
    private final LinkedHashMap<Long, Long> quantities = new LinkedHashMap<>(256, 0.75f, true);
    private final int maxPairs;

    public PublishedQuantities() {
        this(DEFAULT_MAX_PAIRS);
    }

    public PublishedQuantities(int maxPairs) {
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be positive: " + maxPairs);
        }
        this.maxPairs = maxPairs;
    }

    /** The fingerprint of a pair, stable across JVMs and versions. */
    public static long key(String item, String locationId) {
        final MessageDigest sha256 = sha256();
        sha256.update(item.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(locationId.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha256.digest()).getLong() >>> 16 & FINGERPRINT_MASK;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The last quantity published for the pair, if remembered. */
    public OptionalLong lastPublished(long key) {
        final Long quantity = quantities.get(key);
        return quantity == null ? OptionalLong.empty() : OptionalLong.of(quantity);
    }

    /** True when the pair was last published with exactly this quantity. */
    public boolean isUnchanged(long key, long quantity) {
        final Long last = quantities.get(key);
        return last != null && last == quantity;
    }

    public void remember(long key, long quantity) {
        quantities.put(key, quantity);
        if (quantities.size() > maxPairs) {
            final Iterator<Long> oldest = quantities.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public void forget(long key) {
        quantities.remove(key);
    }

    public void clear() {
        quantities.clear();
    }

    public int size() {
        return quantities.size();
    }

    public int maxPairs() {
        return maxPairs;
    }

    /** A compact string form for NiFi state or a file; {@link #decode} reads it back. */
    public String encode() {
        final long[] keys = new long[quantities.size()];
        int i = 0;
        for (Long key : quantities.keySet()) {
            keys[i++] = key;
        }
        Arrays.sort(keys);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(keys.length * 7 + 8);
        out.write(FORMAT);
        writeVarLong(out, keys.length);
        long previous = 0;
        for (long key : keys) {
            writeVarLong(out, key - previous);
            writeVarLong(out, zigZag(quantities.get(key)));
            previous = key;
        }
        return Base64.getEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    public static PublishedQuantities decode(String encoded) {
        return decode(encoded, DEFAULT_MAX_PAIRS);
    }

    /**
     * Reads an encoded memory. A value that cannot be read gives an empty memory rather than an error: the cost of a
     * lost memory is one full publish, the cost of refusing to run is stale stock in the shop.
     */
    public static PublishedQuantities decode(String encoded, int maxPairs) {
        final PublishedQuantities memory = new PublishedQuantities(maxPairs);
        if (encoded == null || encoded.isEmpty()) {
            return memory;
        }
        try {
            final ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
            if (in.get() != FORMAT) {
                return memory;
            }
            final long count = readVarLong(in);
            long key = 0;
            for (long i = 0; i < count; i++) {
                key += readVarLong(in);
                memory.quantities.put(key, unZigZag(readVarLong(in)));
            }
            while (memory.quantities.size() > maxPairs) {
                final Iterator<Long> first = memory.quantities.keySet().iterator();
                first.next();
                first.remove();
            }
            return memory;
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return new PublishedQuantities(maxPairs);
        }
    }

    /** A copy, so that a run can work on its own memory and keep the original if it is rolled back. */
    public PublishedQuantities copy() {
        final PublishedQuantities copy = new PublishedQuantities(maxPairs);
        for (Map.Entry<Long, Long> entry : quantities.entrySet()) {
            copy.quantities.put(entry.getKey(), entry.getValue());
        }
        return copy;
    }

    private static long zigZag(long value) {
        return value << 1 ^ value >> 63;
    }

    private static long unZigZag(long value) {
        return value >>> 1 ^ -(value & 1);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}
