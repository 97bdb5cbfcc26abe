package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import io.nifiecommerce.tracking.CarrierRegistry;
import io.nifiecommerce.tracking.FeedFormatDetector;
import io.nifiecommerce.tracking.SourceFormat;
import io.nifiecommerce.tracking.StatusMapping;
import io.nifiecommerce.tracking.TrackingEventAssembler;
import io.nifiecommerce.tracking.TrackingFeedParser;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * JMH: one operation reads a whole feed of {@link #EVENTS} status events from memory, single
 * threaded, so operations/s x events is events per second per core. {@code raw} is the floor of the
 * format: every StAEDI event or Jackson token with its text (for CSV, Jackson's CSV parser: every
 * cell of every row); {@code parse} is the bundle's parser; {@code parseAndAssemble} adds
 * carrier detection with check digits and status mapping (what ParseCarrierTracking does per event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrackingParseBench {

    static final int EVENTS = 5_000;
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final JsonFactory JSON = new JsonFactory();
    private static final CsvFactory CSV = new CsvFactory();

    @Param({"IFTSTA", "X12_214", "LAPOSTE_JSON", "CSV"})
    public String format;

    private byte[] feed;
    private SourceFormat sourceFormat;
    private TrackingFeedParser parser;
    private TrackingEventAssembler assembler;

    @Setup
    public void setUp() {
        sourceFormat = SourceFormat.valueOf(format);
        feed = FeedSamples.of(sourceFormat, EVENTS);
        parser = FeedFormatDetector.parserFor(sourceFormat, ZONE, null);
        assembler = new TrackingEventAssembler(CarrierRegistry.builtIn(), StatusMapping.builtIn(), null);
    }

    @Benchmark
    public long raw() throws Exception {
        try (InputStream in = new ByteArrayInputStream(feed)) {
            return switch (sourceFormat) {
                case IFTSTA, X12_214 -> rawEdi(in);
                case CSV -> rawTokens(CSV.createParser(in));
                default -> rawTokens(JSON.createParser(in));
            };
        }
    }

    @Benchmark
    public long parse() throws Exception {
        final long[] count = new long[1];
        try (InputStream in = new ByteArrayInputStream(feed)) {
            parser.parse(in, event -> count[0]++);
        }
        return count[0];
    }

    @Benchmark
    public long parseAndAssemble() throws Exception {
        final long[] count = new long[1];
        try (InputStream in = new ByteArrayInputStream(feed)) {
            parser.parse(in, event -> {
                if (assembler.assemble(sourceFormat, event).carrierValid()) {
                    count[0]++;
                }
            });
        }
        return count[0];
    }

    static long rawEdi(final InputStream in) throws Exception {
        final EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        long length = 0;
        try (EDIStreamReader reader = factory.createEDIStreamReader(in)) {
            while (reader.hasNext()) {
                if (reader.next() == EDIStreamEvent.ELEMENT_DATA) {
                    length += reader.getText().length();
                }
            }
        }
        return length;
    }

    /** Every Jackson token, with the text of every name and scalar (for CSV, every cell of every row). */
    static long rawTokens(final JsonParser parser) throws IOException {
        long length = 0;
        try (JsonParser json = parser) {
            JsonToken token;
            while ((token = json.nextToken()) != null) {
                if (token.isScalarValue() || token == JsonToken.FIELD_NAME) {
                    length += json.getText().length();
                }
            }
        }
        return length;
    }
}
