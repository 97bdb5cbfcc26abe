package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens to a simulated order after it is placed: cancellation (orderCancel), refunds (refundCreate, or
 * the refund a cancellation makes) and edits that remove units. Each bumps the order's updatedAt, as Shopify does,
 * so that a poll by updated_at sees it again. A line's currentQuantity is its quantity less the units refunded
 * or removed; the financial status becomes PARTIALLY_REFUNDED or REFUNDED. The shop's inventory is not
 * restocked here: in the bundle, stock follows the ERP.
 */
public final class OrderAdjustments {

    /** One refunded line; amounts are the line's discounted price and tax in proportion to the units refunded. */
    public record RefundedLine(long lineItemId, int quantity, String restockType, Long locationId, BigDecimal subtotal, BigDecimal tax) {
    }

    /** One refund of an order. */
    public record RefundState(long id, long orderId, Instant createdAt, String note, List<RefundedLine> lines,
                              BigDecimal shipping, BigDecimal shippingTax) {

        public BigDecimal total(final boolean taxesIncluded) {
            BigDecimal total = shipping;
            for (final RefundedLine line : lines) {
                total = total.add(line.subtotal()).add(taxesIncluded ? BigDecimal.ZERO : line.tax());
            }
            return taxesIncluded ? total : total.add(shippingTax);
        }
    }

    private final Shop shop;
    private final Map<Long, List<RefundState>> refunds = new ConcurrentHashMap<>();
    private final Map<Long, Integer> removedUnits = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(7_000_000_000_000L);

    OrderAdjustments(final Shop shop) {
        this.shop = shop;
    }

    void clear() {
        refunds.clear();
        removedUnits.clear();
    }

    public List<RefundState> refundsOf(final long orderId) {
        return List.copyOf(refunds.getOrDefault(orderId, List.of()));
    }

    /** Units still ordered on a line: less those refunded and those removed by edits. */
    public int currentQuantity(final Order order, final Order.OrderLine line) {
        final int refunded = refundsOf(order.id()).stream().flatMap(r -> r.lines().stream()).filter(l -> l.lineItemId() == line.id())
                .mapToInt(RefundedLine::quantity).sum();
        return Math.max(0, line.quantity() - refunded - removedUnits.getOrDefault(line.id(), 0));
    }

    /**
     * orderCancel: the order is cancelled and its open fulfillment orders closed; with {@code refund}, every unit not
     * refunded yet and the shipping are refunded, restock type CANCEL when {@code restock}, else NO_RESTOCK.
     *
     * @return the user error's message, empty when applied
     */
    public synchronized Optional<String> cancel(final long orderId, final String reason, final boolean refund, final boolean restock) {
        final Order order = shop.order(orderId).orElse(null);
        if (order == null) {
            return Optional.of("Order does not exist");
        }
        if (order.cancelledAt() != null) {
            return Optional.of("Cannot cancel an order that has already been cancelled");
        }
        if ("FULFILLED".equals(order.fulfillmentStatus())) {
            return Optional.of("Cannot cancel a fulfilled order");
        }
        if (refund) {
            final LinkedHashMap<Long, Integer> quantities = new LinkedHashMap<>();
            for (final Order.OrderLine line : order.lines()) {
                final int left = currentQuantity(order, line);
                if (left > 0) {
                    quantities.put(line.id(), left);
                }
            }
            record(order, quantities, Map.of(), restock ? "CANCEL" : "NO_RESTOCK", true, "Order cancelled: " + reason);
        }
        shop.fulfillmentOrdersOf(orderId).forEach(fo -> fo.status = "CLOSED");
        final String status = refund ? "REFUNDED" : "VOIDED";
        shop.replaceOrder(shop.order(orderId).orElseThrow().withCancellation(shop.tick(), reason, status));
        return Optional.empty();
    }

    /**
     * refundCreate: refunds units of lines (with a restock type) and, with {@code refundShipping}, the shipping.
     *
     * @param quantities units to refund by line item id
     * @param restockTypes the restock type of a line when it is not {@code restockType}
     * @return the refund, or the user error's message
     */
    public synchronized Refunded refund(final long orderId, final Map<Long, Integer> quantities, final Map<Long, String> restockTypes,
                                        final String restockType, final boolean refundShipping, final String note) {
        final Order order = shop.order(orderId).orElse(null);
        if (order == null) {
            return new Refunded(null, "Order does not exist");
        }
        for (final Map.Entry<Long, Integer> entry : quantities.entrySet()) {
            final Order.OrderLine line = order.lines().stream().filter(l -> l.id() == entry.getKey()).findFirst().orElse(null);
            if (line == null) {
                return new Refunded(null, "Line item does not exist");
            }
            if (entry.getValue() <= 0 || entry.getValue() > currentQuantity(order, line)) {
                return new Refunded(null, "Quantity cannot refund more items than were purchased");
            }
        }
        final RefundState refund = record(order, quantities, restockTypes, restockType, refundShipping, note);
        final boolean everything = order.lines().stream().allMatch(line -> currentQuantity(order, line) == 0);
        shop.replaceOrder(order.withUpdate(shop.tick(), order.tags(), everything ? "REFUNDED" : "PARTIALLY_REFUNDED"));
        return new Refunded(refund, null);
    }

    /** The outcome of refundCreate: the refund, or why not. */
    public record Refunded(RefundState refund, String error) {
    }

    /** An order edit that leaves {@code quantity} units on a line (removing the others), as orderEditSetQuantity then commit does. */
    public synchronized boolean editQuantity(final long orderId, final long lineItemId, final int quantity) {
        final Order order = shop.order(orderId).orElse(null);
        if (order == null || order.cancelledAt() != null) {
            return false;
        }
        final Order.OrderLine line = order.lines().stream().filter(l -> l.id() == lineItemId).findFirst().orElse(null);
        if (line == null || quantity < 0 || quantity > currentQuantity(order, line)) {
            return false;
        }
        removedUnits.merge(lineItemId, currentQuantity(order, line) - quantity, Integer::sum);
        shop.replaceOrder(order.withUpdate(shop.tick(), order.tags(), order.financialStatus()));
        return true;
    }

    private RefundState record(final Order order, final Map<Long, Integer> quantities, final Map<Long, String> restockTypes,
                               final String restockType, final boolean shipping, final String note) {
        final List<RefundedLine> lines = new ArrayList<>();
        for (final Order.OrderLine line : order.lines()) {
            final Integer units = quantities.get(line.id());
            if (units == null) {
                continue;
            }
            final BigDecimal share = BigDecimal.valueOf(units).divide(BigDecimal.valueOf(line.quantity()), 10, RoundingMode.HALF_EVEN);
            final BigDecimal tax = line.taxLines().stream().map(Order.TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            lines.add(new RefundedLine(line.id(), units, restockTypes.getOrDefault(line.id(), restockType), null,
                    line.discountedTotal().multiply(share).setScale(2, RoundingMode.HALF_EVEN), tax.multiply(share).setScale(2, RoundingMode.HALF_EVEN)));
        }
        final boolean shippingLeft = shipping && refundsOf(order.id()).stream().noneMatch(r -> r.shipping().signum() > 0);
        final BigDecimal shippingAmount = shippingLeft ? order.totalShipping() : BigDecimal.ZERO;
        final BigDecimal shippingTax = shippingLeft ? order.shippingLines().stream().flatMap(l -> l.taxLines().stream())
                .map(Order.TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add) : BigDecimal.ZERO;
        final RefundState refund = new RefundState(ids.incrementAndGet(), order.id(), shop.tick(), note, List.copyOf(lines), shippingAmount, shippingTax);
        refunds.computeIfAbsent(order.id(), k -> new CopyOnWriteArrayList<>()).add(refund);
        return refund;
    }
}
