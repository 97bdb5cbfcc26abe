package io.nifiecommerce.shopify.order;

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

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests and cost points per 1,000 orders: cursor pages (orders-page.graphql with its adaptive
 * page size and line follow-ups) against a bulk operation (run, polls, one JSONL download), both
 * against the sandbox's Shopify simulator, whose cost model follows Shopify's documented rules.
 * The bucket is made large so that the figures count work, not throttling waits.
 * <p>
 * Run: {@code mvn -pl nifi-ecommerce-processors -am test-compile}, then
 * {@code java -cp <test classpath> io.nifiecommerce.shopify.order.OrderFetchBenchmark [orders]}.
 */
public final class OrderFetchBenchmark {

    private OrderFetchBenchmark() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final int orders = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(orders)
                .withRateLimit(RateLimit.STANDARD.withBucket(100_000_000, 10_000_000)))) {
            final ShopifyGraphQlClient client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-04"),
                    AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                    new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(10)), RetryPolicy.DEFAULT), Duration.ofSeconds(60));
            // warm-up: the simulator parses its SDL on the first request
            new OrderPageReader(client, 250).read("", null);
            sandbox.stats().reset();

            final OrderPageReader reader = new OrderPageReader(client, 250);
            final Map<Integer, Integer> pageSizes = new TreeMap<>();
            long read = 0;
            long requestedPoints = 0;
            String after = null;
            final long pagesStart = System.nanoTime();
            do {
                final int size = reader.pageSize();
                final OrderPageReader.OrderPage page = reader.read("", after);
                pageSizes.merge(size, 1, Integer::sum);
                read += page.orders().size();
                requestedPoints += (long) page.requestedCost();
                after = page.hasNextPage() ? page.endCursor() : null;
            } while (after != null);
            final double pagesSeconds = (System.nanoTime() - pagesStart) / 1e9;
            final Map<String, Long> pageStats = sandbox.stats().snapshot();
            report("cursor pages", read, pageStats, pagesSeconds);
            System.out.printf("  requested points of the page queries: %d (%.0f per 1,000 orders); page sizes used: %s%n",
                    requestedPoints, requestedPoints * 1000.0 / read, pageSizes);

            sandbox.stats().reset();
            final BulkOrderExport export = new BulkOrderExport(client);
            final long bulkStart = System.nanoTime();
            final String id = export.start("");
            BulkOrderExport.Status status;
            do {
                Thread.sleep(100);
                status = export.status(id);
            } while (status.running());
            final AtomicLong bulkRead = new AtomicLong();
            export.read(URI.create(status.url()), order -> bulkRead.incrementAndGet());
            final double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;
            report("bulk operation", bulkRead.get(), sandbox.stats().snapshot(), bulkSeconds);
        }
    }

    private static void report(final String mode, final long orders, final Map<String, Long> stats, final double seconds) {
        long requests = 0;
        for (final Map.Entry<String, Long> entry : stats.entrySet()) {
            if (entry.getKey().startsWith("shopify.requests.")) {
                requests += entry.getValue();
            }
        }
        final long points = stats.getOrDefault("shopify.cost.spent", 0L);
        System.out.printf("%s: %d orders, %d GraphQL requests (%.1f per 1,000 orders), %d cost points charged (%.0f per 1,000 orders), %.1f s%n",
                mode, orders, requests, requests * 1000.0 / orders, points, points * 1000.0 / orders, seconds);
        System.out.println("  " + stats);
    }
}
