package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated-measure benchmark of the tracking parsers against a raw read of the same bytes (StAEDI events, Jackson
 * tokens, Jackson CSV cells). Single thread; times are the thread's CPU time, so events/s is per core even on a shared machine. Run:
 * {@code java -Xmx64m -cp <test classpath> io.nifiecommerce.tracking.TrackingFeedBenchmark [events] [dir]}.
 */
public final class TrackingFeedBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final String[] IFTSTA_CODES = {"13", "31", "31", "23", "21"};
    private static final String[] AT7_CODES = {"AF", "X6", "X1", "D1"};
    private static final String[] LAPOSTE_CODES = {"DR1", "PC1", "ET1", "MD2", "DI1"};
    private static final String[] CSV_STATUSES = {"PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"};
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final int MEASURED = Integer.getInteger("bench.measured", 9);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TrackingFeedBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tracking-bench");
        Files.createDirectories(dir);
        final Path iftsta = dir.resolve("iftsta.edi");
        final Path x12 = dir.resolve("x12-214.edi");
        final Path laPoste = dir.resolve("laposte.json");
        final Path csv = dir.resolve("tracking.csv");
        writeIftsta(iftsta, events);
        writeX12(x12, events);
        writeLaPoste(laPoste, events);
        writeCsv(csv, events);
        System.out.printf(Locale.ROOT, "java %s, %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "CPU ms are the benchmark thread's CPU time (median of %d after %d warm-ups); events/s = events per CPU second%n",
                MEASURED, WARMUP);
        System.out.printf(Locale.ROOT, "%-12s %10s %8s %9s %9s %9s %12s %12s %7s %7s %9s %8s%n", "feed", "bytes", "events", "raw cpu",
                "parse cpu", "full cpu", "parse ev/s", "full ev/s", "r.parse", "r.full", "full wall", "heap MB");
        final String feeds = args.length > 2 ? args[2] : "iftsta,x12,laposte,csv";
        if (feeds.contains("iftsta")) {
            run("IFTSTA", iftsta, events, new EdiFeedParser(SourceFormat.IFTSTA, ZONE), TrackingFeedBenchmark::rawEdi);
        }
        if (feeds.contains("x12")) {
            run("X12 214", x12, events, new EdiFeedParser(SourceFormat.X12_214, ZONE), TrackingFeedBenchmark::rawEdi);
        }
        if (feeds.contains("laposte")) {
            run("LaPoste JSON", laPoste, events, new LaPosteSuiviParser(ZONE), TrackingFeedBenchmark::rawJson);
        }
        if (feeds.contains("csv")) {
            run("CSV", csv, events, new CsvTrackingParser(CsvColumnMapping.defaults(), ZONE), TrackingFeedBenchmark::rawCsv);
        }
    }

    @FunctionalInterface
    private interface RawRead {
        long read(InputStream in) throws Exception;
    }

    private static void run(final String name, final Path file, final int expected, final TrackingFeedParser parser, final RawRead raw)
            throws Exception {
        final long[] fullNanos = new long[MEASURED];
        final long[] parseNanos = new long[MEASURED];
        final long[] rawNanos = new long[MEASURED];
        final long[] wallNanos = new long[MEASURED];
        long peakHeap = 0;
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            // raw read, parse only and parse + carrier detection + status mapping, interleaved so load drifts hit all three
            final long rawStart = THREADS.getCurrentThreadCpuTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65_536)) {
                raw.read(in);
            }
            final long rawTime = THREADS.getCurrentThreadCpuTime() - rawStart;
            final long[] parsed = new long[1];
            final long parseStart = THREADS.getCurrentThreadCpuTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65_536)) {
                parser.parse(in, event -> parsed[0]++);
            }
            final long parseTime = THREADS.getCurrentThreadCpuTime() - parseStart;
            final TrackingEventAssembler assembler = new TrackingEventAssembler(CarrierRegistry.builtIn(), StatusMapping.builtIn(), null);
            final long[] counts = new long[2];
            final long wallStart = System.nanoTime();
            final long start = THREADS.getCurrentThreadCpuTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65_536)) {
                parser.parse(in, event -> {
                    final TrackingEvent assembled = assembler.assemble(parser.format(), event);
                    counts[0]++;
                    if (assembled.carrierValid() && assembled.status() != TrackingStatus.UNKNOWN) {
                        counts[1]++;
                    }
                });
            }
            final long time = THREADS.getCurrentThreadCpuTime() - start;
            final long wall = System.nanoTime() - wallStart;
            if (parsed[0] != expected || counts[0] != expected || counts[1] != expected) {
                throw new IllegalStateException(name + ": " + counts[0] + " events, " + counts[1] + " valid and mapped, expected " + expected);
            }
            peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            if (i >= WARMUP) {
                fullNanos[i - WARMUP] = time;
                parseNanos[i - WARMUP] = parseTime;
                rawNanos[i - WARMUP] = rawTime;
                wallNanos[i - WARMUP] = wall;
            }
        }
        final double fullMs = median(fullNanos) / 1e6;
        final double parseMs = median(parseNanos) / 1e6;
        final double rawMs = median(rawNanos) / 1e6;
        final double wallMs = median(wallNanos) / 1e6;
        System.out.printf(Locale.ROOT, "%-12s %10d %8d %9.1f %9.1f %9.1f %12.0f %12.0f %7.2f %7.2f %9.1f %8d%n", name, Files.size(file), expected,
                rawMs, parseMs, fullMs, expected / (parseMs / 1000), expected / (fullMs / 1000), rawMs / parseMs, rawMs / fullMs, wallMs,
                peakHeap >> 20);
    }

    private static double median(final long[] values) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Every StAEDI event, touching each element's text, envelope validation on as in the parser. */
    private static long rawEdi(final InputStream in) throws Exception {
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

    private static final JsonFactory JSON = new JsonFactory();

    /** Every Jackson token, reading the text of each value. */
    private static long rawJson(final InputStream in) throws Exception {
        long length = 0;
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isScalarValue() || token == JsonToken.FIELD_NAME) {
                    length += parser.getText().length();
                }
            }
        }
        return length;
    }

    private static final CsvFactory CSV = new CsvFactory();

    /** Every cell of every row read by Jackson's CSV parser (no schema: rows as arrays), reading the text of each. */
    private static long rawCsv(final InputStream in) throws Exception {
        long length = 0;
        try (JsonParser parser = CSV.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isScalarValue()) {
                    length += parser.getText().length();
                }
            }
        }
        return length;
    }

    /** A carrier CSV export: one row per status, a quoted label holding the delimiter, the consignment's 4 statuses in turn. */
    private static void writeCsv(final Path file, final int events) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 65_536)) {
            out.write("tracking_number,status,status_label,event_time,order_reference,carrier,city,postal_code,country\n");
            for (int i = 0; i < events; i++) {
                out.write(colissimo(i / 4) + "," + CSV_STATUSES[i % 4] + ",\"Colis en cours, suivi\",2026-03-01T"
                        + String.format(Locale.ROOT, "%02d:%02d", 8 + i % 4, i % 60) + ":00+01:00,SO-" + i / 4 + ",colissimo,Paris,75015,FR\n");
            }
        }
    }

    static String colissimo(final int i) {
        final String serial = String.format(Locale.ROOT, "%010d", 1_500_000_000L + i);
        return "6A" + serial + new Mod10CheckDigit(3, 1, true, 0).compute(serial);
    }

    private static void writeIftsta(final Path file, final int events) throws IOException {
        // UNT counts have six digits at most: one message per 1000 statuses
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("UNB+UNOC:3+ACME3PL:ZZZ+SHOPERP:ZZZ+260301:1015+1001'\n");
            int messages = 0;
            int segments = 0;
            for (int i = 0; i < events; i++) {
                if (i % 1000 == 0) {
                    if (messages > 0) {
                        out.write("UNT+" + (segments + 1) + "+" + messages + "'\n");
                    }
                    messages++;
                    out.write("UNH+" + messages + "+IFTSTA:D:01B:UN'\nBGM+77+STS-BENCH-" + messages + "+9'\nDTM+137:202603011015:203'\n"
                            + "NAD+CA+COLISSIMO::92'\n");
                    segments = 4;
                }
                final String number = colissimo(i / 5);
                if (i % 5 == 0) {
                    out.write("CNI+" + (i / 5 + 1) + "+SO-" + (i / 5) + "'\n");
                    segments++;
                }
                out.write("STS+1+" + IFTSTA_CODES[i % 5] + "'\nRFF+CN:" + number + "'\nRFF+CU:SO-" + (i / 5) + "'\nDTM+334:20260301"
                        + String.format(Locale.ROOT, "%02d%02d", 8 + i % 5, i % 60) + ":203'\nLOC+7+75015::92:PARIS'\nFTX+AAI+++Suivi colis'\n");
                segments += 6;
            }
            out.write("UNT+" + (segments + 1) + "+" + messages + "'\nUNZ+" + messages + "+1001'\n");
        }
    }

    private static void writeX12(final Path file, final int events) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("ISA*00*          *00*          *ZZ*ACME3PL        *ZZ*SHOPERP        *260301*1015*U*00401*000000101*0*P*>~\n");
            out.write("GS*QM*ACME3PL*SHOPERP*20260301*1015*101*X*004010~\n");
            final int shipments = events / AT7_CODES.length;
            for (int s = 0; s < shipments; s++) {
                final String control = String.format(Locale.ROOT, "%04d", s % 10_000);
                out.write("ST*214*" + control + "~\nB10*" + colissimo(s) + "*SO-" + s + "*COLI~\nL11*SO-" + s + "*PO~\n");
                int segments = 3;
                for (int e = 0; e < AT7_CODES.length; e++) {
                    out.write("LX*" + (e + 1) + "~\nAT7*" + AT7_CODES[e] + "*NS***20260301*" + String.format(Locale.ROOT, "%02d%02d", 8 + e, s % 60)
                            + "*LT~\nMS1*PARIS**FR~\n");
                    segments += 3;
                }
                out.write("SE*" + (segments + 1) + "*" + control + "~\n");
            }
            out.write("GE*" + shipments + "*101~\nIEA*1*000000101~\n");
        }
    }

    private static void writeLaPoste(final Path file, final int events) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("[");
            final int shipments = events / LAPOSTE_CODES.length;
            for (int s = 0; s < shipments; s++) {
                if (s > 0) {
                    out.write(",\n");
                }
                out.write("{\"lang\":\"fr_FR\",\"scope\":\"open\",\"returnCode\":200,\"shipment\":{\"idShip\":\"" + colissimo(s)
                        + "\",\"holder\":4,\"product\":\"colissimo\",\"isFinal\":true,\"event\":[");
                for (int e = 0; e < LAPOSTE_CODES.length; e++) {
                    out.write((e > 0 ? "," : "") + "{\"code\":\"" + LAPOSTE_CODES[e] + "\",\"label\":\"Votre colis est en cours de traitement.\","
                            + "\"date\":\"2026-03-01T" + String.format(Locale.ROOT, "%02d:%02d", 8 + e, s % 60) + ":00+01:00\"}");
                }
                out.write("],\"timeline\":[{\"shortLabel\":\"Livré\",\"id\":5,\"status\":true}],\"url\":\"https://www.laposte.fr/outils/suivre-vos-envois?code="
                        + colissimo(s) + "\"}}");
            }
            out.write("]\n");
        }
    }
}
