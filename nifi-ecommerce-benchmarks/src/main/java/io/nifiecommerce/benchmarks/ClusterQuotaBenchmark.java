package io.nifiecommerce.benchmarks;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.order.OrderPageReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Two cluster nodes spending one BC user's limits and one shop's bucket at full load: each node is the bundle's
 * client as its connection service builds it, with its {@link ClusterShare} of the quota (what NiFi's cluster size
 * gives it) or, for comparison, believing it has the whole quota (the bundle before cluster sharing). Every node
 * sends as fast as its governor or budget lets it from several threads, against one sandbox; the simulators count
 * the 429 and THROTTLED answers. One node with the whole quota is the throughput to compare with.
 */
final class ClusterQuotaBenchmark {

    static final int THREADS_PER_NODE = 2;
    private static final int PAGE_SIZE = 10;
    /** What NiFi does when a call gives up (the governor's RATE_LIMITED, exhausted retries): yield before the next try. */
    private static final Duration YIELD = Duration.ofMillis(200);

    private final Duration bcRun;
    private final Duration shopifyRun;

    /**
     * @param bcRun      longer than BC's 5-minute window, so that the window's limit is reached and the window slides
     * @param shopifyRun each Shopify configuration's run
     */
    ClusterQuotaBenchmark(final Duration bcRun, final Duration shopifyRun) {
        this.bcRun = bcRun;
        this.shopifyRun = shopifyRun;
    }

    private record Run(String setup, long requests, long refused, double perSecond, String unit) {
        String refusedShare() {
            return String.format(Locale.ROOT, "%d of %d (%.2f %%)", refused, requests, requests == 0 ? 0 : 100.0 * refused / requests);
        }
    }

    String run() throws Exception {
        final List<Run> bc = List.of(bc("2 nodes, each its share (2 concurrent, 3,000 per window)", 2, new ClusterShare(() -> 2)),
                bc("2 nodes, each the whole quota (before)", 2, ClusterShare.WHOLE));
        final List<Run> shopify = List.of(shopify("1 node, the whole bucket", 1, ClusterShare.WHOLE),
                shopify("2 nodes, each its share (half the bucket and restore rate)", 2, new ClusterShare(() -> 2)),
                shopify("2 nodes, each the whole bucket (before)", 2, ClusterShare.WHOLE));
        final MarkdownTable table = new MarkdownTable("API", "Setup", "Seconds", "Requests answered 429 / THROTTLED", "Throughput");
        bc.forEach(r -> table.row("Business Central", r.setup(), bcRun.toSeconds(), r.refusedShare(),
                String.format(Locale.ROOT, "%.1f %s", r.perSecond(), r.unit())));
        shopify.forEach(r -> table.row("Shopify", r.setup(), shopifyRun.toSeconds(), r.refusedShare(),
                String.format(Locale.ROOT, "%.1f %s", r.perSecond(), r.unit())));
        return "## Cluster quota sharing\n\n"
                + "Two nodes of a NiFi cluster share one BC user (5 concurrent requests, 6,000 per 5 minutes) and one shop (the sandbox's "
                + "Standard bucket: 2,000 points, 100 points/s). Each node is the bundle's client as its connection service builds it, "
                + THREADS_PER_NODE + " threads per node sending as fast as its request governor (BC: `GET companies`) or cost budget (Shopify: "
                + "the first page of " + PAGE_SIZE + " orders, again and again) lets it, against one sandbox without injected faults, no latency "
                + "added. \"Its share\" is what `ClusterShare` gives a node on a 2-node cluster; \"the whole quota\" is every node believing "
                + "it is alone (the bundle before this change). The BC run is longer than BC's window so that the window fills and slides; "
                + "BC throughput is requests per second that BC accepted (its quota is 20/s on average), Shopify's the cost points per second "
                + "the shop charged (its restore rate is 100/s).\n\n"
                + table.render() + "\n";
    }

    private Run bc(final String setup, final int nodes, final ClusterShare share) throws InterruptedException {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(10))) {
            final List<BcConnection> connections = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                connections.add(new BcConnection(sandbox, share));
            }
            hammer(connections, bcRun, c -> c.client.companies());
            final long requests = connections.stream().mapToLong(c -> c.client.requestCount()).sum();
            final long throttled = sandbox.stats().get("bc.throttled");
            return new Run(setup, requests, throttled, (requests - throttled) / (double) bcRun.toSeconds(), "requests/s accepted");
        }
    }

    private Run shopify(final String setup, final int nodes, final ClusterShare share) throws InterruptedException {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(500))) {
            Sandbox.warmUp();
            final List<ShopifyConnection> connections = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                connections.add(new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5,
                        ShopifyConnection.REQUEST_TIMEOUT, share));
            }
            hammer(connections, shopifyRun, c -> new OrderPageReader(c.client, PAGE_SIZE).read("", null));
            final long requests = connections.stream().mapToLong(c -> c.counter.apiRequests()).sum();
            return new Run(setup, requests, sandbox.stats().get("shopify.throttled"),
                    sandbox.stats().get("shopify.cost.spent") / (double) shopifyRun.toSeconds(), "points/s");
        }
    }

    /** Each node's threads repeat {@code work} until {@code duration} is over; a call that gives up yields, then goes on. */
    static <T> void hammer(final List<T> nodes, final Duration duration, final Consumer<T> work) throws InterruptedException {
        final long end = System.nanoTime() + duration.toNanos();
        final AtomicLong failures = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        for (final T node : nodes) {
            for (int t = 0; t < THREADS_PER_NODE; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            work.accept(node);
                        } catch (final ApiException e) {
                            failures.incrementAndGet();
                            try {
                                Thread.sleep(YIELD);
                            } catch (final InterruptedException interrupted) {
                                return;
                            }
                        }
                    }
                }));
            }
        }
        for (final Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            System.out.println("   " + failures.get() + " calls gave up (retries exhausted)");
        }
    }
}
