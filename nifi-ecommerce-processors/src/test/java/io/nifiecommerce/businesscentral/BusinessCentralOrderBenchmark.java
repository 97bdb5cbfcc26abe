package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * BC HTTP requests and throughput for 1,000 orders of three lines on average, three ways, side by
 * side against the stub BC with a fixed latency per request and per created document:
 * <ul>
 *   <li>batched: this bundle's SalesOrderSubmitter (one $batch of lookups for the duplicate check
 *       in three entity sets, then $batch requests of 100 deep inserts);</li>
 *   <li>deep insert without $batch: the same batched duplicate check, then one POST per order;</li>
 *   <li>naive: per order a lookup, a header POST and one POST per line.</li>
 * </ul>
 * The client is the bundle's BusinessCentralClient with the 5-request concurrency cap; the last two
 * patterns run 5 workers so they use that cap fully. Run:
 * {@code java -cp <test classpath> io.nifiecommerce.businesscentral.BusinessCentralOrderBenchmark [orders] [runs] [latencyMs] [perDocumentMs]}
 */
public final class BusinessCentralOrderBenchmark {

    private BusinessCentralOrderBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int orderCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final long latency = args.length > 2 ? Long.parseLong(args[2]) : 40;
        final long perDocument = args.length > 3 ? Long.parseLong(args[3]) : 5;
        final List<Order> orders = orders(orderCount);
        final double lines = orders.stream().mapToInt(o -> o.lines().size()).average().orElse(0);
        System.out.printf(Locale.ROOT, "%d orders, %.2f lines on average, %d runs, latency %d ms per request + %d ms per document written%n",
                orderCount, lines, runs, latency, perDocument);
        System.out.printf("%-28s %14s %14s %12s%n", "pattern", "requests/1000", "orders/s", "created");
        for (final String pattern : List.of("batched", "deep-insert-no-batch", "naive")) {
            final double[] requests = new double[runs];
            final double[] rates = new double[runs];
            long created = 0;
            for (int run = 0; run < runs; run++) {
                try (StubBusinessCentral bc = new StubBusinessCentral()) {
                    bc.customer("WEB", "shop@example.com", null);
                    for (int i = 1; i <= 10; i++) {
                        bc.item("SKU-" + i, null);
                    }
                    bc.latency(latency, perDocument);
                    final BusinessCentralClient client = SalesOrderSubmitterTest.client(bc);
                    client.companies(); // token and connection warm; not counted
                    bc.resetCounters();
                    final long start = System.nanoTime();
                    switch (pattern) {
                        case "batched" -> batched(client, orders);
                        case "deep-insert-no-batch" -> deepInsertEach(client, orders);
                        default -> naive(client, orders);
                    }
                    final double seconds = (System.nanoTime() - start) / 1e9;
                    created = bc.records("salesOrders").size();
                    if (created != orders.size()) {
                        throw new IllegalStateException(pattern + " created " + created + " of " + orders.size());
                    }
                    requests[run] = bc.apiRequests() * 1000.0 / orders.size();
                    rates[run] = orders.size() / seconds;
                }
            }
            System.out.printf(Locale.ROOT, "%-28s %14.1f %14.1f %12d   (runs: %s orders/s)%n", pattern, median(requests), median(rates), created,
                    Arrays.toString(Arrays.stream(rates).map(r -> Math.round(r * 10) / 10.0).toArray()));
        }
    }

    static List<Order> orders(final int count) {
        final Random random = new Random(7);
        final List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final int lineCount = 2 + random.nextInt(3); // 2, 3 or 4: three on average
            final List<OrderLine> lines = new ArrayList<>();
            for (int l = 0; l < lineCount; l++) {
                lines.add(TestOrders.line("SKU-" + (1 + random.nextInt(10)), 1 + random.nextInt(3), "19.99", "0.00", "0.20"));
            }
            orders.add(TestOrders.order("#" + (100_000 + i), Segment.B2C, null, true, lines, List.of(), BigDecimal.ZERO));
        }
        return orders;
    }

    private static void batched(final BusinessCentralClient client, final List<Order> orders) {
        final BatchedLookup lookup = new BatchedLookup(client, StubBusinessCentral.COMPANY_ID);
        final SalesOrderSubmitter submitter = new SalesOrderSubmitter(client, StubBusinessCentral.COMPANY_ID, mapper(), new ExistingDocuments(lookup),
                new CustomerResolver(client, lookup, StubBusinessCentral.COMPANY_ID, CustomerPolicy.defaultCustomers("WEB", null)),
                new ItemResolver(ItemReference.SKU_IS_ITEM_NUMBER, lookup, sku -> Optional.empty()), 100, false, false,
                RetryPolicy.DEFAULT, Sleeper.SYSTEM);
        final List<OrderOutcome> outcomes = submitter.submit(orders);
        if (!outcomes.stream().allMatch(o -> o.status() == OrderOutcome.Status.CREATED)) {
            throw new IllegalStateException("not all created");
        }
    }

    private static void deepInsertEach(final BusinessCentralClient client, final List<Order> orders) throws Exception {
        final ExistingDocuments existing = new ExistingDocuments(new BatchedLookup(client, StubBusinessCentral.COMPANY_ID));
        final SalesOrderMapper mapper = mapper();
        final var present = existing.find(orders.stream().map(mapper::externalDocumentNumber).toList());
        final List<Order> missing = orders.stream().filter(o -> !present.containsKey(mapper.externalDocumentNumber(o))).toList();
        parallel(missing, order -> client.post(client.endpoint().resolve(BusinessCentralEndpoint.companyPath(StubBusinessCentral.COMPANY_ID, "salesOrders")),
                body(mapper, order)));
    }

    private static void naive(final BusinessCentralClient client, final List<Order> orders) throws Exception {
        final SalesOrderMapper mapper = mapper();
        final String orderSet = BusinessCentralEndpoint.companyPath(StubBusinessCentral.COMPANY_ID, "salesOrders");
        parallel(orders, order -> {
            final String number = mapper.externalDocumentNumber(order);
            final JsonNode found = client.get(client.endpoint().resolve(orderSet + "?$filter=" + ODataFilter.encode(ODataFilter.eq("externalDocumentNumber", number))), 0);
            if (found.path("value").size() > 0) {
                return found;
            }
            final ObjectNode header = body(mapper, order);
            final JsonNode lines = header.remove("salesOrderLines");
            final JsonNode created = client.post(client.endpoint().resolve(orderSet), header);
            for (final JsonNode line : lines) {
                client.post(client.endpoint().resolve(orderSet.replace("salesOrders", "salesOrders(" + created.path("id").asText() + ")/salesOrderLines")), line);
            }
            return created;
        });
    }

    private static SalesOrderMapper mapper() {
        return new SalesOrderMapper(new MappingOptions("Account", "", PriceBasis.AS_GIVEN, "EUR", "${name}"));
    }

    private static ObjectNode body(final SalesOrderMapper mapper, final Order order) {
        return mapper.map(order, "WEB", order.lines().stream().map(OrderLine::sku).toList()).body();
    }

    private static void parallel(final List<Order> orders, final Function<Order, JsonNode> work) throws Exception {
        try (ExecutorService workers = Executors.newFixedThreadPool(5)) {
            final List<Future<JsonNode>> futures = new ArrayList<>();
            for (final Order order : orders) {
                futures.add(workers.submit(() -> work.apply(order)));
            }
            for (final Future<JsonNode> future : futures) {
                future.get();
            }
        }
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
