package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How sales orders are created in one company, as configured: mapping, customer and item matching,
 * batching. Builds the submitter with the lookups it shares with the customer and item resolvers.
 *
 * @param itemMapping SKU to item number for {@link ItemReference#LOOKUP}, else null
 * @param atomic whether each $batch is one transaction
 */
public record SalesOrderSetup(MappingOptions mapping, CustomerPolicy customers, ItemReference itemReference,
                              Function<String, Optional<String>> itemMapping, int ordersPerBatch, boolean atomic,
                              boolean failOnAmountMismatch) {

    /** Resends of orders BC did not confirm, within one run: short, the flow's retry loop does the rest. */
    static final RetryPolicy RESENDS = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public SalesOrderSubmitter submitter(final BusinessCentralClient client, final String companyId, final Sleeper sleeper) {
        final BatchedLookup lookup = new BatchedLookup(client, companyId);
        return new SalesOrderSubmitter(client, companyId, new SalesOrderMapper(mapping), new ExistingDocuments(lookup),
                new CustomerResolver(client, lookup, companyId, customers), new ItemResolver(itemReference, lookup, itemMapping),
                ordersPerBatch, atomic, failOnAmountMismatch, RESENDS, sleeper);
    }
}
