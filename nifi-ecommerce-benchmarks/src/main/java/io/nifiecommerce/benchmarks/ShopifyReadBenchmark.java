package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.order.BulkOrderExport;
import io.nifiecommerce.shopify.order.OrderPageReader;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Shopify reads: HTTP requests and query cost per 1,000 orders, cursor pages (OrderPageReader, as
 * FetchShopifyOrders' incremental mode) against a bulk operation backfill (BulkOrderExport), on the
 * Standard plan's bucket (2000 points, 100 restored per second). The paged read is long enough to
 * spend the bucket, so its pace shows which share of the restore rate the client's pacing uses.
 */
final class ShopifyReadBenchmark {

    private final int orders;
    private final int rounds;
    private final Duration latency;

    ShopifyReadBenchmark(final int orders, final int rounds, final Duration latency) {
        this.orders = orders;
        this.rounds = rounds;
        this.latency = latency;
    }

    /** One read: what it cost and how fast. */
    record Read(long orders, long requests, double cost, long throttled, double seconds, double restoreShare) {
    }

    String run() throws Exception {
        final List<Read> pages = new ArrayList<>();
        final List<Read> bulks = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(orders).withFaults(FaultPlan.NONE.withLatency(latency)))) {
            Sandbox.warmUp();
            for (int round = 0; round < rounds; round++) {
                sandbox.reset();
                pages.add(paged(sandbox));
                sandbox.reset();
                bulks.add(bulk(sandbox));
            }
        }
        final MarkdownTable table = new MarkdownTable("Read", "Orders", "HTTP requests / 1,000 orders", "Cost points / 1,000 orders",
                "Seconds (median)", "Share of restore rate used", "THROTTLED answers");
        for (final List<Read> reads : List.of(pages, bulks)) {
            final String name = reads == pages ? "cursor pages (OrderPageReader)" : "bulk operation (BulkOrderExport)";
            table.row(name, reads.get(0).orders(), Medians.of(reads.stream().map(r -> r.requests() * 1000.0 / r.orders()).toList()),
                    Medians.of(reads.stream().map(r -> r.cost() * 1000 / r.orders()).toList()), Medians.of(reads.stream().map(Read::seconds).toList()),
                    reads == pages ? String.format(Locale.ROOT, "%.1f %%", 100 * Medians.of(reads.stream().map(Read::restoreShare).toList())) : "n/a (one query)",
                    String.format(Locale.ROOT, "%d of %d requests (%.2f %%)", reads.stream().mapToLong(Read::throttled).sum(),
                            reads.stream().mapToLong(Read::requests).sum(),
                            100.0 * reads.stream().mapToLong(Read::throttled).sum() / reads.stream().mapToLong(Read::requests).sum()));
        }
        return "## Shopify reads\n\n"
                + "The sandbox shop holds " + orders + " seeded orders (1 to 5 lines each) on the Standard plan's bucket (2000 points, 100/s restored), "
                + "latency median " + latency.toMillis() + " ms; " + rounds + " rounds, each reading every order once by cursor pages and once by a bulk"
                + " operation, mapped to canonical orders. Cost is the actual query cost the simulator charged. The share of the restore rate is"
                + " (points spent - points the bucket held at the start + points left at the end) / (restore rate x duration): 100 % means the read"
                + " went exactly as fast as the bucket allows.\n\n"
                + table.render() + "\n";
    }

    private Read paged(final Sandbox sandbox) {
        final ShopifyConnection connection = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5);
        final OrderPageReader reader = new OrderPageReader(connection.client, OrderPageReader.MAX_PAGE_SIZE);
        final Set<String> ids = new HashSet<>();
        final double bucket = sandbox.config().rateLimit().bucketSize();
        final double restore = sandbox.config().rateLimit().restoreRate();
        final long start = System.nanoTime();
        String after = null;
        boolean more = true;
        while (more) {
            final OrderPageReader.OrderPage page = reader.read("", after);
            for (final ObjectNode node : page.orders()) {
                final Order order = ShopifyOrderMapper.fromGraphQl(node);
                ids.add(order.sourceId());
            }
            more = page.hasNextPage();
            after = page.endCursor();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final double cost = sandbox.stats().get("shopify.cost.spent");
        final double left = connection.client.budget().available();
        final double share = (cost - bucket + left) / (restore * seconds);
        check(ids.size(), sandbox);
        final Read read = new Read(ids.size(), connection.counter.apiRequests(), cost, sandbox.stats().get("shopify.throttled"), seconds, share);
        System.out.printf(Locale.ROOT, "  Shopify pages: %s%n", read);
        return read;
    }

    private Read bulk(final Sandbox sandbox) throws InterruptedException {
        final ShopifyConnection connection = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5);
        final BulkOrderExport export = new BulkOrderExport(connection.client);
        final Set<String> ids = new HashSet<>();
        final long start = System.nanoTime();
        final String id = export.start("");
        BulkOrderExport.Status status = export.status(id);
        while (status.running()) {
            Thread.sleep(200);
            status = export.status(id);
        }
        if (!status.completed()) {
            throw new IllegalStateException("Bulk operation ended " + status);
        }
        export.read(URI.create(status.url()), node -> ids.add(ShopifyOrderMapper.fromGraphQl(node).sourceId()));
        final double seconds = (System.nanoTime() - start) / 1e9;
        check(ids.size(), sandbox);
        // the result download goes to the file URL with its own client: one more request
        final Read read = new Read(ids.size(), connection.counter.apiRequests() + 1, sandbox.stats().get("shopify.cost.spent"),
                sandbox.stats().get("shopify.throttled"), seconds, Double.NaN);
        System.out.printf(Locale.ROOT, "  Shopify bulk: %s%n", read);
        return read;
    }

    private static void check(final int read, final Sandbox sandbox) {
        final int expected = sandbox.shopify().shop().orderCount();
        if (read != expected) {
            throw new IllegalStateException("Read " + read + " distinct orders of " + expected);
        }
    }
}
