package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of the BC simulator over HTTP on 127.0.0.1: deep inserts (3 lines each) one per request,
 * with 1 and 5 client threads, and in {@code $batch}es of 100, independent and {@code Isolation: snapshot};
 * then a look-up of 50 external document numbers with {@code in (...)} against the orders created.
 * Run: {@code mvn -pl nifi-ecommerce-sandbox test-compile exec:java} or from the IDE; figures go to docs/sandbox-bc.md.
 */
public final class BcThroughputMain {

    private BcThroughputMain() {
    }

    public static void main(final String[] args) throws Exception {
        final int singles = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        final int batches = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(
                BcSimulatorConfig.defaults().withRateLimit(Duration.ofMinutes(5), 1_000_000), new FaultInjector(FaultPlan.NONE, 1L, stats), stats);
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        try {
            final BcCompany company = simulator.createCompany("CRONUS");
            company.putCustomer("C10000", "Adatum", "a@adatum.example", "");
            for (int i = 0; i < 200; i++) {
                company.putItem("ITEM-" + i, "Item " + i, "", new BigDecimal("9.99"), new BigDecimal("1000"));
            }
            final BcTestClient client = new BcTestClient(simulator.apiUrl("http://127.0.0.1:" + server.getAddress().getPort()),
                    simulator.issueToken());
            final String orders = "companies(" + company.id() + ")/salesOrders";
            final AtomicInteger sequence = new AtomicInteger();

            // Warm-up.
            for (int i = 0; i < 300; i++) {
                client.post(orders, order(sequence.incrementAndGet()));
            }
            long start = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                check(client.post(orders, order(sequence.incrementAndGet())).status(), 201);
            }
            report("deep insert, 1 client thread", singles, start);

            final ExecutorService pool = Executors.newFixedThreadPool(5);
            start = System.nanoTime();
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < singles / 5; i++) {
                        check(client.post(orders, order(sequence.incrementAndGet())).status(), 201);
                    }
                    return null;
                }));
            }
            for (final Future<?> future : futures) {
                future.get();
            }
            report("deep insert, 5 client threads", singles / 5 * 5, start);
            pool.shutdown();

            for (final boolean snapshot : new boolean[] {false, true}) {
                start = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    final ObjectNode batch = BcTestClient.MAPPER.createObjectNode();
                    final ArrayNode requests = batch.putArray("requests");
                    for (int i = 0; i < 100; i++) {
                        requests.addObject().put("id", String.valueOf(i)).put("method", "POST").put("url", orders)
                                .set("body", order(sequence.incrementAndGet()));
                    }
                    final BcTestClient.Reply reply = client.send("POST", "$batch", batch,
                            snapshot ? Map.of("Isolation", "snapshot") : Map.of());
                    check(reply.status(), 200);
                    check(reply.json().path("responses").get(99).path("status").asInt(), 201);
                }
                report("deep insert in $batch of 100" + (snapshot ? " (Isolation: snapshot)" : ""), batches * 100, start);
            }

            final int total = company.salesOrders().size();
            final StringBuilder in = new StringBuilder("externalDocumentNumber in (");
            for (int i = 0; i < 50; i++) {
                in.append(i == 0 ? "" : ",").append("'SHOP-").append(1 + i * (total / 50)).append('\'');
            }
            in.append(')');
            final int lookups = 50;
            start = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                final BcTestClient.Reply reply = client.get(orders + "?$select=id,number,externalDocumentNumber&$filter=" + BcTestClient.encode(in.toString()));
                check(reply.json().path("value").size(), 50);
            }
            report("look-up of 50 externalDocumentNumbers among " + total + " orders", lookups, start);
        } finally {
            server.stop(0);
        }
    }

    private static ObjectNode order(final int number) {
        final ObjectNode order = BcTestClient.MAPPER.createObjectNode();
        order.put("externalDocumentNumber", "SHOP-" + number).put("customerNumber", "C10000").put("shipToName", "Customer " + number)
                .put("shipToAddressLine1", number + " rue de la Paix").put("shipToCity", "Paris").put("shipToPostCode", "75002")
                .put("shipToCountry", "FR");
        final ArrayNode lines = order.putArray("salesOrderLines");
        for (int l = 0; l < 3; l++) {
            lines.addObject().put("lineType", "Item").put("lineObjectNumber", "ITEM-" + ((number + l) % 200)).put("quantity", 1 + l);
        }
        return order;
    }

    private static void check(final int actual, final int expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + " but was " + actual);
        }
    }

    private static void report(final String what, final int count, final long start) {
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-70s %7d in %6.2f s = %8.0f /s%n", what, count, seconds, count / seconds);
    }
}
