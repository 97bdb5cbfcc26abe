package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.OrderAdjustments;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Plays the shop's customer service: it cancels a few orders the 3PL has not shipped (with a refund, as
 * Shopify's admin does), some before they reach Business Central and some after, and refunds a returned
 * unit and the shipping of a few orders BC invoiced.
 */
final class CustomerService {

    /** Refunds of returns played per run. */
    static final int REFUNDS = 3;

    private final Shop shop;
    private final BcCompany bc;
    private final Set<String> cancelledInBc = new HashSet<>();
    private final Set<String> cancelledBeforeBc = new HashSet<>();
    private final Set<Long> refunded = new HashSet<>();

    CustomerService(final Shop shop, final BcCompany bc) {
        this.shop = shop;
        this.bc = bc;
    }

    /** Cancels up to {@code count} open B2C orders that have not shipped, preferring those BC {@code inBc} holds or not. */
    int cancel(final int count, final boolean inBc, final Predicate<String> shipped) {
        final Set<String> open = references(bc.salesOrders());
        final Set<String> invoiced = references(bc.salesInvoices());
        int cancelled = 0;
        for (final Order order : List.copyOf(shop.orders())) {
            if (cancelled == count) {
                break;
            }
            final String name = order.name();
            if (order.isB2b() || order.cancelledAt() != null || "FULFILLED".equals(order.fulfillmentStatus()) || invoiced.contains(name)
                    || shipped.test(name) || open.contains(name) != inBc || !refundsOf(order).isEmpty()) {
                continue;
            }
            if (shop.adjustments().cancel(order.id(), "CUSTOMER", true, true).isEmpty()) {
                (inBc ? cancelledInBc : cancelledBeforeBc).add(name);
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Refunds one returned unit and the shipping of up to {@code count} orders BC invoiced and nobody refunded yet. */
    int refundReturns(final int count) {
        final Set<String> invoiced = references(bc.salesInvoices());
        int done = 0;
        for (final Order order : List.copyOf(shop.orders())) {
            if (done == count) {
                break;
            }
            if (order.cancelledAt() != null || !invoiced.contains(order.name()) || refunded.contains(order.id()) || order.lines().isEmpty()) {
                continue;
            }
            final OrderAdjustments.Refunded refund = shop.adjustments().refund(order.id(), Map.of(order.lines().get(0).id(), 1), Map.of(),
                    "RETURN", true, "Returned by the customer");
            if (refund.error() == null) {
                refunded.add(order.id());
                done++;
            }
        }
        return done;
    }

    int refundsMade() {
        return refunded.size();
    }

    /** The scenario has happened: a cancellation once BC held the order and a refund of an invoiced one, whatever the machine's pace. */
    boolean played() {
        return !cancelledInBc.isEmpty() && !refunded.isEmpty();
    }

    int cancelledAfterReachingBc() {
        return cancelledInBc.size();
    }

    int cancelledBeforeReachingBc() {
        return cancelledBeforeBc.size();
    }

    private List<OrderAdjustments.RefundState> refundsOf(final Order order) {
        return shop.adjustments().refundsOf(order.id());
    }

    private static Set<String> references(final List<JsonNode> documents) {
        return documents.stream().map(d -> d.path("externalDocumentNumber").asText("")).collect(Collectors.toSet());
    }
}
