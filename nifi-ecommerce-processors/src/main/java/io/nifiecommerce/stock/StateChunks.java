package io.nifiecommerce.stock;

import java.util.HashMap;
import java.util.Map;

/**
 * A long text kept in NiFi cluster state as numbered chunks: ZooKeeper writes each value with writeUTF, 65,535 bytes at
 * most. {@code <prefix>chunks} holds the count, {@code <prefix>0}... the parts.
 */
public final class StateChunks {

    static final int CHUNK_CHARS = 60_000;

    private StateChunks() {
    }

    /** The entries holding {@code text} under {@code prefix}. */
    public static Map<String, String> split(final String prefix, final String text) {
        final Map<String, String> state = new HashMap<>();
        int chunks = 0;
        for (int from = 0; from < text.length(); from += CHUNK_CHARS) {
            state.put(prefix + chunks++, text.substring(from, Math.min(from + CHUNK_CHARS, text.length())));
        }
        state.put(prefix + "chunks", Integer.toString(chunks));
        return state;
    }

    /** The text written by {@link #split}; null when absent or incomplete (a chunk missing). */
    public static String join(final String prefix, final Map<String, String> state) {
        final String count = state.get(prefix + "chunks");
        if (count == null) {
            return null;
        }
        final StringBuilder text = new StringBuilder();
        try {
            for (int i = 0; i < Integer.parseInt(count); i++) {
                final String chunk = state.get(prefix + i);
                if (chunk == null) {
                    return null;
                }
                text.append(chunk);
            }
        } catch (final NumberFormatException e) {
            return null;
        }
        return text.toString();
    }
}
