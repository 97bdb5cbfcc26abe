package io.nifiecommerce.benchmarks;

import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.stock.PublishPolicy;
import io.nifiecommerce.stock.PublishedQuantities;
import io.nifiecommerce.stock.SkuResolver;
import io.nifiecommerce.stock.StockPublisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Stock: mutations, lookups and cost per hourly run of 10,000 SKU x location pairs with 2 % changed,
 * the bundle's delta publishing (published-quantity memory + SKU cache) against pushing every pair
 * and against the bundle's full resync, on the Shopify simulator through the bundle's client.
 */
final class StockPublishBenchmark {

    private final int skus;
    private final double changedShare;
    private final int hours;
    private final Duration latency;

    StockPublishBenchmark(final int skus, final double changedShare, final int hours, final Duration latency) {
        this.skus = skus;
        this.changedShare = changedShare;
        this.hours = hours;
        this.latency = latency;
    }

    private record Run(String kind, int pairs, int published, int mutations, long lookups, long requests, double cost, double seconds) {
    }

    String run() throws Exception {
        final StockCatalogue catalogue = new StockCatalogue(skus);
        final List<Run> runs = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(20).withFaults(FaultPlan.NONE.withLatency(latency)))) {
            Sandbox.warmUp();
            sandbox.shopify().shop().load(catalogue.seed);
            final ShopifyConnection connection = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5);
            final ClientAdminApi api = new ClientAdminApi(connection.client);
            final AdjustableClock clock = new AdjustableClock();
            final SkuResolver resolver = new SkuResolver(api, Duration.ofMinutes(15), Duration.ofMinutes(5), clock, SkuResolver.DEFAULT_SKUS_PER_QUERY,
                    SkuResolver.DEFAULT_LEVELS_PER_ITEM);
            final StockPublisher publisher = new StockPublisher(api, resolver,
                    new StockPublisher.Settings(PublishPolicy.available(), "correction", null, ShopifyConnection.API_VERSION, false, 250), clock);
            final PublishedQuantities memory = new PublishedQuantities();
            final long[] quantities = new long[skus * catalogue.warehouses.size()];
            for (int i = 0; i < quantities.length; i++) {
                quantities[i] = 1000 + i % 97;
            }
            // the first run sets every pair: what a full push costs every hour
            runs.add(publish("full push: every pair sent (first run, all differ)", publisher, memory, false, catalogue, quantities, sandbox, connection));
            final Random random = new Random(42);
            // within the SKU cache's 15 minutes of the full resolve: no lookup expected
            for (int run = 0; run < hours; run++) {
                clock.advance(Duration.ofMinutes(run == 0 ? 10 : 1));
                change(quantities, random);
                runs.add(publish("delta, minutes after a full resolve (SKU cache warm)", publisher, memory, false, catalogue, quantities, sandbox,
                        connection));
            }
            // hourly: the cache has expired, the changed SKUs are looked up again
            for (int hour = 0; hour < hours; hour++) {
                clock.advance(Duration.ofHours(1));
                change(quantities, random);
                runs.add(publish("delta, hourly (SKU cache expired)", publisher, memory, false, catalogue, quantities, sandbox, connection));
            }
            clock.advance(Duration.ofHours(1));
            change(quantities, random);
            runs.add(publish("full resync, hourly (reads every pair back from Shopify)", publisher, memory, true, catalogue, quantities, sandbox,
                    connection));
        }
        final MarkdownTable table = new MarkdownTable("Run", "Pairs in", "Pairs set", "inventorySetQuantities calls", "SKU lookup queries",
                "HTTP requests", "Cost points", "Seconds");
        for (final String kind : runs.stream().map(Run::kind).distinct().toList()) {
            final List<Run> same = runs.stream().filter(r -> r.kind().equals(kind)).toList();
            table.row(kind + (same.size() > 1 ? " (median of " + same.size() + ")" : ""), same.get(0).pairs(),
                    Medians.of(same.stream().map(r -> (double) r.published()).toList()),
                    Medians.of(same.stream().map(r -> (double) r.mutations()).toList()),
                    Medians.of(same.stream().map(r -> (double) r.lookups()).toList()),
                    Medians.of(same.stream().map(r -> (double) r.requests()).toList()),
                    Medians.of(same.stream().map(Run::cost).toList()), Medians.of(same.stream().map(Run::seconds).toList()));
        }
        final int changed = (int) Math.round(skus * 2 * changedShare);
        return "## Stock publishing\n\n"
                + String.format(Locale.ROOT, "%,d SKUs x 2 warehouses = %,d pairs; each later run changes %,d pairs (%.0f %%) picked at random; "
                        + "goal for the delta: ceil(%d/250) = %d mutation. A clock is moved forward between runs (the bundle's SKU cache keeps a "
                        + "resolved SKU 15 minutes, so an hourly run looks its changed SKUs up again); %d runs of each delta kind, one full push and "
                        + "one full resync (each spends the Standard plan's bucket for about 100 s), latency median %d ms. The full push is what a "
                        + "publisher without delta memory sends every hour.%n%n", skus, skus * 2, changed, changedShare * 100, changed,
                (changed + 249) / 250, hours, latency.toMillis())
                + table.render() + "\n";
    }

    private void change(final long[] quantities, final Random random) {
        final int changed = (int) Math.round(quantities.length * changedShare);
        final boolean[] picked = new boolean[quantities.length];
        for (int done = 0; done < changed; ) {
            final int i = random.nextInt(quantities.length);
            if (!picked[i]) {
                picked[i] = true;
                quantities[i] += 1 + random.nextInt(20);
                done++;
            }
        }
    }

    private Run publish(final String kind, final StockPublisher publisher, final PublishedQuantities memory, final boolean fullResync,
                        final StockCatalogue catalogue, final long[] quantities, final Sandbox sandbox, final ShopifyConnection connection) {
        final List<StockPublisher.Line> lines = new ArrayList<>(quantities.length);
        for (int s = 0; s < skus; s++) {
            for (int w = 0; w < catalogue.warehouses.size(); w++) {
                final StockLocation warehouse = catalogue.warehouses.get(w);
                lines.add(new StockPublisher.Line(StockCatalogue.sku(s), "WH" + w, StockCatalogue.locationGid(warehouse),
                        quantities[s * catalogue.warehouses.size() + w], null));
            }
        }
        final long requestsBefore = connection.counter.apiRequests();
        final double costBefore = sandbox.stats().get("shopify.cost.spent");
        final long start = System.nanoTime();
        final StockPublisher.Report report = publisher.publish(lines, memory, fullResync, kind + System.nanoTime());
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long failed = report.count(io.nifiecommerce.stock.PublishOutcome.Status.FAILED);
        if (failed > 0) {
            throw new IllegalStateException(kind + ": " + failed + " pairs failed, first " + report.outcomes().stream()
                    .filter(o -> o.status() == io.nifiecommerce.stock.PublishOutcome.Status.FAILED).findFirst().orElseThrow());
        }
        final Run run = new Run(kind, lines.size(), (int) report.count(io.nifiecommerce.stock.PublishOutcome.Status.PUBLISHED), report.mutations(),
                report.lookups(), connection.counter.apiRequests() - requestsBefore, sandbox.stats().get("shopify.cost.spent") - costBefore, seconds);
        System.out.printf(Locale.ROOT, "  stock %s%n", run);
        return run;
    }
}
