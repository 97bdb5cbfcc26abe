package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.OrderSyncState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incremental pass over a seller's Amazon orders by {@code LastUpdatedAfter}: the window [cursor - overlap,
 * now - 2 minutes] (getOrders refuses a later LastUpdatedBefore: its data lag two minutes), every page. Each order
 * version (AmazonOrderId + LastUpdateDate) is handled once:
 * <ul>
 *   <li>payment authorised (Unshipped, PartiallyShipped, Shipped, InvoiceUnconfirmed): its items are read
 *       (getOrderItems) and it goes to the sink;</li>
 *   <li>Canceled: to the sink without items, to cancel what the ERP holds;</li>
 *   <li>Pending, PendingAvailability (payment not authorised) and Unfulfillable: passed over; the next version is read when it changes;</li>
 *   <li>any other status: to the sink's {@code unknown}.</li>
 * </ul>
 * The usage plans are small (getOrders: one request a minute after a burst of 20). When a call would wait too long
 * for its plan, or a transient failure outlasts the retries, the pass stops where it is: what was handled stays
 * handled, and the window is resumed at the next run from the page it stopped at ({@link Resume}), so a large
 * backlog progresses by the plan's pace instead of reading its first pages again.
 */
public final class AmazonOrderSync {

    /** getOrders: "most updated orders data are available two minutes after an order is created or last updated". */
    public static final Duration SYSTEMATIC_DELAY = Duration.ofMinutes(2);

    /** Receives what a pass produces; the processor writes it into FlowFiles committed with the new state. */
    public interface Sink {
        void order(AmazonOrder order);

        void unknown(AmazonOrder order, String reason);
    }

    /**
     * A window being read: its end and the getOrders token of the next page (null before the first page).
     */
    public record Resume(Instant before, String nextToken) {

        static final String BEFORE = "window.before";
        static final String NEXT_TOKEN = "window.nextToken";

        public static Resume fromMap(final Map<String, String> map) {
            final String before = map.get(BEFORE);
            return before == null ? null : new Resume(Instant.parse(before), map.get(NEXT_TOKEN));
        }

        public Map<String, String> toMap() {
            final Map<String, String> map = new LinkedHashMap<>();
            map.put(BEFORE, before.toString());
            if (nextToken != null) {
                map.put(NEXT_TOKEN, nextToken);
            }
            return map;
        }
    }

    /**
     * What a pass did.
     *
     * @param resume null when the window was read whole; otherwise where the next pass goes on
     * @param stoppedBy the error code that stopped the pass early (QuotaExceeded, HTTP_503...), or null
     */
    public record Outcome(OrderSyncState state, Resume resume, int read, int emitted, int passedOver, String stoppedBy) {

        /** The state to keep: the sync's and, while a window is being read, where it stands. */
        public Map<String, String> toMap() {
            final Map<String, String> map = new HashMap<>(state.toMap());
            if (resume != null) {
                map.putAll(resume.toMap());
            }
            return map;
        }
    }

    private final OrdersV0 api;
    private final Duration overlap;
    private final int pageSize;

    public AmazonOrderSync(final OrdersV0 api, final Duration overlap, final int pageSize) {
        this.api = api;
        this.overlap = overlap;
        this.pageSize = Math.min(pageSize, OrdersV0.MAX_RESULTS_PER_PAGE);
    }

    /** @param stored the processor's state: the sync's ({@link OrderSyncState}) and the window being read ({@link Resume}) */
    public Outcome run(final Map<String, String> stored, final Instant now, final Instant initialStart, final Sink sink) {
        final OrderSyncState state = OrderSyncState.fromMap(stored);
        final Resume resumed = Resume.fromMap(stored);
        final Instant after = state.cursor() == null ? initialStart : state.cursor().minus(overlap);
        final Instant before = resumed != null ? resumed.before() : now.minus(SYSTEMATIC_DELAY).truncatedTo(ChronoUnit.SECONDS);
        if (!before.isAfter(after)) {
            return new Outcome(state, null, 0, 0, 0, null);
        }
        final Map<String, Instant> handled = new HashMap<>(state.handled());
        String token = resumed == null ? null : resumed.nextToken();
        String storedToken = token;
        int read = 0;
        int emitted = 0;
        int passedOver = 0;
        String stoppedBy = null;
        try {
            boolean first = token == null;
            while (first || token != null) {
                final OrdersV0.OrdersPage page;
                try {
                    page = first ? api.ordersUpdated(after, before, pageSize) : api.nextOrders(token);
                } catch (final ApiException e) {
                    if (first || e.isTransient() || storedToken == null || !storedToken.equals(token)) {
                        throw e;
                    }
                    // a token kept from an earlier run that Amazon no longer takes: the window is read again from its start
                    storedToken = null;
                    token = null;
                    first = true;
                    continue;
                }
                first = false;
                for (final JsonNode json : page.orders()) {
                    read++;
                    final AmazonOrder order = new AmazonOrder(json, List.of());
                    if (handled.containsKey(order.versionKey())) {
                        continue;
                    }
                    if (send(order, sink)) {
                        emitted++;
                    } else {
                        passedOver++;
                    }
                    handled.put(order.versionKey(), updated(order, before));
                }
                token = page.nextToken();
            }
        } catch (final ApiException e) {
            if (!e.isTransient()) {
                throw e;
            }
            stoppedBy = e.code();
        }
        final boolean whole = stoppedBy == null;
        final Instant cursor = whole ? before : state.cursor();
        // versions older than the next window's start (with a second overlap for late arrivals) cannot come back
        final Instant keepFrom = cursor == null ? null : cursor.minus(overlap.multipliedBy(2));
        handled.values().removeIf(updated -> keepFrom != null && updated.isBefore(keepFrom));
        return new Outcome(new OrderSyncState(cursor, handled), whole ? null : new Resume(before, token), read, emitted, passedOver, stoppedBy);
    }

    /** True when the version went to the sink. Items are read only for the orders that need them. */
    private boolean send(final AmazonOrder order, final Sink sink) {
        final String status = order.status();
        if (AmazonOrder.TO_FULFIL.contains(status)) {
            sink.order(new AmazonOrder(order.json(), api.orderItems(order.orderId())));
            return true;
        }
        if (AmazonOrder.CANCELED.equals(status)) {
            sink.order(order);
            return true;
        }
        if (AmazonOrder.PENDING.contains(status) || AmazonOrder.UNFULFILLABLE.equals(status)) {
            return false;
        }
        sink.unknown(order, "OrderStatus " + (status.isEmpty() ? "missing" : status) + " is not one of Amazon's documented statuses");
        return true;
    }

    private static Instant updated(final AmazonOrder order, final Instant fallback) {
        try {
            return Instant.parse(order.lastUpdateDate());
        } catch (final RuntimeException e) {
            return fallback;
        }
    }
}
