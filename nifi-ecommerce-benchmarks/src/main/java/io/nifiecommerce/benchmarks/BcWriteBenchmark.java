package io.nifiecommerce.benchmarks;

import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BC writes: HTTP requests per 1,000 orders of 3 lines and orders per second, the bundle's batched
 * path against two plain-OData baselines, in the same run, against the BC simulator at its online
 * limits (6000 requests per 5 minutes, 5 served at once) with log-normal latency on every request.
 */
final class BcWriteBenchmark {

    private final Sandbox sandbox;
    private final Duration latency;
    private final int rounds;
    private final int bundleOrders;
    private final int deepOrders;
    private final int naiveOrders;

    BcWriteBenchmark(final Sandbox sandbox, final Duration latency, final int rounds, final int bundleOrders, final int deepOrders,
                     final int naiveOrders) {
        this.sandbox = sandbox;
        this.latency = latency;
        this.rounds = rounds;
        this.bundleOrders = bundleOrders;
        this.deepOrders = deepOrders;
        this.naiveOrders = naiveOrders;
    }

    private record Row(String name, int orders, List<Double> requestsPerThousand, List<Double> ordersPerSecond, List<Double> failures) {
    }

    String run() throws Exception {
        final Row bundle = new Row("bundle: batched dedupe lookup + deep inserts in $batch of 100", bundleOrders, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final Row deep = new Row("deep insert per order, no $batch (+ lookup)", deepOrders, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final Row naive = new Row("header POST + one POST per line + lookup", naiveOrders, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final List<Double> speedupOverNaive = new ArrayList<>();
        final List<Double> speedupOverDeep = new ArrayList<>();
        final List<Long> duplicates = new ArrayList<>();
        final List<Long> missing = new ArrayList<>();
        warmUp();
        for (int round = 0; round < rounds; round++) {
            final String tag = "R" + round;
            prepare();
            final BcConnection connection = new BcConnection(sandbox);
            final List<Order> orders = CanonicalOrders.retail("BW" + tag, bundleOrders, sandbox.seed().variants());
            final BundleOrderWriter.Delivery delivery = new BundleOrderWriter(connection, sandbox.bcWebCustomer()).deliver(orders);
            bundle.requestsPerThousand().add(delivery.requestsPerThousand());
            bundle.ordersPerSecond().add(delivery.ordersPerSecond());
            bundle.failures().add((double) delivery.failed());
            duplicates.add(sandbox.stats().get("bc.duplicates"));
            missing.add(bundleOrders - sandbox.stats().get("bc.salesOrders"));
            log("bundle", delivery.requests(), delivery.orders(), delivery.seconds());

            final ParallelOrderWriting.Result deepResult = baseline(new UnbatchedDeepInsertWriter(sandbox.bcWebCustomer()), "DI" + tag, deepOrders);
            deep.requestsPerThousand().add(deepResult.requestsPerThousand());
            deep.ordersPerSecond().add(deepResult.ordersPerSecond());
            deep.failures().add((double) deepResult.failed());

            final ParallelOrderWriting.Result naiveResult = baseline(new NaiveOrderWriter(sandbox.bcWebCustomer()), "NV" + tag, naiveOrders);
            naive.requestsPerThousand().add(naiveResult.requestsPerThousand());
            naive.ordersPerSecond().add(naiveResult.ordersPerSecond());
            naive.failures().add((double) naiveResult.failed());

            speedupOverNaive.add(delivery.ordersPerSecond() / naiveResult.ordersPerSecond());
            speedupOverDeep.add(delivery.ordersPerSecond() / deepResult.ordersPerSecond());
        }
        sandbox.faults().plan(FaultPlan.NONE);

        final double windowRate = BcConnection.WINDOW_LIMIT / (double) BcConnection.WINDOW.toSeconds();
        final MarkdownTable table = new MarkdownTable("Path", "Orders per run", "HTTP requests / 1,000 orders", "Orders/s measured (median, min-max)",
                "Sustained ceiling of the 6000 req / 5 min window (orders/s)", "Failed orders");
        for (final Row row : List.of(bundle, deep, naive)) {
            final double perThousand = Medians.of(row.requestsPerThousand());
            table.row(row.name(), row.orders(), perThousand,
                    String.format(Locale.ROOT, "%s (%s-%s)", MarkdownTable.format(Medians.of(row.ordersPerSecond())),
                            MarkdownTable.format(Medians.min(row.ordersPerSecond())), MarkdownTable.format(Medians.max(row.ordersPerSecond()))),
                    windowRate * 1000 / perThousand, (long) Medians.max(row.failures()));
        }
        final double bundlePerThousand = Medians.of(bundle.requestsPerThousand());
        return "## BC writes (orders of 3 lines)\n\n"
                + "Each round runs the three paths one after the other on a freshly reset BC simulator (online limits: "
                + BcConnection.WINDOW_LIMIT + " requests per 5-minute window, " + BcConnection.MAX_CONCURRENT
                + " requests served at once, the rest queued), with a log-normal latency of median " + latency.toMillis()
                + " ms added to every HTTP request; " + rounds + " rounds, medians shown. The baselines run 5 workers in parallel"
                + " (BC's concurrency cap, their best case) with java.net.http; the bundle runs its single-threaded submitter as"
                + " PutBusinessCentralOrder does for one FlowFile of records. Request counts exclude the token request.\n\n"
                + table.render() + "\n"
                + String.format(Locale.ROOT, "- Bundle: **%.1f requests per 1,000 orders** (goal: at most 20), dedupe lookup included; "
                        + "duplicates after the bundle's runs: %s, orders missing: %s.%n", bundlePerThousand, duplicates, missing)
                + String.format(Locale.ROOT, "- Same-round ratio of orders/s, bundle / header+lines: median **%.1fx**; bundle / unbatched deep insert: median **%.1fx**.%n",
                        Medians.of(speedupOverNaive), Medians.of(speedupOverDeep))
                + "- The baselines' measured rates stay under the window because a run sends fewer than 6000 requests; the ceiling column is what"
                + " the window allows once it is spent (20 requests/s sustained).\n"
                + "- Caveat: the simulator adds latency per HTTP request, while real BC also spends time on each operation inside a `$batch`"
                + " (it runs them one after the other), so the bundle's orders/s here is an upper bound; the request counts are exact.\n\n";
    }

    /** One small pass of each path, not recorded, so that JIT compilation does not land in the first round. */
    private void warmUp() throws Exception {
        prepare();
        new BundleOrderWriter(new BcConnection(sandbox), sandbox.bcWebCustomer()).deliver(CanonicalOrders.retail("WU", 200, sandbox.seed().variants()));
        baseline(new UnbatchedDeepInsertWriter(sandbox.bcWebCustomer()), "WUD", 20);
        baseline(new NaiveOrderWriter(sandbox.bcWebCustomer()), "WUN", 10);
    }

    private ParallelOrderWriting.Result baseline(final OrderWriter writer, final String prefix, final int count) throws Exception {
        prepare();
        final BcConnection connection = new BcConnection(sandbox);
        final PlainODataClient client = new PlainODataClient(sandbox, connection.companyId);
        final List<Order> orders = CanonicalOrders.retail(prefix, count, sandbox.seed().variants());
        final ParallelOrderWriting.Result result = ParallelOrderWriting.run(writer, client, orders, BcConnection.MAX_CONCURRENT);
        log(writer.name(), result.requests(), result.orders(), result.seconds());
        return result;
    }

    private void prepare() {
        sandbox.reset();
        sandbox.faults().plan(FaultPlan.NONE.withLatency(latency));
    }

    private static void log(final String what, final long requests, final int orders, final double seconds) {
        System.out.printf(Locale.ROOT, "  BC write %-45s %6d orders %6d requests %7.2f s %8.1f orders/s%n", what, orders, requests, seconds, orders / seconds);
    }
}
