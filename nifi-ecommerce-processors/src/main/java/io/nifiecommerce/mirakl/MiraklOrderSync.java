package io.nifiecommerce.mirakl;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.OrderSyncState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One incremental pass over a marketplace's orders (OR11 by update date, every page of the window [cursor - overlap,
 * now]): orders WAITING_ACCEPTANCE are decided by the {@link AcceptancePolicy} and answered with OR21 (and read back,
 * for those the operator debits at once); orders the
 * seller must fulfil (SHIPPING and after) go to the sink once per version; the rest (waiting for the customer's
 * debit, refused, cancelled) are passed over and read again when they change.
 * <p>
 * OR11 pages by offset in creation order, so an order updated while the window is paged can leave it and shift the
 * next ones by one. The total count is compared between the first and the last page: when it moved, the cursor stays
 * where it was and the window is read again next time; the versions already handled are not handled twice.
 */
public final class MiraklOrderSync {

    /** Receives what a pass produces; the processor writes it into FlowFiles committed with the new state. */
    public interface Sink {
        void order(MiraklOrder order);

        void decision(MiraklOrder order, AcceptancePolicy.Decision decision);
    }

    /** What a pass did. */
    public record Outcome(OrderSyncState state, int read, int emitted, int decided, int passedOver, boolean windowMoved) {
    }

    /**
     * Orders whose operator debits the customer at acceptance are to be shipped at once: the orders just accepted are
     * read back (OR11 by ids, 100 a call) and those already debited go to the sink now rather than at the next run.
     */
    private int readBackAccepted(final List<MiraklOrder> decided, final Map<String, Instant> handled, final Sink sink) {
        final List<String> ids = decided.stream().map(MiraklOrder::orderId).toList();
        int emitted = 0;
        for (int i = 0; i < ids.size(); i += MiraklSellerApi.OR11_MAX_PAGE) {
            for (final MiraklOrder order : api.ordersById(ids.subList(i, Math.min(ids.size(), i + MiraklSellerApi.OR11_MAX_PAGE)))) {
                if (order.toFulfil() && !handled.containsKey(order.versionKey())) {
                    sink.order(order);
                    handled.put(order.versionKey(), Instant.parse(order.lastUpdatedDate()));
                    emitted++;
                }
            }
        }
        return emitted;
    }

    private final MiraklSellerApi api;
    private final AcceptancePolicy policy;
    private final Duration overlap;
    private final int pageSize;

    public MiraklOrderSync(final MiraklSellerApi api, final AcceptancePolicy policy, final Duration overlap, final int pageSize) {
        this.api = api;
        this.policy = policy;
        this.overlap = overlap;
        this.pageSize = Math.min(pageSize, MiraklSellerApi.OR11_MAX_PAGE);
    }

    public Outcome run(final OrderSyncState state, final Instant now, final Instant initialStart, final Sink sink) {
        final Instant from = state.cursor() == null ? initialStart : state.cursor().minus(overlap);
        final List<MiraklOrder> window = new ArrayList<>();
        int offset = 0;
        int firstTotal = -1;
        int lastTotal;
        while (true) {
            final MiraklSellerApi.OrderPage page = api.listOrdersUpdated(from, now, offset, pageSize);
            firstTotal = firstTotal < 0 ? page.totalCount() : firstTotal;
            lastTotal = page.totalCount();
            window.addAll(page.orders());
            offset += page.orders().size();
            if (page.orders().isEmpty() || offset >= page.totalCount()) {
                break;
            }
        }
        final Map<String, Instant> handled = new HashMap<>(state.handled());
        final List<MiraklOrder> waiting = new ArrayList<>();
        int emitted = 0;
        int passedOver = 0;
        for (final MiraklOrder order : window) {
            if (handled.containsKey(order.versionKey())) {
                continue;
            }
            if (order.waitingAcceptance()) {
                waiting.add(order);
                continue;
            }
            if (order.toFulfil()) {
                sink.order(order);
                emitted++;
            } else {
                passedOver++;
            }
            handled.put(order.versionKey(), Instant.parse(order.lastUpdatedDate()));
        }
        int decided = 0;
        for (final AcceptancePolicy.Decision decision : policy.decide(waiting)) {
            final MiraklOrder order = waiting.stream().filter(o -> o.orderId().equals(decision.orderId())).findFirst().orElseThrow();
            try {
                api.acceptLines(order.orderId(), decision.acceptedByLineId());
                sink.decision(order, decision);
                decided++;
            } catch (final ApiException e) {
                // decided already (a replay after a crash between OR21 and the commit): Mirakl refuses a second decision
                if (!"ORDER_INVALID_STATE".equals(e.code())) {
                    throw e;
                }
            }
            handled.put(order.versionKey(), Instant.parse(order.lastUpdatedDate()));
        }
        emitted += readBackAccepted(waiting, handled, sink);
        final boolean moved = firstTotal != lastTotal;
        final Instant cursor = moved ? state.cursor() : now;
        // versions older than the next window's start (and OR11's own delta, within a second overlap) cannot come back
        final Instant keepFrom = cursor == null ? null : cursor.minus(overlap.multipliedBy(2));
        handled.values().removeIf(updated -> keepFrom != null && updated.isBefore(keepFrom));
        return new Outcome(new OrderSyncState(cursor, handled), window.size(), emitted, decided, passedOver, moved);
    }
}
