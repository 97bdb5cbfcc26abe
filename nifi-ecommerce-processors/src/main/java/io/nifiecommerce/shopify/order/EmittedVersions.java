package io.nifiecommerce.shopify.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order versions (order id, updatedAt) already emitted whose updatedAt lies inside the overlap
 * window, so that re-reading the overlap emits nothing twice while a late-indexed order is still
 * caught. Written compactly into cluster state: {@code id.updatedAtMillisBase36,...} with the numeric
 * part of the gid, in chunks of at most {@link #CHUNK_CHARS} characters, because a standalone NiFi's
 * local state provider writes each value with {@code DataOutput.writeUTF} (at most 65,535 bytes): one
 * longer value fails that write and every later state write of the node with it. A burst of orders
 * inside the overlap (4,000 in the first minutes of a 10,000-order run, 211 KB) made such a value.
 * At most {@link #MAX_VERSIONS} versions are kept, the newest, so that the whole map stays well below
 * ZooKeeper's 1 MB in a cluster; an older version forgotten may be emitted again, which the writers
 * downstream recognise (the order is found in Business Central by its number).
 */
public final class EmittedVersions {

    /** Characters of one state value: ASCII, so as many bytes, well within {@code writeUTF}'s 65,535. */
    public static final int CHUNK_CHARS = 30_000;
    /** About 22 characters each: 440 KB of state at most. */
    public static final int MAX_VERSIONS = 20_000;

    private static final String GID_PREFIX = "gid://shopify/Order/";

    private final Map<String, Set<Long>> versions = new HashMap<>();

    public boolean contains(final String orderId, final Instant updatedAt) {
        final Set<Long> seen = versions.get(shortId(orderId));
        return seen != null && seen.contains(updatedAt.toEpochMilli());
    }

    public void add(final String orderId, final Instant updatedAt) {
        versions.computeIfAbsent(shortId(orderId), id -> new HashSet<>()).add(updatedAt.toEpochMilli());
    }

    /** Forgets versions older than {@code oldest}: they can no longer be read again by a window starting there. */
    public void forgetBefore(final Instant oldest) {
        final long limit = oldest.toEpochMilli();
        versions.values().forEach(set -> set.removeIf(millis -> millis < limit));
        versions.values().removeIf(Set::isEmpty);
    }

    public int size() {
        return versions.values().stream().mapToInt(Set::size).sum();
    }

    /** The newest {@link #MAX_VERSIONS} versions, in chunks of at most {@link #CHUNK_CHARS} characters; none when empty. */
    public List<String> encode() {
        final List<String> entries = new ArrayList<>();
        versions.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(millis -> Map.entry(entry.getKey(), millis)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_VERSIONS)
                .forEach(version -> entries.add(version.getKey() + '.' + Long.toString(version.getValue(), 36)));
        final List<String> chunks = new ArrayList<>();
        final StringBuilder chunk = new StringBuilder();
        for (final String entry : entries) {
            if (!chunk.isEmpty() && chunk.length() + 1 + entry.length() > CHUNK_CHARS) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
            }
            if (!chunk.isEmpty()) {
                chunk.append(',');
            }
            chunk.append(entry);
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk.toString());
        }
        return chunks;
    }

    public static EmittedVersions decode(final List<String> chunks) {
        final EmittedVersions emitted = new EmittedVersions();
        for (final String text : chunks) {
            if (text == null || text.isBlank()) {
                continue;
            }
            for (final String entry : text.split(",")) {
                final int dot = entry.lastIndexOf('.');
                if (dot <= 0) {
                    continue;
                }
                emitted.versions.computeIfAbsent(entry.substring(0, dot), id -> new HashSet<>())
                        .add(Long.parseLong(entry.substring(dot + 1), 36));
            }
        }
        return emitted;
    }

    private static String shortId(final String orderId) {
        return orderId.startsWith(GID_PREFIX) ? orderId.substring(GID_PREFIX.length()) : orderId.replace(',', '_');
    }
}
