package io.nifiecommerce.benchmarks;

import io.nifiecommerce.tracking.SourceFormat;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing: events per second per core per format, the bundle's parsers against a raw read of the same bytes (JMH, {@link TrackingParseBench}). */
final class ParsingBenchmark {

    private final boolean quick;

    ParsingBenchmark(final boolean quick) {
        this.quick = quick;
    }

    /** Parses each sample once outside JMH: the events counted must be the events generated. */
    static Map<String, String> preflight() throws Exception {
        final Map<String, String> checks = new HashMap<>();
        for (final String format : List.of("IFTSTA", "X12_214", "LAPOSTE_JSON", "CSV")) {
            final TrackingParseBench bench = new TrackingParseBench();
            bench.format = format;
            bench.setUp();
            final long parsed = bench.parse();
            final long valid = bench.parseAndAssemble();
            final int expected = FeedSamples.eventsIn(SourceFormat.valueOf(format), TrackingParseBench.EVENTS);
            if (parsed != expected) {
                throw new IllegalStateException(format + ": parsed " + parsed + " events of " + expected);
            }
            checks.put(format, parsed + " / " + valid);
        }
        return checks;
    }

    String run() throws Exception {
        final Map<String, String> checks = preflight();
        final Options options = new OptionsBuilder()
                .include(TrackingParseBench.class.getName() + "\\.")
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true)
                .build();
        final Collection<RunResult> results = new Runner(options).run();
        final Map<String, double[]> byFormat = new HashMap<>();
        for (final RunResult result : results) {
            final String format = result.getParams().getParam("format");
            final String method = result.getParams().getBenchmark().substring(result.getParams().getBenchmark().lastIndexOf('.') + 1);
            final double[] scores = byFormat.computeIfAbsent(format, f -> new double[6]);
            final int slot = switch (method) {
                case "raw" -> 0;
                case "parse" -> 1;
                default -> 2;
            };
            scores[slot] = result.getPrimaryResult().getScore();
            scores[slot + 3] = result.getPrimaryResult().getScoreError();
        }
        final MarkdownTable table = new MarkdownTable("Format", "Raw read (events/s)", "Bundle parser (events/s)", "Parser + carrier + status (events/s)",
                "Parser / raw", "Full / raw", "Bytes per event", "Events parsed / valid carrier (check)");
        for (final String format : List.of("IFTSTA", "X12_214", "LAPOSTE_JSON", "CSV")) {
            final double[] s = byFormat.get(format);
            if (s == null) {
                continue;
            }
            final int events = FeedSamples.eventsIn(SourceFormat.valueOf(format), TrackingParseBench.EVENTS);
            final double bytes = FeedSamples.of(SourceFormat.valueOf(format), TrackingParseBench.EVENTS).length / (double) events;
            table.row(format, s[0] * events, s[1] * events, s[2] * events, s[1] / s[0], s[2] / s[0], bytes, checks.get(format));
        }
        return "## Parsing (events per second per core)\n\n"
                + "JMH 1.37, throughput mode, 1 fork, 1 thread, " + (quick ? "1 x 1 s warm-up, 2 x 1 s" : "3 x 1 s warm-up, 5 x 1 s")
                + " measurement; one operation reads a feed of " + TrackingParseBench.EVENTS + " status events from memory (synthetic Colissimo"
                + " consignments; `FeedSamples`). Raw read: every StAEDI event with its text (EDIFACT, X12; control-structure validation on, as in the"
                + " parser), every Jackson token with its text (JSON), a byte scan for delimiters (CSV). Ratios are within the same JMH run.\n\n"
                + table.render() + "\n";
    }
}
