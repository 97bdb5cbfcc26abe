package io.nifiecommerce.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An EDI interchange of at least {@code targetBytes}, generated message by message as it is read: nothing is
 * stored, so the reader's heap is all that a multi-gigabyte file costs.
 */
final class GeneratedInterchange extends ChunkedStream {

    /** How a kind of interchange opens, closes and writes a message of {@code count} items starting at {@code first}. */
    interface Shape {

        String header();

        String message(long messageNumber, long first, int count);

        String trailer(long messages);

        /** Records the reader should produce per item. */
        int recordsPerItem();
    }

    /** EDIFACT IFTSTA D.01B, 1,000 statuses per message (see {@link FeedSamples}). */
    static final Shape IFTSTA = new Shape() {
        @Override
        public String header() {
            return FeedSamples.iftstaHeader();
        }

        @Override
        public String message(final long messageNumber, final long first, final int count) {
            return FeedSamples.iftstaMessage(messageNumber, first, count);
        }

        @Override
        public String trailer(final long messages) {
            return FeedSamples.iftstaTrailer(messages);
        }

        @Override
        public int recordsPerItem() {
            return 1;
        }
    };

    /**
     * X12 846 4010 from a 3PL, 1,000 items per transaction set, each a distinct SKU whose available quantity is
     * broken down over two warehouses by SDQ (two stock records per item), as in the reference sample.
     */
    static final Shape X12_846 = new Shape() {
        @Override
        public String header() {
            return "ISA*00*          *00*          *ZZ*ACME3PL        *ZZ*SHOPERP        *260301*0600*U*00401*000000102*0*P*>~\n"
                    + "GS*IB*ACME3PL*SHOPERP*20260301*0600*102*X*004010~\n";
        }

        @Override
        public String message(final long messageNumber, final long first, final int count) {
            final String control = String.format(Locale.ROOT, "%09d", messageNumber);
            final StringBuilder out = new StringBuilder(count * 90);
            out.append("ST*846*").append(control).append("~\nBIA*00*DD*INV-").append(messageNumber).append("*20260301~\n");
            for (long item = first; item < first + count; item++) {
                final long available = item % 500;
                out.append("LIN*").append(item - first + 1).append("*SK*SKU-").append(String.format(Locale.ROOT, "%09d", item))
                        .append("~\nQTY*33*").append(available).append("*EA~\nSDQ*EA*92*WH01*").append(available / 2)
                        .append("*WH02*").append(available - available / 2).append("~\n");
            }
            out.append("CTT*").append(count).append("~\nSE*").append(3 * count + 4).append('*').append(control).append("~\n");
            return out.toString();
        }

        @Override
        public String trailer(final long messages) {
            return "GE*" + messages + "*102~\nIEA*1*000000102~\n";
        }

        @Override
        public int recordsPerItem() {
            return 2;
        }
    };

    static final int ITEMS_PER_MESSAGE = 1000;

    private final Shape shape;
    private final long targetBytes;
    private long messages;
    private long items;
    private boolean started;
    private boolean finished;

    GeneratedInterchange(final Shape shape, final long targetBytes) {
        this.shape = shape;
        this.targetBytes = targetBytes;
    }

    /** Records a complete read must produce (once the stream is exhausted). */
    long expectedRecords() {
        return items * shape.recordsPerItem();
    }

    @Override
    protected byte[] nextChunk() {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            return shape.header().getBytes(StandardCharsets.UTF_8);
        }
        if (bytes() >= targetBytes) {
            finished = true;
            return shape.trailer(messages).getBytes(StandardCharsets.UTF_8);
        }
        messages++;
        final byte[] message = shape.message(messages, items, ITEMS_PER_MESSAGE).getBytes(StandardCharsets.UTF_8);
        items += ITEMS_PER_MESSAGE;
        return message;
    }
}
