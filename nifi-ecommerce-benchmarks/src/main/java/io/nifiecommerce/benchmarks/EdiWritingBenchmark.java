package io.nifiecommerce.benchmarks;

import io.nifiecommerce.edi.EdiInterchange;
import io.nifiecommerce.edi.EdiInterchangeReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EDI writing: interchanges per second per core per message, the bundle's writers against StAEDI writing the same
 * segments without validation (JMH, {@link EdiWriteBench}), at the standard of {@link ParsingBenchmark}: both writes of a
 * message back to back in one round, the rounds repeating the messages in turn, ratios taken within a round.
 */
final class EdiWritingBenchmark {

    private static final List<String> MESSAGES = List.of("ORDERS_D96A", "X12_940", "ORDRSP");
    private static final List<String> WRITES = List.of("raw", "write");

    private final boolean quick;
    private final int rounds;

    EdiWritingBenchmark(final boolean quick) {
        this.quick = quick;
        this.rounds = quick ? 1 : 3;
    }

    /**
     * Outside JMH: every interchange the bundle writes reads back valid (StAEDI, control structure validated), and the raw
     * write of its segments gives the same bytes, so that both sides write the same thing.
     */
    static Map<String, String> preflight() throws Exception {
        final Map<String, String> checks = new HashMap<>();
        for (final String message : MESSAGES) {
            final EdiWriteBench bench = new EdiWriteBench();
            bench.message = message;
            bench.setUp();
            int valid = 0;
            int segments = 0;
            long bytes = 0;
            for (final String interchange : bench.written()) {
                final List<EdiInterchange> read = EdiInterchangeReader.read(new ByteArrayInputStream(interchange.getBytes(StandardCharsets.UTF_8)));
                valid += read.size() == 1 && read.get(0).messages().size() == 1 ? 1 : 0;
                segments += read.get(0).messages().get(0).segments().size();
                bytes += interchange.getBytes(StandardCharsets.UTF_8).length;
            }
            if (valid != EdiWriteBench.INTERCHANGES) {
                throw new IllegalStateException(message + ": " + valid + " of " + EdiWriteBench.INTERCHANGES + " interchanges read back valid");
            }
            final long rawBytes = bench.raw();
            if (rawBytes != bytes) {
                throw new IllegalStateException(message + ": the raw write gives " + rawBytes + " bytes, the bundle " + bytes);
            }
            checks.put(message, valid + " / " + EdiWriteBench.INTERCHANGES + ";" + (segments / (double) valid) + ";" + bytes / (double) valid);
        }
        return checks;
    }

    String run() throws Exception {
        final Map<String, String> checks = preflight();
        final Map<String, Map<String, List<Double>>> scores = JmhRounds.run("edi writing", EdiWriteBench.class, "message", MESSAGES, WRITES,
                rounds, quick);
        final MarkdownTable table = new MarkdownTable("Message", "StAEDI raw write (interchanges/s)", "**Bundle writer (interchanges/s)**",
                "Bundle / raw", "Bundle / raw, min-max of rounds", "Segments per message", "Bytes per interchange", "Read back valid (check)");
        final int n = EdiWriteBench.INTERCHANGES;
        for (final String message : MESSAGES) {
            final Map<String, List<Double>> byWrite = scores.get(message);
            final List<Double> ratios = JmhRounds.ratios(byWrite.get("write"), byWrite.get("raw"));
            final String[] check = checks.get(message).split(";");
            table.row(message, Medians.of(byWrite.get("raw")) * n, Medians.of(byWrite.get("write")) * n, Medians.of(ratios),
                    String.format(Locale.ROOT, "%.2f-%.2f", Medians.min(ratios), Medians.max(ratios)), Double.parseDouble(check[1]),
                    Double.parseDouble(check[2]), check[0]);
        }
        return "## EDI writing (interchanges per second per core)\n\n"
                + "JMH 1.37, throughput mode, one fork per message, 1 thread, " + JmhRounds.iterations(quick)
                + " measurement; one operation writes " + n + " interchanges of one message each (" + EdiWriteBench.LINES + " lines) into"
                + " memory. " + rounds + " round(s); in each round a message's two writes run back to back and the ratio is taken within the"
                + " round: medians of the rounds shown. Bundle: `ShippingOrderWriter` (ORDERS D.96A, X12 940) and `OrderResponseWriter`"
                + " (ORDRSP, lines accepted, changed and refused): values checked and cut, control numbers derived (SHA-256), StAEDI's"
                + " control-structure validation on. Raw: StAEDI's writer given the very segments the bundle wrote, element by element, no"
                + " schema: the floor of the same bytes (checked equal before the runs). The check reads every interchange written back with"
                + " `EdiInterchangeReader` (validation on). Reading is measured in *Parsing* and in `docs/benchmarks-tracking.md`.\n\n"
                + table.render() + "\n";
    }
}
