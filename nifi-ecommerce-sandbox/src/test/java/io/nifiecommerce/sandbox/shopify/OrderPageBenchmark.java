package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Throughput of the orders endpoint through HTTP: pages of 250 orders (a lean order query within
 * the 1000-point limit), sequential client, bucket set large enough never to throttle.
 * Run: mvn -pl nifi-ecommerce-sandbox test-compile, then
 * java -cp target/classes:target/test-classes:$(deps) io.nifiecommerce.sandbox.shopify.OrderPageBenchmark [orders] [seconds]
 */
public final class OrderPageBenchmark {

    private static final String QUERY = """
            query Page($after: String) {
              orders(first: 250, after: $after, sortKey: UPDATED_AT, query: "updated_at:>='2000-01-01T00:00:00Z'") {
                pageInfo { hasNextPage endCursor }
                edges { node { id name createdAt updatedAt email currencyCode taxesIncluded poNumber tags displayFinancialStatus
                  totalPriceSet { shopMoney { amount currencyCode } } } }
              }
            }""";

    private OrderPageBenchmark() {
    }

    public static void main(final String[] args) {
        final int orders = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(orders)
                .withRateLimit(io.nifiecommerce.sandbox.shopify.RateLimit.STANDARD.withBucket(100_000_000, 10_000_000)))) {
            final AdminClient client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
            final long warmEnd = System.nanoTime() + 5_000_000_000L;
            String after = null;
            while (System.nanoTime() < warmEnd) {
                after = page(client, after);
            }
            long pages = 0;
            long ordersRead = 0;
            final com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            final long cpuStart = os.getProcessCpuTime();
            final long start = System.nanoTime();
            final long end = start + seconds * 1_000_000_000L;
            after = null;
            while (System.nanoTime() < end) {
                final Map<String, Object> variables = new HashMap<>();
                variables.put("after", after);
                final var reply = client.post(QUERY, variables);
                final var connection = reply.data().path("orders");
                ordersRead += connection.path("edges").size();
                pages++;
                after = connection.path("pageInfo").path("hasNextPage").asBoolean() ? connection.path("pageInfo").path("endCursor").asText() : null;
            }
            final double elapsed = (System.nanoTime() - start) / 1e9;
            final double cpuPerPage = (os.getProcessCpuTime() - cpuStart) / 1e6 / pages;
            // CPU time per page (client and server in this JVM) is the figure that does not depend on other load.
            System.out.printf("orders in shop %d, pages %d, orders read %d in %.1f s: %.1f pages/s, %.0f orders/s, %.1f ms CPU per page, load %.1f%n",
                    orders, pages, ordersRead, elapsed, pages / elapsed, ordersRead / elapsed, cpuPerPage, os.getSystemLoadAverage());
        }
    }

    private static String page(final AdminClient client, final String after) {
        final Map<String, Object> variables = new HashMap<>();
        variables.put("after", after);
        final var connection = client.post(QUERY, variables).data().path("orders");
        return connection.path("pageInfo").path("hasNextPage").asBoolean() ? connection.path("pageInfo").path("endCursor").asText() : null;
    }
}
