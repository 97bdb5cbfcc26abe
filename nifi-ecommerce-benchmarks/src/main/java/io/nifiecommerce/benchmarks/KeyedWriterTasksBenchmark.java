package io.nifiecommerce.benchmarks;

import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.shopify.PutShopifyFulfillment;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.RateLimit;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's fulfillment writer with 1 concurrent task (the flow definitions before) and with 4 (now), side by side on the
 * same work: a tracking feed naming every open order of a freshly seeded sandbox (Enterprise bucket, as the at-scale runs),
 * grouped into 16 order buckets as the tracking flow groups it, at 10 % injected faults. The processor runs in NiFi's mock
 * framework with that many threads; what goes to retry is queued again at once (NiFi would penalize it 30 s, the same for
 * both). Reports the time to fulfill every order, the points charged per second and how many orders got more than one
 * fulfillment (the claims' guarantee: none).
 * <p>Run: {@code java -cp <benchmarks classpath> io.nifiecommerce.benchmarks.KeyedWriterTasksBenchmark [ORDERS] [FAULT_RATE] [ROUNDS]}.
 */
public final class KeyedWriterTasksBenchmark {

    private static final int RECORDS_PER_FLOWFILE = 25;
    private static final long LIMIT_NANOS = 20L * 60 * 1_000_000_000L;

    private record Result(int tasks, int orders, double seconds, long fulfilled, long duplicated, long points, long requests,
                          long throttledByBucket, long faults) {
    }

    private KeyedWriterTasksBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int orders = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        final double faultRate = args.length > 1 ? Double.parseDouble(args[1]) : 0.1;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Sandbox.warmUp();
        final List<Result> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (final int tasks : new int[] {1, 4}) {
                final Result result = run(tasks, orders, faultRate);
                results.add(result);
                System.out.println(line(result));
            }
        }
        System.out.println();
        final MarkdownTable table = new MarkdownTable("Concurrent tasks", "Orders fulfilled", "Seconds", "Orders/s", "Points/s charged",
                "Requests", "THROTTLED by the bucket", "Faults injected", "Orders fulfilled twice");
        for (final Result r : results) {
            table.row(r.tasks(), r.fulfilled() + " / " + r.orders(), String.format(Locale.ROOT, "%.1f", r.seconds()),
                    String.format(Locale.ROOT, "%.1f", r.fulfilled() / r.seconds()), String.format(Locale.ROOT, "%.0f", r.points() / r.seconds()),
                    r.requests(), r.throttledByBucket(), r.faults(), r.duplicated());
        }
        System.out.println(table.render());
    }

    private static String line(final Result r) {
        return String.format(Locale.ROOT, "%d task(s): %d/%d orders fulfilled in %.1f s (%.1f orders/s), %d points (%.0f/s), %d requests, "
                        + "%d THROTTLED by the bucket, %d faults, %d orders fulfilled twice", r.tasks(), r.fulfilled(), r.orders(), r.seconds(),
                r.fulfilled() / r.seconds(), r.points(), r.points() / r.seconds(), r.requests(), r.throttledByBucket(), r.faults(), r.duplicated());
    }

    private static Result run(final int tasks, final int seeded, final double faultRate) throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(seeded).withRateLimit(RateLimit.ENTERPRISE))) {
            final var shop = sandbox.shopify().shop();
            final List<Order> open = shop.orders().stream()
                    .filter(o -> o.cancelledAt() == null && !o.isB2b())
                    .filter(o -> o.lines().stream().anyMatch(l -> l.quantity() > 0))
                    .toList();
            // the tracking flow's grouping: a bucket is the first hex digit of the SHA-256 of the order's reference
            final Map<String, List<String>> buckets = new TreeMap<>();
            for (final Order order : open) {
                buckets.computeIfAbsent(bucket(order.name()), b -> new ArrayList<>()).add(event(order.name(), "TRK" + order.id()));
            }
            final ShopifyConnection connection = new ShopifyConnection(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken(), 5);
            final TestRunner runner = runner(connection.client, tasks);
            buckets.forEach((bucket, events) -> {
                for (int from = 0; from < events.size(); from += RECORDS_PER_FLOWFILE) {
                    final String records = "[" + String.join(",", events.subList(from, Math.min(events.size(), from + RECORDS_PER_FLOWFILE))) + "]";
                    runner.enqueue(records.getBytes(StandardCharsets.UTF_8), Map.of(OrderClaims.KEY_ATTRIBUTES.getFirst(), bucket));
                }
            });
            final long pointsBefore = sandbox.stats().get("shopify.cost.spent");
            final long requestsBefore = sandbox.stats().get("shopify.graphqlRequests");
            sandbox.faults().plan(FaultPlan.all(faultRate));
            final long start = System.nanoTime();
            boolean initialize = true;
            while (!runner.isQueueEmpty() && System.nanoTime() - start < LIMIT_NANOS) {
                runner.run(tasks * 4, false, initialize);
                initialize = false;
                final List<MockFlowFile> retry = runner.getFlowFilesForRelationship("retry");
                runner.clearTransferState();
                retry.forEach(f -> runner.enqueue(f.toByteArray(), f.getAttributes()));
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            runner.shutdown();
            sandbox.faults().plan(FaultPlan.NONE);
            long fulfilled = 0;
            long duplicated = 0;
            for (final Order order : open) {
                final int count = shop.fulfillmentsOf(order.id()).size();
                fulfilled += count > 0 ? 1 : 0;
                duplicated += count > 1 ? 1 : 0;
            }
            return new Result(tasks, open.size(), seconds, fulfilled, duplicated, sandbox.stats().get("shopify.cost.spent") - pointsBefore,
                    sandbox.stats().get("shopify.graphqlRequests") - requestsBefore, sandbox.stats().get("shopify.throttled.bucket"),
                    faults(sandbox));
        }
    }

    /** Faults injected, all kinds (the sandbox counts each kind as faults.KIND). */
    private static long faults(final Sandbox sandbox) {
        return sandbox.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("faults.")).mapToLong(Map.Entry::getValue).sum();
    }

    private static TestRunner runner(final ShopifyGraphQlClient client, final int tasks) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(PutShopifyFulfillment.class);
        final Connection connection = new Connection(client);
        runner.addControllerService("shopify", connection);
        runner.enableControllerService(connection);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty("Shopify Connection Service", "shopify");
        runner.setProperty("Record Reader", "reader");
        runner.setProperty("Record Writer", "writer");
        runner.setThreadCount(tasks);
        runner.setValidateExpressionUsage(false);
        return runner;
    }

    private static String bucket(final String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 1);
    }

    private static String event(final String order, final String number) {
        return "{\"orderReference\":\"%s\",\"trackingNumber\":\"%s\",\"shopifyCarrierName\":\"Colissimo\",\"status\":\"IN_TRANSIT\"}"
                .formatted(order, number);
    }

    /** The connection service the flow would hold, handing out the client built as the bundle's own service builds it. */
    private static final class Connection extends AbstractControllerService implements ShopifyConnectionService {
        private final ShopifyGraphQlClient client;

        Connection(final ShopifyGraphQlClient client) {
            this.client = client;
        }

        @Override
        public ShopifyGraphQlClient client() {
            return client;
        }

        @Override
        public String shopDomain() {
            return "sandbox.myshopify.com";
        }

        @Override
        public String apiVersion() {
            return ShopifyConnection.API_VERSION;
        }
    }
}
