package io.nifiecommerce.shopify.order;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The order versions (order id, updatedAt) already emitted whose updatedAt lies inside the overlap
 * window, so that re-reading the overlap emits nothing twice while a late-indexed order is still
 * caught. Kept small and written compactly into cluster state: {@code id.updatedAtMillisBase36,...}
 * with the numeric part of the gid.
 */
public final class EmittedVersions {

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

    public String encode() {
        final StringBuilder text = new StringBuilder();
        versions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                entry.getValue().stream().sorted().forEach(millis -> {
                    if (!text.isEmpty()) {
                        text.append(',');
                    }
                    text.append(entry.getKey()).append('.').append(Long.toString(millis, 36));
                }));
        return text.toString();
    }

    public static EmittedVersions decode(final String text) {
        final EmittedVersions emitted = new EmittedVersions();
        if (text == null || text.isBlank()) {
            return emitted;
        }
        for (final String entry : text.split(",")) {
            final int dot = entry.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            emitted.versions.computeIfAbsent(entry.substring(0, dot), id -> new HashSet<>())
                    .add(Long.parseLong(entry.substring(dot + 1), 36));
        }
        return emitted;
    }

    private static String shortId(final String orderId) {
        return orderId.startsWith(GID_PREFIX) ? orderId.substring(GID_PREFIX.length()) : orderId.replace(',', '_');
    }
}
