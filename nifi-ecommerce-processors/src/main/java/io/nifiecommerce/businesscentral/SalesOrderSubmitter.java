package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.InlineWait;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates BC sales orders for many canonical orders with as few requests as possible, and never
 * twice:
 * <ol>
 *   <li>one batched lookup of every external document number in salesOrders, salesInvoices and
 *       salesShipments: matches are ALREADY_PRESENT unless the shop changed or cancelled the order since, and
 *       cancelled orders are never created ({@link OrderAmendments});</li>
 *   <li>batched customer and item resolution; orders that cannot be resolved fail alone;</li>
 *   <li>deep inserts (order + lines) grouped into {@code $batch} requests of up to 100, independent
 *       (default) or atomic;</li>
 *   <li>after a transient failure of a batch or of some of its operations (the answer may have been
 *       lost after BC committed), the external document numbers are looked up again and only the
 *       orders still missing are resent; after the last attempt they are RETRY.</li>
 * </ol>
 * Batches of one call are sent concurrently (the client's governor caps how many are in flight).
 * One outcome per input order, in input order. Orders repeating an earlier order's external document
 * number in the same call share its outcome as ALREADY_PRESENT.
 */
public final class SalesOrderSubmitter {

    public static final String BATCH_ROLLED_BACK = "BATCH_ROLLED_BACK";
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    public static final String UNMAPPABLE_ORDER = "UNMAPPABLE_ORDER";
    private static final int FAILED_DEPENDENCY = 424;

    private final BusinessCentralClient client;
    private final String companyId;
    private final SalesOrderMapper mapper;
    private final ExistingDocuments existing;
    private final CustomerResolver customers;
    private final ItemResolver items;
    private final OrderAmendments amendments;
    private final int ordersPerBatch;
    private final boolean atomic;
    private final boolean failOnMismatch;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;

    public SalesOrderSubmitter(final BusinessCentralClient client, final String companyId, final SalesOrderMapper mapper,
                               final ExistingDocuments existing, final CustomerResolver customers, final ItemResolver items,
                               final int ordersPerBatch, final boolean atomic, final boolean failOnMismatch,
                               final RetryPolicy retryPolicy, final Sleeper sleeper) {
        if (ordersPerBatch < 1 || ordersPerBatch > 100) {
            throw new IllegalArgumentException("ordersPerBatch must be 1 to 100");
        }
        this.client = client;
        this.companyId = companyId;
        this.mapper = mapper;
        this.existing = existing;
        this.customers = customers;
        this.items = items;
        this.amendments = new OrderAmendments(client, companyId, items);
        this.ordersPerBatch = ordersPerBatch;
        this.atomic = atomic;
        this.failOnMismatch = failOnMismatch;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
    }

    /** Where orders are sent, for provenance. */
    public java.net.URI endpointUri() {
        return client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, "salesOrders"));
    }

    public List<OrderOutcome> submit(final List<Order> orders) {
        final OrderOutcome[] outcomes = new OrderOutcome[orders.size()];
        final String[] documentNumbers = new String[orders.size()];
        final Map<String, Integer> firstIndex = new HashMap<>();
        final List<Integer> unique = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            documentNumbers[i] = mapper.externalDocumentNumber(orders.get(i));
            if (firstIndex.putIfAbsent(documentNumbers[i], i) == null) {
                unique.add(i);
            }
        }

        List<Integer> pending = new ArrayList<>();
        try {
            final Map<String, ExistingDocument> found = existing.find(unique.stream().map(i -> documentNumbers[i]).toList());
            final List<OrderOutcome> settled = amendments.settle(unique.stream().map(orders::get).toList(),
                    unique.stream().map(i -> documentNumbers[i]).toList(), unique.stream().map(i -> found.get(documentNumbers[i])).toList());
            for (int k = 0; k < unique.size(); k++) {
                final int i = unique.get(k);
                if (settled.get(k) != null) {
                    outcomes[i] = settled.get(k);
                } else {
                    pending.add(i);
                }
            }
            pending = resolveAndSend(orders, documentNumbers, pending, outcomes);
        } catch (final ApiException e) {
            for (final int i : pending.isEmpty() ? unique : pending) {
                if (outcomes[i] == null) {
                    outcomes[i] = unresolved(documentNumbers[i], e);
                }
            }
        }
        for (int i = 0; i < orders.size(); i++) {
            final int first = firstIndex.get(documentNumbers[i]);
            if (first != i) {
                outcomes[i] = repeat(outcomes[first], first);
            }
        }
        return List.of(outcomes);
    }

    private List<Integer> resolveAndSend(final List<Order> orders, final String[] documentNumbers, final List<Integer> pending,
                                         final OrderOutcome[] outcomes) {
        final List<Order> toResolve = pending.stream().map(orders::get).toList();
        final List<Resolution<String>> customerNumbers = customers.resolve(toResolve);
        final List<Resolution<List<String>>> itemNumbers = items.resolve(toResolve);
        final List<Pending> drafts = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            final int i = pending.get(k);
            if (!customerNumbers.get(k).isResolved()) {
                outcomes[i] = OrderOutcome.failed(documentNumbers[i], customerNumbers.get(k).errorCode(), customerNumbers.get(k).errorMessage());
            } else if (!itemNumbers.get(k).isResolved()) {
                outcomes[i] = OrderOutcome.failed(documentNumbers[i], itemNumbers.get(k).errorCode(), itemNumbers.get(k).errorMessage());
            } else {
                final SalesOrderDraft draft;
                try {
                    draft = mapper.map(orders.get(i), customerNumbers.get(k).value(), itemNumbers.get(k).value());
                } catch (final ArithmeticException | IllegalArgumentException e) {
                    // amounts no sales order can carry fail this order alone, with the reason
                    outcomes[i] = OrderOutcome.failed(documentNumbers[i], UNMAPPABLE_ORDER,
                            "The order cannot be mapped to a sales order: " + e.getMessage());
                    continue;
                }
                if (failOnMismatch && !draft.reconciles()) {
                    outcomes[i] = new OrderOutcome(OrderOutcome.Status.FAILED, documentNumbers[i], null, null, null, AMOUNT_MISMATCH,
                            "Lines sum to " + draft.documentTotal() + " but the order's total price differs by " + draft.reconciliationDifference(),
                            draft.truncatedFields(), draft.reconciliationDifference());
                } else {
                    drafts.add(new Pending(i, draft));
                }
            }
        }
        final List<List<Pending>> chunks = ODataFilter.chunks(drafts, ordersPerBatch);
        if (chunks.size() == 1) {
            send(chunks.get(0), outcomes);
        } else {
            // Batches go out side by side; the client's governor keeps them within BC's concurrency limit.
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (final List<Pending> chunk : chunks) {
                    senders.submit(() -> sendOrRetryLater(chunk, outcomes));
                }
            }
        }
        return List.of();
    }

    private void sendOrRetryLater(final List<Pending> chunk, final OrderOutcome[] outcomes) {
        try {
            send(chunk, outcomes);
        } catch (final RuntimeException e) {
            for (final Pending item : chunk) {
                if (outcomes[item.index()] == null) {
                    outcomes[item.index()] = OrderOutcome.retry(item.draft().externalDocumentNumber(), "INTERRUPTED", String.valueOf(e.getMessage()));
                }
            }
        }
    }

    /** One batch of deep inserts, with re-check and resend of what may or may not have been created. */
    private void send(final List<Pending> chunk, final OrderOutcome[] outcomes) {
        List<Pending> remaining = chunk;
        ApiException lastError = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts() && !remaining.isEmpty(); attempt++) {
            if (attempt > 1) {
                final Duration wait = retryPolicy.delay(attempt - 1, lastError == null ? null : lastError.retryAfter().orElse(null));
                pause(lastError == null ? InlineWait.bounded(wait, "RESEND_DUE_LATER", "Orders not confirmed by Business Central")
                        : InlineWait.bounded(wait, lastError));
                try {
                    remaining = withoutExisting(remaining, outcomes);
                } catch (final ApiException e) {
                    if (!e.isTransient()) {
                        markAll(remaining, outcomes, e);
                        return;
                    }
                    lastError = e;
                    continue;
                }
                if (remaining.isEmpty()) {
                    return;
                }
            }
            final List<BatchOperation> operations = new ArrayList<>();
            for (int j = 0; j < remaining.size(); j++) {
                operations.add(BatchOperation.post(String.valueOf(j + 1), BusinessCentralEndpoint.companyPath(companyId, "salesOrders"),
                        remaining.get(j).draft().body()));
            }
            final List<BatchResult> results;
            try {
                results = client.batch(operations, atomic, false);
            } catch (final ApiException e) {
                if (!e.isTransient()) {
                    markAll(remaining, outcomes, e);
                    return;
                }
                lastError = e;
                continue;
            }
            final List<Pending> again = new ArrayList<>();
            final boolean anyPermanent = results.stream().anyMatch(SalesOrderSubmitter::refused);
            final boolean anyTransient = results.stream().anyMatch(BatchResult::isTransient);
            for (int j = 0; j < remaining.size(); j++) {
                final Pending item = remaining.get(j);
                final BatchResult result = results.get(j);
                if (atomic && (anyPermanent || anyTransient)) {
                    if (refused(result)) {
                        outcomes[item.index()] = failed(item, result.errorCode(), result.errorMessage());
                    } else if (anyPermanent) {
                        outcomes[item.index()] = failed(item, BATCH_ROLLED_BACK,
                                "Rolled back with its atomic batch because another order of the batch was refused");
                    } else {
                        again.add(item);
                    }
                } else if (result.isSuccess()) {
                    outcomes[item.index()] = created(item, result.body());
                } else if (result.isTransient()) {
                    again.add(item);
                } else {
                    outcomes[item.index()] = failed(item, result.errorCode(), result.errorMessage());
                }
            }
            if (!again.isEmpty()) {
                final BatchResult sample = results.stream().filter(BatchResult::isTransient).findFirst().orElse(results.get(0));
                lastError = new ApiException(ErrorClass.TRANSIENT, sample.status(), sample.errorCode(), sample.errorMessage());
            }
            remaining = again;
        }
        for (final Pending item : remaining) {
            outcomes[item.index()] = OrderOutcome.retry(item.draft().externalDocumentNumber(),
                    lastError == null ? "RETRY" : lastError.code(), lastError == null ? "Not confirmed" : lastError.getMessage());
        }
    }

    /** Refused for its own reason; 424 (Failed Dependency) marks an operation rolled back because of another one. */
    private static boolean refused(final BatchResult result) {
        return !result.isSuccess() && !result.isTransient() && result.status() != FAILED_DEPENDENCY;
    }

    private List<Pending> withoutExisting(final List<Pending> items, final OrderOutcome[] outcomes) {
        final Set<String> numbers = new LinkedHashSet<>();
        items.forEach(p -> numbers.add(p.draft().externalDocumentNumber()));
        final Map<String, ExistingDocument> found = existing.find(numbers);
        final List<Pending> still = new ArrayList<>();
        for (final Pending item : items) {
            final ExistingDocument document = found.get(item.draft().externalDocumentNumber());
            if (document != null) {
                final OrderOutcome present = OrderOutcome.present(item.draft().externalDocumentNumber(), document);
                outcomes[item.index()] = new OrderOutcome(present.status(), present.externalDocumentNumber(), present.id(), present.number(),
                        present.documentType(), null, null, item.draft().truncatedFields(), item.draft().reconciliationDifference());
            } else {
                still.add(item);
            }
        }
        return still;
    }

    private void markAll(final List<Pending> items, final OrderOutcome[] outcomes, final ApiException e) {
        for (final Pending item : items) {
            outcomes[item.index()] = unresolved(item.draft().externalDocumentNumber(), e);
        }
    }

    /** Transient and credential problems are worth another try later; anything else is a failure. */
    private static OrderOutcome unresolved(final String documentNumber, final ApiException e) {
        return e.errorClass() == ErrorClass.PERMANENT
                ? OrderOutcome.failed(documentNumber, e.code(), e.getMessage())
                : OrderOutcome.retry(documentNumber, e.code(), e.getMessage());
    }

    private static OrderOutcome created(final Pending item, final JsonNode body) {
        return new OrderOutcome(OrderOutcome.Status.CREATED, item.draft().externalDocumentNumber(), body.path("id").asText(null),
                body.path("number").asText(null), "salesOrders", null, null, item.draft().truncatedFields(),
                item.draft().reconciliationDifference());
    }

    private static OrderOutcome failed(final Pending item, final String code, final String message) {
        return new OrderOutcome(OrderOutcome.Status.FAILED, item.draft().externalDocumentNumber(), null, null, null, code, message,
                item.draft().truncatedFields(), item.draft().reconciliationDifference());
    }

    private static OrderOutcome repeat(final OrderOutcome first, final int firstIndex) {
        if (first.status() == OrderOutcome.Status.CANCELLED) {
            return first;
        }
        if (first.isSuccess()) {
            return new OrderOutcome(OrderOutcome.Status.ALREADY_PRESENT, first.externalDocumentNumber(), first.id(), first.number(),
                    first.documentType(), null, null, first.truncatedFields(), first.reconciliationDifference());
        }
        return new OrderOutcome(first.status(), first.externalDocumentNumber(), null, null, null, first.errorCode(),
                "Same external document number as record " + firstIndex + ": " + first.errorMessage(), first.truncatedFields(),
                first.reconciliationDifference());
    }

    private void pause(final Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorClass.TRANSIENT, 0, "INTERRUPTED", "Interrupted while backing off");
        }
    }

    private record Pending(int index, SalesOrderDraft draft) {
    }
}
