package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.order.RefundLine;
import io.nifiecommerce.order.Segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates one BC sales credit memo per refund, never two:
 * <ol>
 *   <li>one batched lookup of the refunds' external document numbers ({@value CreditMemoMapper#REFERENCE_PREFIX}
 *       and the refund's id) in salesCreditMemos (drafts and posted alike), and of their orders in
 *       salesInvoices and salesOrders: credit memos found are ALREADY_PRESENT;</li>
 *   <li>an invoiced order's refund is credited against that invoice, on the invoice's customer;</li>
 *   <li>a refund of an order still open in BC is FAILED with {@value #REFUND_BEFORE_INVOICE}: nothing was invoiced,
 *       the sales order must be reduced instead (RETRY while the order is cancelled: its sales order is being deleted);</li>
 *   <li>a refund of an order BC has never had (cancelled before it got there) is NOT_INVOICED;</li>
 *   <li>deep inserts in {@code $batch} requests of up to 100, sent once: what is not confirmed is RETRY, and
 *       the next try looks it up again before sending.</li>
 * </ol>
 */
public final class CreditMemoSubmitter {

    public static final String REFUND_BEFORE_INVOICE = "REFUND_BEFORE_INVOICE";
    public static final String ORDER_BEING_CANCELLED = "ORDER_BEING_CANCELLED";
    public static final String UNMAPPABLE_REFUND = "UNMAPPABLE_REFUND";
    static final String CREDIT_MEMOS = "salesCreditMemos";
    private static final int PER_BATCH = 100;

    private final BusinessCentralClient client;
    private final String companyId;
    private final SalesOrderMapper orders;
    private final CreditMemoMapper mapper;
    private final BatchedLookup lookup;
    private final ItemResolver items;

    public CreditMemoSubmitter(final BusinessCentralClient client, final String companyId, final SalesOrderMapper orders,
                               final BatchedLookup lookup, final ItemResolver items) {
        this.client = client;
        this.companyId = companyId;
        this.orders = orders;
        this.mapper = new CreditMemoMapper(orders);
        this.lookup = lookup;
        this.items = items;
    }

    public java.net.URI endpointUri() {
        return client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, CREDIT_MEMOS));
    }

    /** One outcome per refund, in input order; its external document number is the credit memo's. */
    public List<OrderOutcome> submit(final List<Refund> refunds) {
        final OrderOutcome[] outcomes = new OrderOutcome[refunds.size()];
        final List<String> references = refunds.stream().map(CreditMemoMapper::externalDocumentNumber).toList();
        final List<String> orderReferences = refunds.stream().map(refund -> orders.externalDocumentNumber(asOrder(refund))).toList();
        final List<Map<String, List<JsonNode>>> found;
        try {
            found = lookup.find(List.of(
                    new LookupQuery(CREDIT_MEMOS, ExistingDocuments.FIELD, references, "id,number," + ExistingDocuments.FIELD),
                    new LookupQuery("salesInvoices", ExistingDocuments.FIELD, orderReferences, "id,number,customerNumber," + ExistingDocuments.FIELD),
                    new LookupQuery("salesOrders", ExistingDocuments.FIELD, orderReferences, "id,number," + ExistingDocuments.FIELD)));
        } catch (final ApiException e) {
            for (int i = 0; i < refunds.size(); i++) {
                outcomes[i] = unresolved(references.get(i), e);
            }
            return List.of(outcomes);
        }
        final Map<String, Integer> first = new HashMap<>();
        final List<Integer> toCreate = new ArrayList<>();
        final Map<Integer, JsonNode> invoices = new HashMap<>();
        for (int i = 0; i < refunds.size(); i++) {
            final String reference = references.get(i);
            final Integer earlier = first.putIfAbsent(reference, i);
            if (earlier != null) {
                continue;
            }
            final JsonNode memo = only(found.get(0), reference);
            final JsonNode invoice = only(found.get(1), orderReferences.get(i));
            final JsonNode open = only(found.get(2), orderReferences.get(i));
            if (memo != null) {
                outcomes[i] = OrderOutcome.present(reference, new ExistingDocument(CREDIT_MEMOS, memo.path("id").asText(null), memo.path("number").asText(null)));
            } else if (invoice != null) {
                invoices.put(i, invoice);
                toCreate.add(i);
            } else if (open != null && refunds.get(i).orderCancelled()) {
                outcomes[i] = OrderOutcome.retry(reference, ORDER_BEING_CANCELLED, "Order " + refunds.get(i).orderName()
                        + " is cancelled and its sales order " + open.path("number").asText() + " not yet deleted");
            } else if (open != null) {
                outcomes[i] = OrderOutcome.failed(reference, REFUND_BEFORE_INVOICE, "Refund of order " + refunds.get(i).orderName()
                        + " before Business Central invoiced it: nothing to credit; reduce sales order " + open.path("number").asText()
                        + " instead");
            } else {
                outcomes[i] = new OrderOutcome(OrderOutcome.Status.NOT_INVOICED, reference, null, null, null, null, null, null, null);
            }
        }
        create(refunds, references, toCreate, invoices, outcomes);
        for (int i = 0; i < refunds.size(); i++) {
            final int earlier = first.get(references.get(i));
            if (earlier != i) {
                final OrderOutcome o = outcomes[earlier];
                outcomes[i] = o.isSuccess() ? new OrderOutcome(OrderOutcome.Status.ALREADY_PRESENT, o.externalDocumentNumber(), o.id(), o.number(),
                        o.documentType(), null, null, null, null) : o;
            }
        }
        return List.of(outcomes);
    }

    private void create(final List<Refund> refunds, final List<String> references, final List<Integer> toCreate,
                        final Map<Integer, JsonNode> invoices, final OrderOutcome[] outcomes) {
        final List<Resolution<List<String>>> itemNumbers = items.resolve(toCreate.stream().map(i -> asOrder(refunds.get(i))).toList());
        final List<Integer> ready = new ArrayList<>();
        final Map<Integer, ObjectNode> bodies = new HashMap<>();
        for (int k = 0; k < toCreate.size(); k++) {
            final int i = toCreate.get(k);
            if (!itemNumbers.get(k).isResolved()) {
                outcomes[i] = OrderOutcome.failed(references.get(i), itemNumbers.get(k).errorCode(), itemNumbers.get(k).errorMessage());
                continue;
            }
            final JsonNode invoice = invoices.get(i);
            try {
                bodies.put(i, mapper.map(refunds.get(i), invoice.path("customerNumber").asText(), invoice.path("id").asText(null),
                        itemNumbers.get(k).value()));
                ready.add(i);
            } catch (final IllegalArgumentException | ArithmeticException e) {
                outcomes[i] = OrderOutcome.failed(references.get(i), UNMAPPABLE_REFUND, "The refund cannot be mapped to a credit memo: " + e.getMessage());
            }
        }
        for (final List<Integer> chunk : ODataFilter.chunks(ready, PER_BATCH)) {
            final List<BatchOperation> operations = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                operations.add(BatchOperation.post(String.valueOf(j + 1), BusinessCentralEndpoint.companyPath(companyId, CREDIT_MEMOS),
                        bodies.get(chunk.get(j))));
            }
            final List<BatchResult> results;
            try {
                results = client.batch(operations, false, false);
            } catch (final ApiException e) {
                chunk.forEach(i -> outcomes[i] = unresolved(references.get(i), e));
                continue;
            }
            for (int j = 0; j < chunk.size(); j++) {
                final int i = chunk.get(j);
                final BatchResult result = results.get(j);
                if (result.isSuccess()) {
                    outcomes[i] = new OrderOutcome(OrderOutcome.Status.CREATED, references.get(i), result.body().path("id").asText(null),
                            result.body().path("number").asText(null), CREDIT_MEMOS, null, null, null, null);
                } else if (result.isTransient()) {
                    outcomes[i] = OrderOutcome.retry(references.get(i), result.errorCode(), result.errorMessage());
                } else {
                    outcomes[i] = OrderOutcome.failed(references.get(i), result.errorCode(), result.errorMessage());
                }
            }
        }
    }

    private static JsonNode only(final Map<String, List<JsonNode>> found, final String key) {
        final List<JsonNode> values = found.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static OrderOutcome unresolved(final String reference, final ApiException e) {
        return e.errorClass() == ErrorClass.PERMANENT ? OrderOutcome.failed(reference, e.code(), e.getMessage())
                : OrderOutcome.retry(reference, e.code(), e.getMessage());
    }

    /** The refunded order as far as the refund tells it: its reference for the lookup, its lines' SKUs for the items. */
    static Order asOrder(final Refund refund) {
        final List<OrderLine> lines = new ArrayList<>();
        for (final RefundLine line : refund.lines()) {
            lines.add(new OrderLine(line.lineId(), line.sku(), line.gtin(), line.title(), line.quantity(), BigDecimal.ZERO, null, null, null));
        }
        return new Order(refund.source(), refund.orderSourceId(), refund.orderName(), Segment.B2C, null, refund.createdAt(), null, null, null,
                refund.currency(), refund.taxesIncluded(), null, null, null, List.of(), null, null, null, null, null, null, lines, List.of(),
                null, null, null, null, null);
    }
}
