package io.nifiecommerce.benchmarks;

import io.nifiecommerce.businesscentral.BatchedLookup;
import io.nifiecommerce.businesscentral.CustomerPolicy;
import io.nifiecommerce.businesscentral.CustomerResolver;
import io.nifiecommerce.businesscentral.ExistingDocuments;
import io.nifiecommerce.businesscentral.ItemReference;
import io.nifiecommerce.businesscentral.ItemResolver;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.businesscentral.SalesOrderMapper;
import io.nifiecommerce.businesscentral.SalesOrderSubmitter;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundle's write path (what PutBusinessCentralOrder runs per FlowFile): batched dedupe lookup,
 * customer and item resolution, deep inserts in {@code $batch} of 100, re-check after transient
 * failures. Orders still RETRY after the submitter's own attempts are sent again after a penalty,
 * as NiFi does with the {@code retry} relationship.
 */
final class BundleOrderWriter {

    /** What a delivery took. */
    record Delivery(int orders, int created, int alreadyPresent, int failed, int rounds, long requests, double seconds) {

        double ordersPerSecond() {
            return orders / seconds;
        }

        double requestsPerThousand() {
            return requests * 1000.0 / orders;
        }
    }

    static final Duration PENALTY = Duration.ofSeconds(1);
    private static final int MAX_ROUNDS = 60;

    private final BcConnection connection;
    private final SalesOrderSubmitter submitter;

    BundleOrderWriter(final BcConnection connection, final String defaultCustomer) {
        this.connection = connection;
        final BatchedLookup lookup = new BatchedLookup(connection.client, connection.companyId);
        this.submitter = new SalesOrderSubmitter(connection.client, connection.companyId, new SalesOrderMapper(MappingOptions.defaults()),
                new ExistingDocuments(lookup),
                new CustomerResolver(connection.client, lookup, connection.companyId, CustomerPolicy.defaultCustomers(defaultCustomer, defaultCustomer)),
                new ItemResolver(ItemReference.SKU_IS_ITEM_NUMBER, lookup, null), 100, false, false,
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)), Sleeper.SYSTEM);
    }

    /** Submits the orders as one FlowFile of records, then resubmits what came back RETRY until none is left. */
    Delivery deliver(final List<Order> orders) throws InterruptedException {
        final long requestsBefore = connection.counter.apiRequests();
        final long start = System.nanoTime();
        List<Order> pending = orders;
        int created = 0;
        int present = 0;
        int failed = 0;
        int rounds = 0;
        while (!pending.isEmpty() && rounds < MAX_ROUNDS) {
            if (rounds > 0) {
                Thread.sleep(PENALTY);
            }
            rounds++;
            final List<OrderOutcome> outcomes = submitter.submit(pending);
            final List<Order> again = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                switch (outcomes.get(i).status()) {
                    case CREATED -> created++;
                    case ALREADY_PRESENT -> present++;
                    case FAILED -> failed++;
                    case RETRY -> again.add(pending.get(i));
                }
            }
            pending = again;
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        return new Delivery(orders.size(), created, present, failed + pending.size(), rounds, connection.counter.apiRequests() - requestsBefore, seconds);
    }
}
