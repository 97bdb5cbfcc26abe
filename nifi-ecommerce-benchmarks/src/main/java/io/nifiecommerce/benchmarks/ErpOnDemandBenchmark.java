package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.OnDemandReader;
import io.nifiecommerce.businesscentral.ReadCache;
import io.nifiecommerce.businesscentral.RecordQuery;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcCompany;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of the on-demand ERP questions of the erp-data-on-demand flow (FetchBusinessCentralRecords' core,
 * OnDemandReader, through the bundle's BC client and governor) against the BC simulator answering with a BC-like
 * log-normal latency: a cart's price and availability (3 items among popular carts) and a customer's open invoices,
 * asked by 4 concurrent site requests. Uncached (TTL 0), cached from cold (TTL 60 s, questions repeat as on a site),
 * and warm (every answer cached). Writes docs/benchmarks-erp-on-demand.md.
 */
public final class ErpOnDemandBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CONCURRENT = 4;

    private ErpOnDemandBenchmark() {
    }

    record Scenario(String name, double p50, double p90, double p99, double max, double mean, long bcRequests, int questions, double hitRatio) {
    }

    public static void main(final String[] args) throws Exception {
        final int questions = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        final long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 150;
        final Path out = Path.of(args.length > 2 ? args[2] : "docs/benchmarks-erp-on-demand.md");
        final List<Scenario> scenarios = new ArrayList<>();
        final int distinct;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(10))) {
            final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
            final List<String> skus = company.items().stream().map(i -> i.path("number").asText()).toList();
            final List<String> customers = company.customers().stream().map(c -> c.path("number").asText()).limit(20).toList();
            for (int c = 0; c < customers.size(); c++) {
                final ObjectNode order = MAPPER.createObjectNode().put("customerNumber", customers.get(c)).put("externalDocumentNumber", "BENCH-" + c);
                order.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", skus.get(c % skus.size())).put("quantity", 2);
                company.shipAndInvoice(company.createSalesOrder(order).path("number").asText());
            }
            final List<RecordQuery> workload = workload(questions, skus, customers, new Random(7));
            distinct = (int) workload.stream().distinct().count();
            final BcConnection connection = new BcConnection(sandbox);
            sandbox.faults().plan(FaultPlan.NONE.withLatency(Duration.ofMillis(latencyMillis)));

            scenarios.add(measure("uncached (Cache TTL 0 sec)", connection, new ReadCache<>(5000, Duration.ZERO, Clock.systemUTC()), workload));
            final ReadCache<String, List<JsonNode>> cache = new ReadCache<>(5000, Duration.ofSeconds(60), Clock.systemUTC());
            scenarios.add(measure("cached from cold (Cache TTL 60 sec)", connection, cache, workload));
            scenarios.add(measure("warm cache (every answer cached)", connection, cache, workload));
        }
        final String report = report(scenarios, questions, latencyMillis, distinct);
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    /** 70 % carts drawn from 40 popular carts of 3 items, 30 % open invoices of 20 customers: a site's questions repeat. */
    static List<RecordQuery> workload(final int questions, final List<String> skus, final List<String> customers, final Random random) {
        final List<List<String>> carts = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            carts.add(List.of(skus.get(random.nextInt(skus.size())), skus.get(random.nextInt(skus.size())), skus.get(random.nextInt(skus.size()))));
        }
        final List<RecordQuery> workload = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            if (random.nextDouble() < 0.7) {
                workload.add(new RecordQuery("items", "number", carts.get(random.nextInt(carts.size())), null,
                        "number,displayName,unitPrice,inventory,baseUnitOfMeasureCode", null, null, 100));
            } else {
                workload.add(new RecordQuery("salesInvoices", "customerNumber", List.of(customers.get(random.nextInt(customers.size()))),
                        "status eq 'Open'", "number,invoiceDate,dueDate,status,totalAmountIncludingTax,remainingAmount", null, "dueDate asc", 100));
            }
        }
        return workload;
    }

    static Scenario measure(final String name, final BcConnection connection, final ReadCache<String, List<JsonNode>> cache,
                            final List<RecordQuery> workload) throws Exception {
        final OnDemandReader reader = new OnDemandReader(connection.client, cache);
        connection.counter.reset();
        final double[] millis = new double[workload.size()];
        final AtomicInteger hits = new AtomicInteger();
        final ExecutorService site = Executors.newFixedThreadPool(CONCURRENT);
        try {
            final List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < workload.size(); i++) {
                final int index = i;
                answers.add(site.submit(() -> {
                    final long start = System.nanoTime();
                    final OnDemandReader.Result result = reader.read(connection.client.endpoint(), connection.companyId, workload.get(index), 100);
                    millis[index] = (System.nanoTime() - start) / 1e6;
                    if (result.fromCache()) {
                        hits.incrementAndGet();
                    }
                    if (result.values().isEmpty()) {
                        throw new IllegalStateException("no answer to " + workload.get(index));
                    }
                    return null;
                }));
            }
            for (final Future<?> answer : answers) {
                answer.get();
            }
        } finally {
            site.shutdown();
        }
        final double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Scenario(name, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(Double.NaN), connection.counter.apiRequests(), workload.size(),
                hits.get() / (double) workload.size());
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(final double[] sorted, final int p) {
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String report(final List<Scenario> scenarios, final int questions, final long latencyMillis, final int distinct) {
        final Machine machine = Machine.current();
        final MarkdownTable table = new MarkdownTable("Scenario", "Questions", "Cache hits", "BC requests", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "mean ms");
        for (final Scenario s : scenarios) {
            table.row(s.name(), s.questions(), String.format(java.util.Locale.ROOT, "%.0f %%", 100 * s.hitRatio()), s.bcRequests(), s.p50(), s.p90(),
                    s.p99(), s.max(), s.mean());
        }
        final Scenario uncached = scenarios.get(0);
        final Scenario cold = scenarios.get(1);
        return """
                # Benchmark: ERP data on demand (real-time questions to Business Central)

                What a B2B site waits for when it asks the erp-data-on-demand flow: %d questions from %d concurrent site requests,
                70 %% a cart's price and availability (`items`, 3 item numbers among 40 popular carts, one `number in (...)` GET),
                30 %% a customer's open invoices (`salesInvoices`, `customerNumber eq` and `status eq 'Open'`, 20 customers). Each
                goes through `OnDemandReader` (the core of FetchBusinessCentralRecords) and the bundle's BC client: token, the
                shared request governor (5 concurrent, 6,000 per 5 minutes), retries. The BC simulator adds a log-normal latency
                of median %d ms (sigma 0.5) to every request, about what BC online answers for a small filtered GET.

                %s
                - Uncached, the site waits for BC almost every time: p50 %.0f ms, p99 %.0f ms (the tail is the log-normal
                  latency plus queueing behind the governor's 5 concurrent requests). Only askers of a question already on its
                  way to BC share its answer (%d of %d here).
                - With the cache (TTL 60 s) from cold, %.0f %% of the questions are answered without BC: p50 %.2f ms against
                  %.0f ms, and %d BC requests instead of %d, for %d distinct questions: each is asked of BC once, concurrent
                  askers waiting for the answer on its way.
                - A warm cache answers in well under a millisecond.
                - The time in NiFi itself (HandleHttpRequest, routing, HandleHttpResponse) comes on top and is not measured here.

                Machine: %d cores, %s, %s, %s, load %s (shared with other builds: absolute figures are pessimistic, compare the
                rows of one run).
                Command: build with `./mvnw -q -o -DskipTests -pl nifi-ecommerce-benchmarks -am package dependency:build-classpath
                -Dmdep.outputFile=/tmp/bench.cp`, then `java -cp "nifi-ecommerce-benchmarks/target/classes:$(cat /tmp/bench.cp)"
                io.nifiecommerce.benchmarks.ErpOnDemandBenchmark %d %d`.
                """.formatted(questions, CONCURRENT, latencyMillis, table.render(), uncached.p50(), uncached.p99(),
                Math.round(uncached.hitRatio() * uncached.questions()), uncached.questions(), 100 * cold.hitRatio(), cold.p50(),
                uncached.p50(), cold.bcRequests(), uncached.bcRequests(), distinct, machine.cores(), machine.memory(), machine.cpuModel(), machine.java(),
                machine.load(), questions, latencyMillis);
    }
}
