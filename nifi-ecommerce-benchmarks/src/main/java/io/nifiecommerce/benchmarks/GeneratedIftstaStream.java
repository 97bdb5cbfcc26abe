package io.nifiecommerce.benchmarks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** An IFTSTA interchange of at least {@code targetBytes}, generated message by message as it is read: nothing is stored. */
final class GeneratedIftstaStream extends InputStream {

    private final long targetBytes;
    private long produced;
    private long messages;
    private long events;
    private byte[] chunk;
    private int position;
    private boolean finished;

    GeneratedIftstaStream(final long targetBytes) {
        this.targetBytes = targetBytes;
        this.chunk = FeedSamples.iftstaHeader().getBytes(StandardCharsets.UTF_8);
    }

    long events() {
        return events;
    }

    long bytes() {
        return produced;
    }

    @Override
    public int read() {
        final byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) {
        if (length == 0) {
            return 0;
        }
        while (position >= chunk.length) {
            if (finished) {
                return -1;
            }
            next();
        }
        final int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        produced += n;
        return n;
    }

    private void next() {
        position = 0;
        if (produced >= targetBytes) {
            chunk = FeedSamples.iftstaTrailer(messages).getBytes(StandardCharsets.UTF_8);
            finished = true;
            return;
        }
        messages++;
        chunk = FeedSamples.iftstaMessage(messages, events, FeedSamples.IFTSTA_PER_MESSAGE).getBytes(StandardCharsets.UTF_8);
        events += FeedSamples.IFTSTA_PER_MESSAGE;
    }
}
