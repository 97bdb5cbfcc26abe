package io.nifiecommerce.benchmarks;

import io.nifiecommerce.tracking.CarrierRegistry;
import io.nifiecommerce.tracking.EdiFeedParser;
import io.nifiecommerce.tracking.SourceFormat;
import io.nifiecommerce.tracking.StatusMapping;
import io.nifiecommerce.tracking.TrackingEventAssembler;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.ZoneId;

/**
 * Child JVM of {@link MemoryBenchmark}: an IFTSTA interchange of the given size, generated while it is
 * read, through the bundle's EDI tracking parser and event assembler. Arg: bytes.
 */
public final class EdiMemoryProbe {

    private EdiMemoryProbe() {
    }

    public static void main(final String[] args) throws Exception {
        final HeapWatcher heap = new HeapWatcher();
        final long target = Long.parseLong(args[0]);
        final GeneratedInterchange generated = new GeneratedInterchange(GeneratedInterchange.IFTSTA, target);
        final EdiFeedParser parser = new EdiFeedParser(SourceFormat.IFTSTA, ZoneId.of("Europe/Paris"));
        final TrackingEventAssembler assembler = new TrackingEventAssembler(CarrierRegistry.builtIn(), StatusMapping.builtIn(), null);
        final long[] counts = new long[2];
        final long start = System.nanoTime();
        try (InputStream in = new BufferedInputStream(generated, 65_536)) {
            parser.parse(in, event -> {
                counts[0]++;
                if (assembler.assemble(SourceFormat.IFTSTA, event).carrierValid()) {
                    counts[1]++;
                }
            });
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(heap.resultLine("bytes=" + generated.bytes() + " events=" + counts[0] + " expected=" + generated.expectedRecords()
                + " validCarrier=" + counts[1] + " seconds=" + seconds + " complete=" + (counts[0] == generated.expectedRecords())));
    }
}
