package io.nifiecommerce.benchmarks;

import io.nifiecommerce.tracking.SourceFormat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsing: events per second per core per format, the bundle's parsers against a raw read of the same bytes (JMH,
 * {@link TrackingParseBench}). The three reads of a format run back to back in one round, and the rounds repeat
 * the formats in turn: on a shared machine a neighbour's burst then hits one round, not one read of every round,
 * so the ratios are taken within a round and their median reported.
 */
final class ParsingBenchmark {

    private static final List<String> FORMATS = List.of("IFTSTA", "X12_214", "LAPOSTE_JSON", "CSV");
    private static final List<String> READS = List.of("raw", "parse", "parseAndAssemble");

    private final boolean quick;
    private final int rounds;

    ParsingBenchmark(final boolean quick) {
        this.quick = quick;
        this.rounds = quick ? 1 : 3;
    }

    /** Parses each sample once outside JMH: the events counted must be the events generated. */
    static Map<String, String> preflight() throws Exception {
        final Map<String, String> checks = new HashMap<>();
        for (final String format : FORMATS) {
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
        // format -> read -> operations/s of each round
        final Map<String, Map<String, List<Double>>> scores = JmhRounds.run("parsing", TrackingParseBench.class, "format", FORMATS, READS,
                rounds, quick);
        final MarkdownTable table = new MarkdownTable("Format", "Raw read (events/s)", "Bundle parser (events/s)",
                "Parser + carrier + status (events/s)", "Parser / raw", "**Full / raw**", "Full / raw, min-max of rounds", "Bytes per event",
                "Events parsed / valid carrier (check)");
        for (final String format : FORMATS) {
            final Map<String, List<Double>> byRead = scores.get(format);
            final int events = FeedSamples.eventsIn(SourceFormat.valueOf(format), TrackingParseBench.EVENTS);
            final double bytes = FeedSamples.of(SourceFormat.valueOf(format), TrackingParseBench.EVENTS).length / (double) events;
            final List<Double> parseRatios = JmhRounds.ratios(byRead.get("parse"), byRead.get("raw"));
            final List<Double> fullRatios = JmhRounds.ratios(byRead.get("parseAndAssemble"), byRead.get("raw"));
            table.row(format, Medians.of(byRead.get("raw")) * events, Medians.of(byRead.get("parse")) * events,
                    Medians.of(byRead.get("parseAndAssemble")) * events, Medians.of(parseRatios), Medians.of(fullRatios),
                    String.format(Locale.ROOT, "%.2f-%.2f", Medians.min(fullRatios), Medians.max(fullRatios)), bytes, checks.get(format));
        }
        return "## Parsing (events per second per core)\n\n"
                + "JMH 1.37, throughput mode, one fork per read, 1 thread, " + JmhRounds.iterations(quick)
                + " measurement; one operation reads a feed of " + TrackingParseBench.EVENTS + " status events from memory (synthetic Colissimo"
                + " consignments; `FeedSamples`). " + rounds + " round(s); in each round every format's three reads run back to back, and"
                + " the ratios are taken within the round: medians of the rounds shown. Raw read: every StAEDI event with its text (EDIFACT,"
                + " X12; control-structure validation on, as in the parser), every Jackson token with its text (JSON), every cell of every"
                + " row read by Jackson's CSV parser (`jackson-dataformat-csv`, CSV). \"Full\" is what ParseCarrierTracking does per event"
                + " short of the Record Writer: parse, carrier detection with check digits, status mapping, the event built.\n\n"
                + table.render() + "\n";
    }
}
