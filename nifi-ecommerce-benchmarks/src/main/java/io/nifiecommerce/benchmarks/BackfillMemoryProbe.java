package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.shopify.order.BulkOrderExport;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM of {@link MemoryBenchmark}: a bulk backfill of every order of the shop through the bundle's
 * BulkOrderExport, each order mapped to the canonical model and serialised as a FlowFile's record would
 * be, streamed to nowhere. Args: Shopify base URL, access token, expected orders.
 */
public final class BackfillMemoryProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BackfillMemoryProbe() {
    }

    public static void main(final String[] args) throws Exception {
        final HeapWatcher heap = new HeapWatcher();
        final long expected = Long.parseLong(args[2]);
        final ShopifyConnection connection = new ShopifyConnection(args[0], args[1], 5);
        final BulkOrderExport export = new BulkOrderExport(connection.client);
        final long start = System.nanoTime();
        final String id = export.start("");
        BulkOrderExport.Status status = export.status(id);
        while (status.running()) {
            Thread.sleep(250);
            status = export.status(id);
        }
        if (!status.completed()) {
            throw new IllegalStateException("Bulk operation ended " + status);
        }
        final AtomicLong bytes = new AtomicLong();
        final OutputStream sink = new OutputStream() {
            @Override
            public void write(final int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(final byte[] b, final int off, final int len) {
                bytes.addAndGet(len);
            }
        };
        final long orders = export.read(URI.create(status.url()), node -> {
            final Order order = ShopifyOrderMapper.fromGraphQl(node);
            try {
                MAPPER.writeValue(new NonClosing(sink), order);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(heap.resultLine("orders=" + orders + " expected=" + expected + " recordBytes=" + bytes.get() + " seconds=" + seconds
                + " complete=" + (orders == expected)));
    }

    /** Jackson closes the target after writeValue; the sink lives on. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream target;

        NonClosing(final OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(final int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            target.write(b, off, len);
        }
    }
}
