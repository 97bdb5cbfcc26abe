package io.nifiecommerce.edi;

import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Our answer to a retail buyer's order (ORDRSP): per line accepted, changed (another quantity) or refused.
 *
 * @param orderNumber the buyer's order number (BGM 1004 of its ORDERS)
 * @param orderDate the buyer's order date, or null
 * @param buyerGln NAD+BY of the order
 * @param deliveryGln NAD+DP of the order, or null
 * @param lines one per ordered line, in the order's order
 */
public record OrderResponse(String orderNumber, LocalDate orderDate, String buyerGln, String deliveryGln, List<Line> lines) {

    public OrderResponse {
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(buyerGln, "buyerGln");
        lines = List.copyOf(lines);
    }

    /** What happens to a line. */
    public enum Status {
        /** LIN 1229 = 5, accepted without amendment. */
        ACCEPTED("5"),
        /** LIN 1229 = 3, changed: another quantity will be delivered. */
        CHANGED("3"),
        /** LIN 1229 = 7, not accepted. */
        REFUSED("7");

        private final String code;

        Status(final String code) {
            this.code = code;
        }

        /** The EDIFACT action request code (1229). */
        public String code() {
            return code;
        }
    }

    /** @param confirmed the quantity we will deliver (0 when refused) */
    public record Line(String lineNumber, String gtin, BigDecimal ordered, BigDecimal confirmed, Status status) {
    }

    /** BGM 1225 of the whole response: 29 accepted without amendment, 27 not accepted, 4 changed. */
    public String responseCode() {
        if (lines.stream().allMatch(l -> l.status() == Status.ACCEPTED)) {
            return "29";
        }
        if (lines.stream().allMatch(l -> l.status() == Status.REFUSED)) {
            return "27";
        }
        return "4";
    }

    /** The same answer for every line of a canonical order read from EANCOM (company.id is the buyer's GLN). */
    public static OrderResponse of(final Order order, final Status status) {
        if (order.company() == null || order.company().id() == null) {
            throw new IllegalArgumentException("order " + order.name() + " names no buyer GLN (company.id): not an EANCOM order");
        }
        final LocalDate date = order.createdAt() == null || order.createdAt().length() < 10 ? null : LocalDate.parse(order.createdAt().substring(0, 10));
        return new OrderResponse(order.name(), date, order.company().id(), order.company().locationId(), order.lines().stream()
                .map(l -> line(l, status)).toList());
    }

    /**
     * An answer per line: {@code confirmed} gives, by the buyer's line number (LIN 1082, the canonical lineId), the quantity
     * we will deliver. A line it does not name, or names with the ordered quantity, is accepted; 0 refuses it; another
     * quantity changes it.
     *
     * @throws InvalidConfirmation for a negative quantity, or a line number the order does not have
     */
    public static OrderResponse of(final Order order, final Map<String, BigDecimal> confirmed) {
        final OrderResponse accepted = of(order, Status.ACCEPTED);
        final Set<String> unknown = new HashSet<>(confirmed.keySet());
        final List<Line> lines = accepted.lines().stream().map(line -> {
            unknown.remove(line.lineNumber());
            final BigDecimal quantity = confirmed.get(line.lineNumber());
            if (quantity == null || quantity.compareTo(line.ordered()) == 0) {
                return line;
            }
            if (quantity.signum() < 0) {
                throw new InvalidConfirmation("order " + order.name() + " line " + line.lineNumber() + ": confirmed quantity " + quantity
                        + " is negative");
            }
            return new Line(line.lineNumber(), line.gtin(), line.ordered(), quantity, quantity.signum() == 0 ? Status.REFUSED : Status.CHANGED);
        }).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidConfirmation("order " + order.name() + " has no line " + unknown.iterator().next());
        }
        return new OrderResponse(accepted.orderNumber(), accepted.orderDate(), accepted.buyerGln(), accepted.deliveryGln(), lines);
    }

    /** Per-line quantities that do not fit the order. */
    public static final class InvalidConfirmation extends IllegalArgumentException {
        public InvalidConfirmation(final String message) {
            super(message);
        }
    }

    private static Line line(final OrderLine line, final Status status) {
        final BigDecimal ordered = BigDecimal.valueOf(line.quantity());
        return new Line(line.lineId(), line.gtin(), ordered, status == Status.REFUSED ? BigDecimal.ZERO : ordered, status);
    }
}
