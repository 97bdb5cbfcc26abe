package io.nifiecommerce.processors;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.FlowFileFilter;
import org.apache.nifi.processor.ProcessSession;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets a keyed writer (one that looks an order up before it creates or changes it) run several concurrent tasks without two
 * of them ever writing the same order at once. The flows partition a writer's input by the order ({@link #KEY_ATTRIBUTES}:
 * a bucket of the order's key, or the EDI order's number), which keeps an order on one node; on that node, a task takes
 * only a FlowFile whose key no other task of the same processor holds, and holds it until the task is done.
 *
 * <p>The claim is taken in the {@link FlowFileFilter} NiFi applies under the queue's lock, so two tasks can never both
 * pass it with one key; FlowFiles of a held key stay queued in their order and the task takes the first free one behind
 * them. A FlowFile naming no key may hold any order: it runs alone, as with one task.
 */
public final class OrderClaims {

    /**
     * The attributes that name what a FlowFile's records are about, first match wins: the order bucket the flows' grouping
     * step writes ({@code ecommerce.order.bucket}), or the one EDI order a FlowFile of ReadRetailOrderEdi holds.
     */
    public static final List<String> KEY_ATTRIBUTES = List.of("ecommerce.order.bucket", "eancom.order.number");

    private final Set<String> held = new HashSet<>();
    private boolean exclusive;

    /**
     * The next FlowFile whose key is free, claimed for this task until the returned claim is closed (in a finally, or by
     * try-with-resources); null when every queued FlowFile's key is held or the queue is empty.
     */
    public Claim next(final ProcessSession session) {
        final String[] key = new String[1];
        final boolean[] claimed = new boolean[1];
        final List<FlowFile> flowFiles;
        try {
            flowFiles = session.get(flowFile -> {
                final String candidate = keyOf(flowFile);
                if (claimed[0] || !tryClaim(candidate)) {
                    return FlowFileFilter.FlowFileFilterResult.REJECT_AND_CONTINUE;
                }
                key[0] = candidate;
                claimed[0] = true;
                return FlowFileFilter.FlowFileFilterResult.ACCEPT_AND_TERMINATE;
            });
        } catch (final RuntimeException e) {
            if (claimed[0]) {
                release(key[0]);
            }
            throw e;
        }
        if (flowFiles.isEmpty()) {
            if (claimed[0]) {
                release(key[0]);
            }
            return null;
        }
        return new Claim(flowFiles.getFirst(), key[0]);
    }

    /** The key a FlowFile is claimed by; null when it names none. */
    static String keyOf(final FlowFile flowFile) {
        for (final String attribute : KEY_ATTRIBUTES) {
            final String value = flowFile.getAttribute(attribute);
            if (value != null && !value.isEmpty()) {
                return attribute + "=" + value;
            }
        }
        return null;
    }

    /** Claims {@code key} (null: everything) unless another task holds it (or anything, for null). */
    synchronized boolean tryClaim(final String key) {
        if (exclusive) {
            return false;
        }
        if (key == null) {
            exclusive = held.isEmpty();
            return exclusive;
        }
        return held.add(key);
    }

    synchronized void release(final String key) {
        if (key == null) {
            exclusive = false;
        } else {
            held.remove(key);
        }
    }

    /** Keys held now, for tests and diagnostics. */
    synchronized int held() {
        return held.size() + (exclusive ? 1 : 0);
    }

    /** A FlowFile taken with its key held; closing releases the key (once). */
    public final class Claim implements AutoCloseable {
        private final FlowFile flowFile;
        private final String key;
        private boolean released;

        private Claim(final FlowFile flowFile, final String key) {
            this.flowFile = flowFile;
            this.key = key;
        }

        public FlowFile flowFile() {
            return flowFile;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(key);
            }
        }
    }
}
