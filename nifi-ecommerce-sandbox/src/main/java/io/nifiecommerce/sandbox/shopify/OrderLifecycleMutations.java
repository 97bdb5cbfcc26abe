package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code orderCancel} and {@code refundCreate} on the simulated shop ({@link OrderAdjustments}). Shopify cancels
 * asynchronously and answers with a Job; the sandbox applies the cancellation at once and answers with a Job already done.
 */
final class OrderLifecycleMutations {

    private OrderLifecycleMutations() {
    }

    static DataFetcher<Object> cancel() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final OptionalLong orderId = Gid.parse(env.getArgument("orderId"), "Order");
            final Boolean refundArgument = env.getArgument("refund");
            final boolean refund = Boolean.TRUE.equals(refundArgument) || env.getArgument("refundMethod") != null;
            final boolean restock = Boolean.TRUE.equals(env.getArgument("restock"));
            final Object reason = env.getArgument("reason");
            final Optional<String> problem = orderId.isEmpty() ? Optional.of("Order does not exist")
                    : context.shop().adjustments().cancel(orderId.getAsLong(), String.valueOf(reason), refund, restock);
            final Map<String, Object> payload = new HashMap<>();
            if (problem.isPresent()) {
                final String code = problem.get().startsWith("Order does not exist") ? "NOT_FOUND" : "INVALID";
                payload.put("job", null);
                payload.put("orderCancelUserErrors", new UserErrors("OrderCancelUserError").add(List.of("orderId"), problem.get(), code).list());
                payload.put("userErrors", new UserErrors("UserError").add(List.of("orderId"), problem.get(), null).list());
            } else {
                payload.put("job", Map.of("__typename", "Job", "id", Gid.of("Job", orderId.getAsLong()), "done", true));
                payload.put("orderCancelUserErrors", List.of());
                payload.put("userErrors", List.of());
            }
            return payload;
        };
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> refund() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final Map<String, Object> input = env.getArgument("input");
            final OptionalLong orderId = Gid.parse((String) input.get("orderId"), "Order");
            final Map<Long, Integer> quantities = new LinkedHashMap<>();
            final Map<Long, String> restockTypes = new HashMap<>();
            final List<Map<String, Object>> lines = (List<Map<String, Object>>) input.getOrDefault("refundLineItems", List.of());
            for (final Map<String, Object> line : lines == null ? List.<Map<String, Object>>of() : lines) {
                final long lineId = Gid.parse((String) line.get("lineItemId"), "LineItem").orElse(-1L);
                quantities.merge(lineId, ((Number) line.get("quantity")).intValue(), Integer::sum);
                if (line.get("restockType") != null) {
                    restockTypes.put(lineId, String.valueOf(line.get("restockType")));
                }
            }
            final Map<String, Object> shipping = (Map<String, Object>) input.get("shipping");
            final boolean refundShipping = shipping != null && (Boolean.TRUE.equals(shipping.get("fullRefund")) || shipping.get("amount") != null);
            final OrderAdjustments.Refunded refunded = orderId.isEmpty() ? new OrderAdjustments.Refunded(null, "Order does not exist")
                    : context.shop().adjustments().refund(orderId.getAsLong(), quantities, restockTypes, "NO_RESTOCK", refundShipping,
                    (String) input.get("note"));
            final Map<String, Object> payload = new HashMap<>();
            if (refunded.error() != null) {
                payload.put("refund", null);
                payload.put("order", null);
                payload.put("userErrors", new UserErrors("UserError").add(List.of("input"), refunded.error(), null).list());
            } else {
                final var order = context.shop().order(orderId.getAsLong()).orElseThrow();
                payload.put("refund", context.graph().refund(order, refunded.refund()));
                payload.put("order", context.graph().order(order));
                payload.put("userErrors", List.of());
            }
            return payload;
        };
    }
}
