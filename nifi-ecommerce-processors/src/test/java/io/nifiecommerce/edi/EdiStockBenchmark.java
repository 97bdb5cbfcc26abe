package io.nifiecommerce.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * EDI stock parsing throughput against a raw StAEDI read of the same bytes, and heap while streaming.
 * <pre>
 * java -cp ... io.nifiecommerce.edi.EdiStockBenchmark throughput /tmp/edi-bench 80
 * java -Xmx128m -cp ... io.nifiecommerce.edi.EdiStockBenchmark heap /tmp/edi-bench/846.edi
 * </pre>
 * Not a test: figures go to docs/benchmarks-stock.md.
 */
public final class EdiStockBenchmark {

    private static final int LINES_PER_MESSAGE = 10_000;

    private EdiStockBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput(Path.of(args[1]), Integer.parseInt(args[2]));
            case "heap" -> heap(Path.of(args[1]));
            default -> throw new IllegalArgumentException("throughput <dir> <MB> | heap <file>");
        }
    }

    private static void throughput(Path dir, int megabytes) throws IOException {
        Files.createDirectories(dir);
        final Path invrpt = dir.resolve("INVRPT.edi");
        final Path x12 = dir.resolve("846.edi");
        final long target = megabytes * 1_000_000L;
        if (!Files.exists(invrpt) || Files.size(invrpt) < target) {
            writeInvrpt(invrpt, target);
        }
        if (!Files.exists(x12) || Files.size(x12) < target) {
            writeX12(x12, target);
        }
        for (Path file : List.of(invrpt, x12)) {
            final long bytes = Files.size(file);
            final StockReadOptions options = StockReadOptions.defaults().withQuantityQualifiers(Set.of("145", "198", "33"));
            final long[] raw = new long[5];
            final long[] rawText = new long[5];
            final long[] stock = new long[5];
            long records = 0;
            long events = 0;
            for (int round = -2; round < 5; round++) { // two warm-up rounds
                long start = System.nanoTime();
                events = rawRead(file, false);
                final long r = System.nanoTime() - start;
                start = System.nanoTime();
                rawRead(file, true);
                final long rt = System.nanoTime() - start;
                start = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    records = EdiStockReader.read(in, options, record -> { });
                }
                final long s = System.nanoTime() - start;
                if (round >= 0) {
                    raw[round] = r;
                    rawText[round] = rt;
                    stock[round] = s;
                }
            }
            System.out.printf("%s: %.1f MB, %d StAEDI events, %d stock records%n", file.getFileName(), bytes / 1e6, events, records);
            System.out.printf("  raw StAEDI (events only)      median %6.0f ms  %6.1f MB/s%n", median(raw) / 1e6, bytes / 1e6 / (median(raw) / 1e9));
            System.out.printf("  raw StAEDI (events + getText) median %6.0f ms  %6.1f MB/s%n", median(rawText) / 1e6, bytes / 1e6 / (median(rawText) / 1e9));
            System.out.printf("  EdiStockReader                median %6.0f ms  %6.1f MB/s  %.0f records/s  ratio %.2f (vs events only) %.2f (vs +getText)%n",
                    median(stock) / 1e6, bytes / 1e6 / (median(stock) / 1e9), records / (median(stock) / 1e9),
                    (double) median(raw) / median(stock), (double) median(rawText) / median(stock));
        }
    }

    private static long rawRead(Path file, boolean text) throws IOException {
        long events = 0;
        long chars = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             EDIStreamReader reader = EDIInputFactory.newFactory().createEDIStreamReader(in)) {
            while (reader.hasNext()) {
                final EDIStreamEvent event = reader.next();
                events++;
                if (text && (event == EDIStreamEvent.ELEMENT_DATA || event == EDIStreamEvent.START_SEGMENT)) {
                    chars += reader.getText().length();
                }
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        return text && chars < 0 ? -1 : events;
    }

    private static long median(long[] values) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void heap(Path file) throws Exception {
        final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
                pool.resetPeakUsage();
            }
        }
        final AtomicLong sampledPeak = new AtomicLong();
        final Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            final Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        final long start = System.nanoTime();
        final long records;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            records = EdiStockReader.read(in, StockReadOptions.defaults(), record -> { });
        }
        final long elapsed = System.nanoTime() - start;
        sampler.interrupt();
        final long poolPeaks = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%s: %.1f MB, %d records in %.1f s with -Xmx%d MB: sampled peak heap used %.1f MB, sum of heap pool peaks %.1f MB%n",
                file.getFileName(), Files.size(file) / 1e6, records, elapsed / 1e9, Runtime.getRuntime().maxMemory() >> 20,
                sampledPeak.get() / 1e6, poolPeaks / 1e6);
    }

    /** An INVRPT interchange of messages of 10,000 LIN groups: LIN (GTIN), PIA (SKU), QTY+145, QTY+198. */
    static void writeInvrpt(Path file, long targetBytes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("UNB+UNOC:3+ACME3PL:ZZZ+SHOPERP:ZZZ+260301:0600+9001'");
            long written = 60;
            int messages = 0;
            int line = 0;
            while (written < targetBytes) {
                messages++;
                int segments = 0;
                final StringBuilder message = new StringBuilder(1 << 20);
                message.append("UNH+").append(messages).append("+INVRPT:D:96A:UN'BGM+35+INV").append(messages)
                        .append("+9'DTM+137:20260301:102'LOC+18+WH01::92'");
                segments += 4;
                for (int i = 0; i < LINES_PER_MESSAGE; i++) {
                    line++;
                    message.append("LIN+").append(i + 1).append("++").append(3_760_000_000_000L + line).append(":EN'")
                            .append("PIA+5+SKU-").append(line).append(":SA'")
                            .append("QTY+145:").append(line % 500).append("'QTY+198:").append(line % 37).append('\'');
                    segments += 4;
                }
                message.append("UNT+").append(segments + 1).append('+').append(messages).append('\'');
                out.write(message.toString());
                written += message.length();
            }
            out.write("UNZ+" + messages + "+9001'");
        }
    }

    /** An 846 interchange of transaction sets of 10,000 LIN loops: LIN (SK, UP), QTY*33, SDQ over two warehouses. */
    static void writeX12(Path file, long targetBytes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("ISA*00*          *00*          *ZZ*ACME3PL        *ZZ*SHOPERP        *260301*0600*U*00401*000009001*0*P*>~");
            out.write("GS*IB*ACME3PL*SHOPERP*20260301*0600*9001*X*004010~");
            long written = 160;
            int sets = 0;
            int line = 0;
            while (written < targetBytes) {
                sets++;
                int segments = 0;
                final StringBuilder set = new StringBuilder(1 << 20);
                final String control = String.format("%04d", sets % 10_000);
                set.append("ST*846*").append(control).append("~BIA*00*DD*INV").append(sets).append("*20260301~N1*WH*ACME 3PL LYON*92*WH01~");
                segments += 3;
                for (int i = 0; i < LINES_PER_MESSAGE; i++) {
                    line++;
                    final int quantity = line % 500;
                    set.append("LIN*").append(i + 1).append("*SK*SKU-").append(line).append("*UP*").append(100_000_000_000L + line).append('~')
                            .append("QTY*33*").append(quantity).append("*EA~")
                            .append("SDQ*EA*92*WH01*").append(quantity / 2).append("*WH02*").append(quantity - quantity / 2).append('~');
                    segments += 3;
                }
                set.append("CTT*").append(LINES_PER_MESSAGE).append("~SE*").append(segments + 2).append('*').append(control).append('~');
                out.write(set.toString());
                written += set.length();
            }
            out.write("GE*" + sets + "*9001~IEA*1*000009001~");
        }
    }
}
