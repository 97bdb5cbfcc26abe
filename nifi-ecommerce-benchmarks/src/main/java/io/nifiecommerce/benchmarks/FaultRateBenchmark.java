package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Orders per second of the bundle's BC write path against the injected fault rate (every fault kind,
 * lost acknowledgements included), each order checked to be in BC exactly once. Writes the plot.
 */
final class FaultRateBenchmark {

    static final double[] RATES = {0, 0.05, 0.1, 0.2, 0.3};

    private final Sandbox sandbox;
    private final Duration latency;
    private final int orders;
    private final int repeats;

    FaultRateBenchmark(final Sandbox sandbox, final Duration latency, final int orders, final int repeats) {
        this.sandbox = sandbox;
        this.latency = latency;
        this.orders = orders;
        this.repeats = repeats;
    }

    String run(final Path svg, final String svgLink) throws Exception {
        final MarkdownTable table = new MarkdownTable("Fault rate", "Orders/s (median)", "Requests / 1,000 orders (median)", "Resubmission rounds (max)",
                "Faults injected (sum)", "Duplicates", "Missing", "Failed");
        final List<double[]> points = new ArrayList<>();
        final List<List<Double>> rates = new ArrayList<>();
        for (int i = 0; i < RATES.length; i++) {
            rates.add(new ArrayList<>());
        }
        final List<List<BundleOrderWriter.Delivery>> deliveries = new ArrayList<>();
        final long[] faults = new long[RATES.length];
        final long[] duplicates = new long[RATES.length];
        final long[] missing = new long[RATES.length];
        for (int i = 0; i < RATES.length; i++) {
            deliveries.add(new ArrayList<>());
        }
        sandbox.reset();
        sandbox.faults().plan(FaultPlan.NONE.withLatency(latency));
        new BundleOrderWriter(new BcConnection(sandbox), sandbox.bcWebCustomer()).deliver(CanonicalOrders.retail("WU", orders, sandbox.seed().variants()));
        // repeats interleave the rates so that a change in machine load hits every rate alike
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < RATES.length; i++) {
                sandbox.reset();
                sandbox.faults().plan(FaultPlan.NONE.withLatency(latency));
                final BcConnection connection = new BcConnection(sandbox);
                sandbox.faults().plan(FaultPlan.all(RATES[i]).withLatency(latency).withTimeoutHold(Duration.ofSeconds(1)));
                final List<Order> batch = CanonicalOrders.retail(String.format(Locale.ROOT, "FR%d-%d", r, i), orders, sandbox.seed().variants());
                final BundleOrderWriter.Delivery delivery = new BundleOrderWriter(connection, sandbox.bcWebCustomer()).deliver(batch);
                sandbox.faults().plan(FaultPlan.NONE);
                deliveries.get(i).add(delivery);
                rates.get(i).add(delivery.ordersPerSecond());
                faults[i] += sandbox.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("faults.")).mapToLong(e -> e.getValue()).sum();
                duplicates[i] += sandbox.stats().get("bc.duplicates");
                missing[i] += missing(batch);
                System.out.printf(Locale.ROOT, "  fault rate %.2f: %d orders in %.2f s (%.1f/s), %d requests, %d rounds, %d failed%n", RATES[i], delivery.orders(),
                        delivery.seconds(), delivery.ordersPerSecond(), delivery.requests(), delivery.rounds(), delivery.failed());
            }
        }
        for (int i = 0; i < RATES.length; i++) {
            final double median = Medians.of(rates.get(i));
            points.add(new double[] {RATES[i], median});
            table.row(String.format(Locale.ROOT, "%.0f %%", RATES[i] * 100), median,
                    Medians.of(deliveries.get(i).stream().map(BundleOrderWriter.Delivery::requestsPerThousand).toList()),
                    deliveries.get(i).stream().mapToInt(BundleOrderWriter.Delivery::rounds).max().orElse(0), faults[i], duplicates[i], missing[i],
                    deliveries.get(i).stream().mapToInt(BundleOrderWriter.Delivery::failed).sum());
        }
        new SvgLinePlot("Bundle BC writes under injected faults", "injected fault rate (share of HTTP requests)", "orders per second",
                points).write(svg);
        return "## Orders per second against injected fault rate\n\n"
                + "The bundle's BC write path (" + orders + " orders of 3 lines per run, " + repeats + " runs per rate, interleaved) with every fault kind of"
                + " the sandbox enabled at the given share of requests: 429, 500/503, timeouts (held 1 s, then the connection closed), connection resets,"
                + " truncated bodies, and writes applied before the answer is lost. Latency median " + latency.toMillis() + " ms. Orders still RETRY after"
                + " the submitter's three attempts are resubmitted after a 1 s penalty, as the `retry` relationship does. After each run every"
                + " order is checked in BC: exactly once.\n\n"
                + table.render() + "\n![orders per second against fault rate](" + svgLink + ")\n\n";
    }

    private long missing(final List<Order> batch) {
        final Set<String> present = new HashSet<>();
        for (final JsonNode order : sandbox.businessCentral().company(sandbox.bcCompanyName()).salesOrders()) {
            present.add(order.path("externalDocumentNumber").asText());
        }
        return batch.stream().filter(o -> !present.contains(o.name().toUpperCase(Locale.ROOT))).count();
    }
}
