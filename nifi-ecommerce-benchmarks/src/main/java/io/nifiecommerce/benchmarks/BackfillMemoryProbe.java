package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.shopify.order.BulkOrderExport;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM of {@link MemoryBenchmark}: a bulk backfill through the bundle's streaming path
 * ({@link BulkOrderExport#reassemble}, {@link ShopifyOrderMapper}, one JSON record per order written
 * out as a FlowFile's content would be, here to nowhere). The JSONL is a real bulk result of the
 * sandbox, repeated with fresh order ids until the wanted count. Args: template file, repeats,
 * orders per template.
 */
public final class BackfillMemoryProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BackfillMemoryProbe() {
    }

    public static void main(final String[] args) throws Exception {
        final HeapWatcher heap = new HeapWatcher();
        final String template = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        final int repeats = Integer.parseInt(args[1]);
        final long expected = Long.parseLong(args[2]) * repeats;
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

            @Override
            public void close() {
                // Jackson closes its target after each record; the FlowFile stream stays open
            }
        };
        final long start = System.nanoTime();
        final long orders;
        try (InputStream in = new BufferedInputStream(new RepeatedJsonl(template, repeats), 65_536)) {
            orders = BulkOrderExport.reassemble(in, node -> {
                final Order order = ShopifyOrderMapper.fromGraphQl(node);
                try {
                    MAPPER.writeValue(sink, order);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(heap.resultLine("orders=" + orders + " expected=" + expected + " recordBytes=" + bytes.get() + " seconds=" + seconds
                + " complete=" + (orders == expected)));
    }

    /** The template's lines again and again, order ids prefixed by the repeat number so that every order is new. */
    private static final class RepeatedJsonl extends ChunkedStream {
        private final String template;
        private final int repeats;
        private int repeat;

        RepeatedJsonl(final String template, final int repeats) {
            this.template = template;
            this.repeats = repeats;
        }

        @Override
        protected byte[] nextChunk() {
            if (repeat >= repeats) {
                return null;
            }
            repeat++;
            return template.replace("gid://shopify/Order/", "gid://shopify/Order/" + repeat).getBytes(StandardCharsets.UTF_8);
        }
    }
}
