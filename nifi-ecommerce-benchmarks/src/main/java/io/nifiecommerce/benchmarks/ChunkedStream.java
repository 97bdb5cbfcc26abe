package io.nifiecommerce.benchmarks;

import java.io.InputStream;

/** An input stream made chunk by chunk as it is read, so that a benchmark input of any size is never held whole. */
abstract class ChunkedStream extends InputStream {

    private byte[] chunk = new byte[0];
    private int position;
    private long produced;

    /** The next chunk, or null at the end of the stream. */
    protected abstract byte[] nextChunk();

    /** Bytes read so far. */
    final long bytes() {
        return produced;
    }

    @Override
    public final int read() {
        final byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(final byte[] buffer, final int offset, final int length) {
        if (length == 0) {
            return 0;
        }
        while (position >= chunk.length) {
            final byte[] next = nextChunk();
            if (next == null) {
                return -1;
            }
            chunk = next;
            position = 0;
        }
        final int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        produced += n;
        return n;
    }
}
