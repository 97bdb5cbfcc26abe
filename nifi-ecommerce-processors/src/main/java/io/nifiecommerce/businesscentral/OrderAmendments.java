package io.nifiecommerce.businesscentral;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Order;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides about the orders that need more than a create: those BC already has, and those the shop
 * cancelled. An order is never dropped as already present when the shop has changed it since.
 * <ul>
 *   <li>cancelled before it reached BC: nothing is created (CANCELLED, no document);</li>
 *   <li>cancelled while its sales order is open and nothing has shipped: the sales order is deleted,
 *       as read (If-Match), since API v2.0 has no cancel action on salesOrders (CANCELLED, with its number);</li>
 *   <li>cancelled after a unit shipped, or once shipped and invoiced: FAILED with
 *       {@value #CANCELLED_AFTER_SHIPMENT}, for someone to take the goods back in BC;</li>
 *   <li>not cancelled, its sales order still open: its item quantities are compared with the shop's
 *       current ones; a difference is FAILED with {@value #ORDER_EDITED} and says what differs;</li>
 *   <li>otherwise ALREADY_PRESENT.</li>
 * </ul>
 * Costs one batched GET per order found open in BC (100 to a request), and one DELETE per cancellation.
 */
public final class OrderAmendments {

    public static final String ORDER_EDITED = "ORDER_EDITED_AFTER_CREATION";
    public static final String CANCELLED_AFTER_SHIPMENT = "ORDER_CANCELLED_AFTER_SHIPMENT";
    public static final String ORDER_MOVED = "ORDER_MOVED_WHILE_CANCELLING";
    private static final int OPERATIONS_PER_BATCH = 100;

    private final BusinessCentralClient client;
    private final String companyId;
    private final OpenSalesOrders openOrders;
    private final ItemResolver items;

    public OrderAmendments(final BusinessCentralClient client, final String companyId, final ItemResolver items) {
        this.client = client;
        this.companyId = companyId;
        this.openOrders = new OpenSalesOrders(client, companyId);
        this.items = items;
    }

    /**
     * @param found the document BC has for each order, null when none
     * @return one outcome per order, null for an order still to be created
     */
    public List<OrderOutcome> settle(final List<Order> orders, final List<String> documentNumbers, final List<ExistingDocument> found) {
        final OrderOutcome[] outcomes = new OrderOutcome[orders.size()];
        final List<Integer> open = new ArrayList<>();
        for (int k = 0; k < orders.size(); k++) {
            final ExistingDocument document = found.get(k);
            final boolean cancelled = isCancelled(orders.get(k));
            if (document == null) {
                outcomes[k] = cancelled ? OrderOutcome.cancelled(documentNumbers.get(k), null) : null;
            } else if (!ExistingDocuments.ENTITY_SETS.get(0).equals(document.entitySet())) {
                outcomes[k] = cancelled ? OrderOutcome.failed(documentNumbers.get(k), CANCELLED_AFTER_SHIPMENT, "Cancelled in the shop after "
                        + "Business Central posted it (" + document.entitySet() + " " + document.number() + "): take the goods back with a "
                        + "sales return or credit memo in Business Central") : OrderOutcome.present(documentNumbers.get(k), document);
            } else {
                open.add(k);
            }
        }
        if (open.isEmpty()) {
            return Arrays.asList(outcomes);
        }
        final Map<String, OpenSalesOrder> inBc = openOrders.read(open.stream().map(k -> found.get(k).id()).toList());
        final List<Integer> toCompare = new ArrayList<>();
        final List<Integer> toDelete = new ArrayList<>();
        for (final int k : open) {
            final ExistingDocument document = found.get(k);
            final OpenSalesOrder order = inBc.get(document.id());
            final boolean cancelled = isCancelled(orders.get(k));
            if (order == null) {
                // posted in full or deleted between the two reads: the next try finds where it went
                outcomes[k] = cancelled ? OrderOutcome.retry(documentNumbers.get(k), ORDER_MOVED, "Sales order " + document.number()
                        + " left salesOrders while being cancelled") : OrderOutcome.present(documentNumbers.get(k), document);
            } else if (cancelled && order.anyShipped()) {
                outcomes[k] = OrderOutcome.failed(documentNumbers.get(k), CANCELLED_AFTER_SHIPMENT, "Cancelled in the shop but sales order "
                        + order.number() + " has shipped in part: cancel what is left and take the goods back in Business Central");
            } else if (cancelled) {
                toDelete.add(k);
            } else {
                toCompare.add(k);
            }
        }
        compare(orders, documentNumbers, found, inBc, toCompare, outcomes);
        delete(documentNumbers, found, inBc, toDelete, outcomes);
        return Arrays.asList(outcomes);
    }

    static boolean isCancelled(final Order order) {
        return order.cancelledAt() != null && !order.cancelledAt().isBlank();
    }

    private void compare(final List<Order> orders, final List<String> documentNumbers, final List<ExistingDocument> found,
                         final Map<String, OpenSalesOrder> inBc, final List<Integer> toCompare, final OrderOutcome[] outcomes) {
        if (toCompare.isEmpty()) {
            return;
        }
        final List<Resolution<List<String>>> itemNumbers = items.resolve(toCompare.stream().map(orders::get).toList());
        for (int j = 0; j < toCompare.size(); j++) {
            final int k = toCompare.get(j);
            final ExistingDocument document = found.get(k);
            final Resolution<List<String>> resolution = itemNumbers.get(j);
            if (!resolution.isResolved()) {
                // a line whose item BC does not know cannot be on the sales order: the shop added it
                outcomes[k] = OrderOutcome.failed(documentNumbers.get(k), ORDER_EDITED, "Changed in the shop after sales order "
                        + document.number() + " was created: " + resolution.errorMessage());
                continue;
            }
            final List<String> differences = OrderChanges.between(orders.get(k), resolution.value(), inBc.get(document.id()));
            outcomes[k] = differences.isEmpty() ? OrderOutcome.present(documentNumbers.get(k), document)
                    : OrderOutcome.failed(documentNumbers.get(k), ORDER_EDITED, "Changed in the shop after sales order " + document.number()
                    + " was created; update the sales order in Business Central: " + String.join("; ", differences));
        }
    }

    private void delete(final List<String> documentNumbers, final List<ExistingDocument> found, final Map<String, OpenSalesOrder> inBc,
                        final List<Integer> toDelete, final OrderOutcome[] outcomes) {
        for (final List<Integer> chunk : ODataFilter.chunks(toDelete, OPERATIONS_PER_BATCH)) {
            final List<BatchOperation> operations = new ArrayList<>();
            final Map<String, Integer> byOperation = new HashMap<>();
            for (final int k : chunk) {
                final OpenSalesOrder order = inBc.get(found.get(k).id());
                final String id = String.valueOf(operations.size() + 1);
                operations.add(BatchOperation.delete(id, OpenSalesOrders.url(companyId, order.id()), order.etag()));
                byOperation.put(id, k);
            }
            final List<BatchResult> results;
            try {
                results = client.batch(operations, false, false);
            } catch (final ApiException e) {
                // sent once: the deletes may or may not have happened, and the next try looks again
                for (final int k : chunk) {
                    outcomes[k] = e.isTransient() ? OrderOutcome.retry(documentNumbers.get(k), e.code(), e.getMessage())
                            : OrderOutcome.failed(documentNumbers.get(k), e.code(), e.getMessage());
                }
                continue;
            }
            for (final BatchResult result : results) {
                final int k = byOperation.get(result.id());
                if (result.isSuccess() || result.status() == 404) {
                    outcomes[k] = OrderOutcome.cancelled(documentNumbers.get(k), found.get(k));
                } else if (result.isTransient() || result.status() == 409 || result.status() == 412) {
                    // changed in BC since read (409/412), or not confirmed: read again on the next try
                    outcomes[k] = OrderOutcome.retry(documentNumbers.get(k), result.errorCode(), result.errorMessage());
                } else {
                    outcomes[k] = OrderOutcome.failed(documentNumbers.get(k), result.errorCode(), "Cancelled in the shop, but Business Central "
                            + "refused to delete sales order " + found.get(k).number() + ": " + result.errorMessage());
                }
            }
        }
    }
}
