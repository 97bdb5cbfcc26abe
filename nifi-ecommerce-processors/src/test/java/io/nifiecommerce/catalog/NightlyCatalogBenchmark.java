package io.nifiecommerce.catalog;

import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.shopify.RateLimit;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.PublishedQuantities;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A nightly master-data run against the sandbox's Shopify simulator (real SDL, Shopify's cost rules): 10,000 items of
 * which 1 % changed, sent with the delta memory, against a full push of the same items; then B2B prices for 200 price
 * groups. Requests and cost points are counted by the publishers from Shopify's answers, so they do not depend on the
 * machine; the shop's bucket is set unlimited so that the run measures work, not waiting (seconds at Shopify's
 * standard 100 points/s are derived from the points).
 * <pre>java -cp ... io.nifiecommerce.catalog.NightlyCatalogBenchmark [items] [groups] [prices per group]</pre>
 */
public final class NightlyCatalogBenchmark {

    private NightlyCatalogBenchmark() {
    }

    public static void main(final String[] args) {
        final int itemCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        final int groups = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        final int pricesPerGroup = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0).withRateLimit(RateLimit.STANDARD.withBucket(100_000_000, 10_000_000)))) {
            final ShopifyGraphQlClient client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-07"),
                    AccessTokenSource.of(sandbox.shopifyAccessToken()), new CostBudget(100_000_000, 10_000_000, 10, System::nanoTime),
                    new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(10)), new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1))),
                    Duration.ofSeconds(60));
            final Random random = new Random(2026);
            final List<CatalogItem> items = new ArrayList<>();
            for (int i = 0; i < itemCount; i++) {
                // one item in ten has three variants, as a clothing or tableware catalog has
                final List<CatalogItem.Variant> variants = i % 10 == 0
                        ? List.of(new CatalogItem.Variant("S", "Petit"), new CatalogItem.Variant("M", "Moyen"), new CatalogItem.Variant("L", "Grand"))
                        : List.of();
                items.add(new CatalogItem(String.format("IT%05d", i), "Article " + i, null, String.format("376%010d", i),
                        BigDecimal.valueOf(100 + random.nextInt(9900), 2), false, "CAT" + i % 20, null, variants, List.of()));
            }
            final ProductMapping mapping = new ProductMapping(ProductSettings.defaults());
            final PublishedQuantities memory = new PublishedQuantities(60_000);

            report("initial load (empty shop, empty memory)", products(client, mapping, items, memory, false));

            final List<CatalogItem> nextNight = new ArrayList<>(items);
            final Set<Integer> changed = new HashSet<>();
            while (changed.size() < itemCount / 100) {
                changed.add(random.nextInt(itemCount));
            }
            for (final int index : changed) {
                final CatalogItem item = items.get(index);
                nextNight.set(index, new CatalogItem(item.number(), item.title(), item.description(), item.gtin(),
                        item.unitPrice().add(BigDecimal.ONE), item.blocked(), item.category(), item.pictureUrl(), item.variants(), item.units()));
            }
            System.out.printf("next night: %d items, %d changed%n", itemCount, changed.size());
            report("nightly delta run (memory from state)", products(client, mapping, nextNight, memory, false));
            report("full push of the same items (no memory)", products(client, mapping, nextNight, new PublishedQuantities(60_000), false));
            System.out.printf("memory: %d items, %d characters of cluster state%n", memory.size(), memory.encode().length());

            // B2B prices: each group prices the first pricesPerGroup items (single-variant ones only, SKU = item number)
            final List<String> skus = items.stream().filter(item -> item.variants().isEmpty()).map(CatalogItem::number).limit(pricesPerGroup).toList();
            final List<PriceListLine> lines = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                for (final String sku : skus) {
                    lines.add(new PriceListLine(String.format("GRP%03d", g), sku, "EUR", BigDecimal.valueOf(500 + random.nextInt(5000), 2)));
                }
            }
            final PublishedQuantities priceMemory = new PublishedQuantities();
            report("B2B prices, first run (" + groups + " groups x " + skus.size() + " prices)", prices(client, lines, priceMemory, false));
            final List<PriceListLine> nextPrices = new ArrayList<>(lines);
            final Set<Integer> changedPrices = new HashSet<>();
            while (changedPrices.size() < lines.size() / 100) {
                changedPrices.add(random.nextInt(lines.size()));
            }
            for (final int index : changedPrices) {
                final PriceListLine line = lines.get(index);
                nextPrices.set(index, new PriceListLine(line.priceGroup(), line.sku(), line.currency(), line.price().add(BigDecimal.ONE)));
            }
            report("B2B prices, nightly delta (1 % changed)", prices(client, nextPrices, priceMemory, false));
            report("B2B prices, full push (no memory)", prices(client, nextPrices, new PublishedQuantities(), false));
        }
    }

    private static Run products(final ShopifyGraphQlClient client, final ProductMapping mapping, final List<CatalogItem> items,
                                   final PublishedQuantities memory, final boolean full) {
        final long started = System.nanoTime();
        final ProductPublisher.Report report = new ProductPublisher(new CatalogCalls(client), mapping).publish(items, memory, full);
        return new Run(report.requests(), report.lookups(), report.mutations(), report.costPoints(),
                "created " + report.count(ProductOutcome.Status.CREATED) + ", updated " + report.count(ProductOutcome.Status.UPDATED)
                        + ", unchanged " + report.count(ProductOutcome.Status.UNCHANGED) + ", failed " + report.count(ProductOutcome.Status.FAILED)
                        + ", retry " + report.count(ProductOutcome.Status.RETRY), System.nanoTime() - started);
    }

    private static Run prices(final ShopifyGraphQlClient client, final List<PriceListLine> lines, final PublishedQuantities memory, final boolean full) {
        final long started = System.nanoTime();
        final CatalogCalls calls = new CatalogCalls(client);
        final PriceListPublisher.Report report = new PriceListPublisher(calls, new B2bCatalogs(calls, "BC ")).publish(lines, memory, full);
        return new Run(report.requests(), report.requests() - report.mutations(), report.mutations(), report.costPoints(),
                "published " + report.count(PriceOutcome.Status.PUBLISHED) + ", unchanged " + report.count(PriceOutcome.Status.UNCHANGED)
                        + ", failed " + report.count(PriceOutcome.Status.FAILED) + ", retry " + report.count(PriceOutcome.Status.RETRY),
                System.nanoTime() - started);
    }

    private record Run(int requests, int reads, int writes, double points, String outcomes, long nanos) {
    }

    private static void report(final String name, final Run run) {
        System.out.printf("%-55s requests %6d (reads %5d, writes %5d)  cost points %9.0f  (%6.0f s at 100 points/s)  in-process %6.1f s  %s%n",
                name, run.requests(), run.reads(), run.writes(), run.points(), run.points() / 100, run.nanos() / 1e9, run.outcomes());
    }
}
