package io.nifiecommerce.benchmarks;

import io.nifiecommerce.businesscentral.RequestGovernor;
import io.nifiecommerce.businesscentral.RequestGovernors;
import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.http.QuotaRegistry;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.CostBudgets;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.order.OrderPageReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Several flows of one client on one node: each flow definition declares its own BC and Shopify connection services, all
 * with the same BC user and the same app on the same shop. With the registry ({@link RequestGovernors}, {@link CostBudgets})
 * they share one governor and one budget; before it, each service had its own. Every service sends from
 * {@value ClusterQuotaBenchmark#THREADS_PER_NODE} threads as fast as its governor or budget lets it, against one sandbox;
 * the simulators count the 429 and THROTTLED answers.
 */
final class FlowQuotaBenchmark {

    private static final int FLOWS = 3;
    private static final int PAGE_SIZE = 10;

    private final Duration bcRun;
    private final Duration shopifyRun;

    FlowQuotaBenchmark(final Duration bcRun, final Duration shopifyRun) {
        this.bcRun = bcRun;
        this.shopifyRun = shopifyRun;
    }

    String run() throws Exception {
        final MarkdownTable table = new MarkdownTable("API", "Setup", "Seconds", "Requests answered 429 / THROTTLED", "Throughput");
        for (final boolean shared : new boolean[] {true, false}) {
            final String setup = FLOWS + " flows' services, " + (shared ? "one shared governor (now)" : "each its own governor (before)");
            final long[] counts = bc(shared);
            table.row("Business Central", setup, bcRun.toSeconds(), share(counts[1], counts[0]),
                    String.format(Locale.ROOT, "%.1f requests/s accepted", (counts[0] - counts[1]) / (double) bcRun.toSeconds()));
        }
        for (final boolean shared : new boolean[] {true, false}) {
            final String setup = FLOWS + " flows' services, " + (shared ? "one shared cost budget (now)" : "each its own cost budget (before)");
            final double[] counts = shopify(shared);
            table.row("Shopify", setup, shopifyRun.toSeconds(), share((long) counts[1], (long) counts[0]),
                    String.format(Locale.ROOT, "%.1f points/s", counts[2] / shopifyRun.toSeconds()));
        }
        return "## Flows sharing one user and one shop\n\n"
                + FLOWS + " flows of one client on one node, each with its own BC and Shopify connection service of the same BC user "
                + "(5 concurrent requests, 6,000 per 5 minutes) and the same app on the same shop (the sandbox's Standard bucket: 2,000 "
                + "points, 100 points/s). Each service is the bundle's client, " + ClusterQuotaBenchmark.THREADS_PER_NODE + " threads per "
                + "service sending as fast as its governor (BC: `GET companies`) or budget (Shopify: the first page of " + PAGE_SIZE
                + " orders) lets it, against one sandbox without injected faults. \"Now\": the services lease one governor and one "
                + "budget by identity (`RequestGovernors`, `CostBudgets`); \"before\": each service its own. The BC run is shorter than "
                + "BC's window: the shared governor stops at the user's 6,000, the separate ones run into BC's 429s, whose Retry-After "
                + "then pauses each of them (so only a few). BC queues requests beyond 5 at once rather than refusing them: the "
                + "concurrency cap does not show here, `SharedRequestGovernorTest` checks it.\n\n" + table.render() + "\n";
    }

    private static String share(final long refused, final long requests) {
        return String.format(Locale.ROOT, "%d of %d (%.2f %%)", refused, requests, requests == 0 ? 0 : 100.0 * refused / requests);
    }

    /** Requests sent and answered 429. */
    private long[] bc(final boolean shared) throws InterruptedException {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(10))) {
            final BcSimulatorConfig config = sandbox.businessCentral().config();
            final List<QuotaRegistry<RequestGovernors.Limits, RequestGovernor>.Lease> leases = new ArrayList<>();
            final List<BcConnection> services = new ArrayList<>();
            for (int f = 0; f < FLOWS; f++) {
                services.add(new BcConnection(sandbox, endpoint -> {
                    if (!shared) {
                        return new RequestGovernor(BcConnection.MAX_CONCURRENT, BcConnection.WINDOW_LIMIT, BcConnection.WINDOW);
                    }
                    final var lease = RequestGovernors.lease(endpoint, RequestGovernors.clientUser(config.tenantId(), config.clientId()),
                            new RequestGovernors.Limits(BcConnection.MAX_CONCURRENT, BcConnection.WINDOW_LIMIT, BcConnection.WINDOW),
                            ClusterShare.WHOLE);
                    leases.add(lease);
                    return lease.quota();
                }));
            }
            final long before = sandbox.stats().get("bc.throttled");
            ClusterQuotaBenchmark.hammer(services, bcRun, c -> c.client.companies());
            leases.forEach(QuotaRegistry.Lease::close);
            return new long[] {services.stream().mapToLong(c -> c.client.requestCount()).sum(), sandbox.stats().get("bc.throttled") - before};
        }
    }

    /** Requests sent, answered THROTTLED, and points the shop charged. */
    private double[] shopify(final boolean shared) throws InterruptedException {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(500))) {
            Sandbox.warmUp();
            final List<QuotaRegistry<Void, CostBudget>.Lease> leases = new ArrayList<>();
            final List<ShopifyConnection> services = new ArrayList<>();
            for (int f = 0; f < FLOWS; f++) {
                final CostBudget budget;
                if (shared) {
                    final var lease = CostBudgets.lease(ShopifyEndpoint.forShop(sandbox.shopifyBaseUrl(), ShopifyConnection.API_VERSION),
                            CostBudgets.tokenApp(sandbox.shopifyAccessToken()), ClusterShare.WHOLE);
                    leases.add(lease);
                    budget = lease.quota();
                } else {
                    budget = CostBudget.standard();
                }
                services.add(new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5, ShopifyConnection.REQUEST_TIMEOUT, budget));
            }
            ClusterQuotaBenchmark.hammer(services, shopifyRun, c -> new OrderPageReader(c.client, PAGE_SIZE).read("", null));
            leases.forEach(QuotaRegistry.Lease::close);
            return new double[] {services.stream().mapToLong(c -> c.counter.apiRequests()).sum(), sandbox.stats().get("shopify.throttled"),
                    sandbox.stats().get("shopify.cost.spent")};
        }
    }
}
