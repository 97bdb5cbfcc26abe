package io.nifiecommerce.benchmarks;

import io.nifiecommerce.edi.EdiStockReader;
import io.nifiecommerce.edi.StockReadOptions;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * Child JVM of {@link MemoryBenchmark}: a 3PL's X12 846 inventory advice of the given size, generated while it is
 * read, through the reader behind EdiStockRecordReader (what PublishStockLevels reads a 3PL file with). Arg: bytes.
 */
public final class EdiStockMemoryProbe {

    private EdiStockMemoryProbe() {
    }

    public static void main(final String[] args) throws Exception {
        final HeapWatcher heap = new HeapWatcher();
        final GeneratedInterchange generated = new GeneratedInterchange(GeneratedInterchange.X12_846, Long.parseLong(args[0]));
        final long[] quantity = new long[1];
        final long start = System.nanoTime();
        final long records;
        try (InputStream in = new BufferedInputStream(generated, 65_536)) {
            records = EdiStockReader.read(in, StockReadOptions.defaults(), stock -> quantity[0] += stock.quantity());
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(heap.resultLine("bytes=" + generated.bytes() + " events=" + records + " expected=" + generated.expectedRecords()
                + " totalQuantity=" + quantity[0] + " seconds=" + seconds + " complete=" + (records == generated.expectedRecords())));
    }
}
