package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;
import io.nifiecommerce.sandbox.seed.Order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Order editing of shipping lines: {@code orderEditBegin} opens a calculated order (the order's shipping lines as
 * calculated shipping lines), {@code orderEditAddShippingLine} and {@code orderEditUpdateShippingLine} stage changes,
 * {@code orderEditCommit} applies them to the order. An edit never committed changes nothing, as in Shopify.
 */
final class OrderEdits {

    /** A staged shipping line: its id in the calculated order, title, price and staged status (NONE, ADDED). */
    static final class StagedLine {
        final long id;
        String title;
        BigDecimal price;
        final String status;
        final Order.ShippingLine original;

        StagedLine(final long id, final String title, final BigDecimal price, final String status, final Order.ShippingLine original) {
            this.id = id;
            this.title = title;
            this.price = price;
            this.status = status;
            this.original = original;
        }
    }

    /** An open edit of one order, kept by the shop until committed. */
    record Session(long orderId, List<StagedLine> lines) {
    }

    private OrderEdits() {
    }

    static DataFetcher<Object> begin() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final OptionalLong id = Gid.parse(env.getArgument("id"), "Order");
            final Optional<Order> order = id.isEmpty() ? Optional.empty() : context.shop().order(id.getAsLong());
            if (order.isEmpty()) {
                return payload("calculatedOrder", null, "UserError", List.of("id"), "The order does not exist.", null);
            }
            final List<StagedLine> lines = new ArrayList<>();
            for (final Order.ShippingLine line : order.get().shippingLines()) {
                lines.add(new StagedLine(context.shop().nextId(), line.title(), line.price(), "NONE", line));
            }
            final long sessionId = context.shop().nextId();
            final Session session = new Session(order.get().id(), lines);
            context.shop().orderEdits().put(sessionId, session);
            return payload("calculatedOrder", calculated(sessionId, session, order.get().currency()), null, null, null, null);
        };
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> addShippingLine() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Long sessionId = sessionId(env.getArgument("id"));
            final Session session = sessionId == null ? null : RootFields.context(env).shop().orderEdits().get(sessionId);
            if (session == null) {
                return payload("calculatedOrder", null, "OrderEditAddShippingLineUserError", List.of("id"), "The order edit does not exist.", "INVALID");
            }
            final Map<String, Object> input = env.getArgument("shippingLine");
            final Map<String, Object> price = (Map<String, Object>) input.get("price");
            final StagedLine line = new StagedLine(context.shop().nextId(), String.valueOf(input.get("title")),
                    new BigDecimal(String.valueOf(price.get("amount"))), "ADDED", null);
            session.lines().add(line);
            final String currency = String.valueOf(price.get("currencyCode"));
            final Map<String, Object> payload = payload("calculatedOrder", calculated(sessionId, session, currency), null, null, null, null);
            payload.put("calculatedShippingLine", calculatedLine(line, currency));
            return payload;
        };
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> updateShippingLine() {
        return env -> {
            final Long sessionId = sessionId(env.getArgument("id"));
            final Session session = sessionId == null ? null : RootFields.context(env).shop().orderEdits().get(sessionId);
            final OptionalLong lineId = Gid.parse(env.getArgument("shippingLineId"), "CalculatedShippingLine");
            final Optional<StagedLine> line = session == null || lineId.isEmpty() ? Optional.empty()
                    : session.lines().stream().filter(l -> l.id == lineId.getAsLong()).findFirst();
            if (line.isEmpty()) {
                return payload("calculatedOrder", null, "OrderEditUpdateShippingLineUserError", List.of("shippingLineId"),
                        "The shipping line does not exist.", "INVALID");
            }
            final Map<String, Object> input = env.getArgument("shippingLine");
            String currency = "EUR";
            if (input.get("title") != null) {
                line.get().title = String.valueOf(input.get("title"));
            }
            if (input.get("price") != null) {
                final Map<String, Object> price = (Map<String, Object>) input.get("price");
                line.get().price = new BigDecimal(String.valueOf(price.get("amount")));
                currency = String.valueOf(price.get("currencyCode"));
            }
            return payload("calculatedOrder", calculated(sessionId, session, currency), null, null, null, null);
        };
    }

    static DataFetcher<Object> commit() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Long sessionId = sessionId(env.getArgument("id"));
            final Session session = sessionId == null ? null : context.shop().orderEdits().remove(sessionId);
            if (session == null) {
                return payload("order", null, "UserError", List.of("id"), "The order edit does not exist.", null);
            }
            final List<Order.ShippingLine> lines = new ArrayList<>();
            for (final StagedLine line : session.lines()) {
                final List<Order.TaxLine> taxes = line.original == null ? List.of() : line.original.taxLines();
                lines.add(new Order.ShippingLine(line.original == null ? context.shop().nextId() : line.original.id(), line.title,
                        line.original == null ? "custom" : line.original.code(), line.original == null ? null : line.original.carrier(), line.price, taxes));
            }
            final Optional<Order> edited = context.shop().replaceShippingLines(session.orderId(), lines);
            return payload("order", edited.map(context.graph()::order).orElse(null), null, null, null, null);
        };
    }

    private static Long sessionId(final String gid) {
        final OptionalLong id = Gid.parse(gid, "CalculatedOrder");
        return id.isEmpty() ? null : id.getAsLong();
    }

    private static Map<String, Object> calculated(final long sessionId, final Session session, final String currency) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CalculatedOrder");
        map.put("id", Gid.of("CalculatedOrder", sessionId));
        map.put("shippingLines", session.lines().stream().map(line -> calculatedLine(line, currency)).toList());
        return map;
    }

    private static Map<String, Object> calculatedLine(final StagedLine line, final String currency) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CalculatedShippingLine");
        map.put("id", Gid.of("CalculatedShippingLine", line.id));
        map.put("title", line.title);
        map.put("stagedStatus", line.status);
        map.put("price", MoneyBag.bag(line.price, currency));
        return map;
    }

    private static Map<String, Object> payload(final String field, final Object value, final String errorType, final List<String> errorField,
                                               final String message, final String code) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put(field, value);
        payload.put("userErrors", message == null ? List.of() : new UserErrors(errorType).add(errorField, message, code).list());
        return payload;
    }
}
