package io.nifiecommerce.stock;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * An hourly stock run of 10,000 SKU x location pairs (5,000 SKUs at 2 locations) with 2 % changed: calls made by the
 * delta publisher against a full resync and a naive full push. Calls are counted at the API boundary (the fake shop),
 * so the figures do not depend on the machine.
 * <pre>java -Dnifiecommerce.reference.dir=... -cp ... io.nifiecommerce.stock.HourlyStockBenchmark</pre>
 */
public final class HourlyStockBenchmark {

    private static final int SKUS = 5_000;
    private static final double CHANGED = 0.02;
    /** As PublishStockLevels asks with two mapped locations: one level more than mapped. */
    private static final int LEVELS = 3;

    private HourlyStockBenchmark() {
    }

    public static void main(String[] args) {
        final FakeShopifyInventory shop = new FakeShopifyInventory();
        final String lyon = shop.addLocation("Lyon");
        final String paris = shop.addLocation("Paris");
        final Random random = new Random(2026);
        final List<StockPublisher.Line> lines = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            final FakeShopifyInventory.Variant variant = shop.addVariant("SKU-" + i, true);
            shop.stock(variant, lyon, 0);
            shop.stock(variant, paris, 0);
            lines.add(new StockPublisher.Line(variant.sku(), "WH01", lyon, random.nextInt(300), null));
            lines.add(new StockPublisher.Line(variant.sku(), "WH02", paris, random.nextInt(300), null));
        }
        final PublishedQuantities memory = new PublishedQuantities();
        final StockPublisher.Settings settings = new StockPublisher.Settings(PublishPolicy.available(), "correction", null, "2026-04", false, 250);
        final StockPublisher delta = new StockPublisher(shop, resolver(shop), settings);

        report("initial load (empty memory)", delta.publish(lines, memory, false, "run-0"));

        final Set<Integer> changed = new HashSet<>();
        while (changed.size() < lines.size() * CHANGED) {
            changed.add(random.nextInt(lines.size()));
        }
        final List<StockPublisher.Line> hourLater = new ArrayList<>(lines);
        for (int index : changed) {
            final StockPublisher.Line line = lines.get(index);
            hourLater.set(index, new StockPublisher.Line(line.sku(), line.locationCode(), line.locationId(), line.quantity() + 1 + random.nextInt(20), null));
        }
        final Set<String> changedSkus = new HashSet<>();
        changed.forEach(i -> changedSkus.add(lines.get(i).sku()));
        System.out.printf("%d pairs, %d changed (%d distinct SKUs)%n", hourLater.size(), changed.size(), changedSkus.size());

        final long started = System.nanoTime();
        final StockPublisher.Report hourly = new StockPublisher(shop, resolver(shop), settings)
                .publish(hourLater, memory, false, "run-1");
        report("hourly delta run (cold SKU cache, memory from state)", hourly, System.nanoTime() - started);

        final StockPublisher.Report resync = new StockPublisher(shop, resolver(shop), settings)
                .publish(hourLater, memory.copy(), true, "run-2");
        report("full resync of the same input (reads all, sets what differs)", resync);

        // the naive push: no memory, nothing compared, every pair set; reset Shopify so that it has work to do
        final List<StockPublisher.Line> shifted = hourLater.stream()
                .map(l -> new StockPublisher.Line(l.sku(), l.locationCode(), l.locationId(), l.quantity() + 1, null)).toList();
        final StockPublisher.Report naive = new StockPublisher(shop, resolver(shop), settings)
                .publish(shifted, new PublishedQuantities(), false, "run-3");
        report("full push without memory (every pair set)", naive);
        System.out.printf("memory: %d pairs, state %d characters%n", memory.size(), memory.encode().length());
    }

    private static SkuResolver resolver(FakeShopifyInventory shop) {
        return new SkuResolver(shop, Duration.ofMinutes(15), Duration.ofMinutes(5), Clock.systemUTC(), 50, LEVELS);
    }

    private static void report(String name, StockPublisher.Report report) {
        report(name, report, -1);
    }

    private static void report(String name, StockPublisher.Report report, long nanos) {
        final long lookupPoints = report.lookups() * SkuResolver.requestedCost(50, LEVELS);
        final long mutationPoints = report.mutations() * 10L;
        System.out.printf("%-62s lookups %4d  mutations %3d  published %5d  unchanged %5d  failed %d  requested points ~%d (%.0f s of a Standard plan's 100 points/s)%s%n",
                name, report.lookups(), report.mutations(), report.count(PublishOutcome.Status.PUBLISHED),
                report.count(PublishOutcome.Status.UNCHANGED), report.count(PublishOutcome.Status.FAILED),
                lookupPoints + mutationPoints, (lookupPoints + mutationPoints) / 100.0,
                nanos < 0 ? "" : String.format("  in-process %.0f ms", nanos / 1e6));
    }
}
