package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Order;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code orders} connection: filters of the search syntax, sort keys, and keyset cursors that
 * carry the sort value and id of the last order ({@code {"last_id":..,"last_value":..}} in base64,
 * like Shopify's), so an order updated between two pages moves to the end instead of shifting the
 * pages.
 */
final class OrderSearch {

    private OrderSearch() {
    }

    record Page(List<Order> orders, List<String> cursors, boolean hasNext, boolean hasPrevious) {
    }

    static boolean matches(final Order order, final SearchQuery.Term term) {
        if (term.field() == null) {
            final String text = term.value().toLowerCase(Locale.ROOT);
            return order.name().toLowerCase(Locale.ROOT).contains(text) || (order.email() != null && order.email().toLowerCase(Locale.ROOT).contains(text))
                    || (order.poNumber() != null && order.poNumber().toLowerCase(Locale.ROOT).contains(text));
        }
        final String value = term.value();
        return switch (term.field()) {
            case "updated_at" -> term.matchesTime(order.updatedAt());
            case "created_at" -> term.matchesTime(order.createdAt());
            case "processed_at" -> term.matchesTime(order.processedAt());
            case "status" -> status(order, value.toLowerCase(Locale.ROOT));
            case "financial_status" -> order.financialStatus().equalsIgnoreCase(value);
            case "fulfillment_status" -> fulfillment(order, value.toLowerCase(Locale.ROOT));
            case "tag" -> order.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(value));
            case "tag_not" -> order.tags().stream().noneMatch(tag -> tag.equalsIgnoreCase(value));
            case "name" -> order.name().equalsIgnoreCase(value) || order.name().equalsIgnoreCase("#" + value);
            case "email" -> value.equalsIgnoreCase(order.email());
            case "po_number" -> value.equalsIgnoreCase(order.poNumber());
            case "id" -> term.matchesNumber(order.id());
            case "customer_id" -> term.matchesNumber(order.customerId());
            case "sku" -> order.lines().stream().anyMatch(line -> value.equalsIgnoreCase(line.sku()));
            case "source_name" -> value.equalsIgnoreCase(order.sourceName());
            case "test" -> value.equalsIgnoreCase("false");
            case "current_total_price" -> term.matchesNumber(order.totalPrice().doubleValue());
            // A filter the sandbox does not know is ignored, as Shopify ignores unknown search fields.
            default -> !term.negated();
        };
    }

    private static boolean status(final Order order, final String status) {
        final boolean cancelled = order.cancelledAt() != null;
        final boolean closed = cancelled || "FULFILLED".equals(order.fulfillmentStatus());
        return switch (status) {
            case "any" -> true;
            case "open" -> !closed;
            case "closed" -> closed && !cancelled;
            case "cancelled" -> cancelled;
            case "not_closed" -> !closed;
            default -> false;
        };
    }

    private static boolean fulfillment(final Order order, final String status) {
        return switch (status) {
            case "unfulfilled", "unshipped" -> "UNFULFILLED".equals(order.fulfillmentStatus());
            case "shipped", "fulfilled" -> "FULFILLED".equals(order.fulfillmentStatus());
            case "partial" -> "PARTIALLY_FULFILLED".equals(order.fulfillmentStatus());
            default -> order.fulfillmentStatus().equalsIgnoreCase(status);
        };
    }

    static BigDecimal sortValue(final Order order, final String sortKey) {
        return switch (sortKey) {
            case "UPDATED_AT" -> BigDecimal.valueOf(order.updatedAt().toEpochMilli());
            case "CREATED_AT" -> BigDecimal.valueOf(order.createdAt().toEpochMilli());
            case "PROCESSED_AT" -> BigDecimal.valueOf(order.processedAt().toEpochMilli());
            case "TOTAL_PRICE", "CURRENT_TOTAL_PRICE" -> order.totalPrice();
            default -> BigDecimal.valueOf(order.id());
        };
    }

    static String cursor(final Order order, final String sortKey) {
        final String json = "{\"last_id\":" + order.id() + ",\"last_value\":\"" + sortValue(order, sortKey).toPlainString() + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The (value, id) position a cursor stands for; IllegalArgumentException when it is not one of ours. */
    static Position position(final String cursor) {
        final String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        final int idStart = json.indexOf("\"last_id\":") + 10;
        final int idEnd = json.indexOf(',', idStart);
        final int valueStart = json.indexOf("\"last_value\":\"") + 14;
        final int valueEnd = json.indexOf('"', valueStart);
        if (idStart < 10 || idEnd < 0 || valueStart < 14 || valueEnd < 0) {
            throw new IllegalArgumentException("Invalid cursor");
        }
        return new Position(new BigDecimal(json.substring(valueStart, valueEnd)), Long.parseLong(json.substring(idStart, idEnd).trim()));
    }

    record Position(BigDecimal value, long id) {
        int compareTo(final Order order, final String sortKey) {
            final int byValue = value.compareTo(sortValue(order, sortKey));
            return byValue != 0 ? byValue : Long.compare(id, order.id());
        }
    }

    static Page page(final List<Order> matching, final String sortKey, final PageArguments args, final int bulkLimit) {
        Comparator<Order> order = Comparator.comparing((Order o) -> sortValue(o, sortKey)).thenComparingLong(Order::id);
        if (args.reverse()) {
            order = order.reversed();
        }
        final int direction = args.reverse() ? -1 : 1;
        final Position after = args.after() == null ? null : position(args.after());
        final Position before = args.before() == null ? null : position(args.before());
        final List<Order> window = new ArrayList<>();
        for (final Order candidate : matching) {
            if (after != null && direction * after.compareTo(candidate, sortKey) >= 0) {
                continue;
            }
            if (before != null && direction * before.compareTo(candidate, sortKey) <= 0) {
                continue;
            }
            window.add(candidate);
        }
        window.sort(order);
        final List<Order> slice;
        boolean hasNext = false;
        boolean hasPrevious = after != null;
        if (args.first() != null || args.last() == null) {
            final int size = args.first() != null ? args.first() : bulkLimit;
            slice = window.subList(0, Math.min(size, window.size()));
            hasNext = window.size() > size;
        } else {
            final int size = args.last();
            slice = window.subList(Math.max(0, window.size() - size), window.size());
            hasPrevious = window.size() > size;
            hasNext = before != null;
        }
        final List<String> cursors = slice.stream().map(o -> cursor(o, sortKey)).toList();
        return new Page(List.copyOf(slice), cursors, hasNext, hasPrevious);
    }
}
