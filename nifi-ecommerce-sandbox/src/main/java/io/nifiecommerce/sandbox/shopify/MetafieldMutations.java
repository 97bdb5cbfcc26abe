package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code metafieldsSet} (on orders) and {@code tagsAdd} (on orders). metafieldsSet applies all or nothing: at most 25
 * metafields, an owner that exists, a key of 2 to 64 characters, a type for a metafield that has none yet; its
 * userErrors carry Shopify's codes. tagsAdd adds the tags the order lacks and, as Shopify does, moves its updatedAt.
 */
final class MetafieldMutations {

    static final int MAX_METAFIELDS = 25;

    private MetafieldMutations() {
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> set() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final List<Map<String, Object>> inputs = env.getArgument("metafields");
            final Shop shop = context.shop();
            final UserErrors errors = new UserErrors("MetafieldsSetUserError");
            if (inputs.size() > MAX_METAFIELDS) {
                errors.add(List.of("metafields"), "Exceeded the maximum metafields input limit of " + MAX_METAFIELDS + ".", "LESS_THAN_OR_EQUAL_TO");
            }
            for (int i = 0; i < inputs.size() && errors.isEmpty(); i++) {
                final Map<String, Object> input = inputs.get(i);
                final OptionalLong orderId = Gid.parse((String) input.get("ownerId"), "Order");
                final String namespace = input.get("namespace") == null ? "$app" : (String) input.get("namespace");
                final String key = (String) input.get("key");
                if (orderId.isEmpty() || shop.order(orderId.getAsLong()).isEmpty()) {
                    errors.add(UserErrors.path("metafields", i, "ownerId"), "Owner does not exist.", "INVALID");
                } else if (key.length() < 2 || key.length() > 64) {
                    errors.add(UserErrors.path("metafields", i, "key"), "Key is too short or too long.", key.length() < 2 ? "TOO_SHORT" : "TOO_LONG");
                } else if (input.get("type") == null && shop.metafields().get((String) input.get("ownerId"), namespace, key).isEmpty()) {
                    errors.add(UserErrors.path("metafields", i, "type"), "Type can't be blank.", "BLANK");
                }
            }
            final Map<String, Object> payload = new HashMap<>();
            if (!errors.isEmpty()) {
                payload.put("metafields", null);
                payload.put("userErrors", errors.list());
                return payload;
            }
            final List<Map<String, Object>> set = new ArrayList<>();
            for (final Map<String, Object> input : inputs) {
                final String ownerId = (String) input.get("ownerId");
                final String namespace = input.get("namespace") == null ? "$app" : (String) input.get("namespace");
                final String key = (String) input.get("key");
                final String type = input.get("type") != null ? (String) input.get("type")
                        : shop.metafields().get(ownerId, namespace, key).orElseThrow().type();
                shop.metafields().set(ownerId, namespace, key, new Metafields.Value(type, (String) input.get("value")));
                set.add(ShopGraph.metafield(ownerId, namespace, key, type, (String) input.get("value")));
            }
            payload.put("metafields", set);
            payload.put("userErrors", List.of());
            return payload;
        };
    }

    static DataFetcher<Object> addTags() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final OptionalLong orderId = Gid.parse(env.getArgument("id"), "Order");
            final List<String> tags = env.getArgument("tags");
            final Map<String, Object> payload = new HashMap<>();
            final var order = orderId.isEmpty() ? null : context.shop().order(orderId.getAsLong()).orElse(null);
            if (order == null) {
                payload.put("node", null);
                payload.put("userErrors", new UserErrors("UserError").add(List.of("id"), "Order does not exist", null).list());
                return payload;
            }
            final Set<String> merged = new LinkedHashSet<>(order.tags());
            tags.stream().map(String::trim).filter(t -> !t.isEmpty()).forEach(merged::add);
            final var updated = merged.size() == order.tags().size() ? order
                    : context.shop().touchOrder(order.id(), List.copyOf(merged)).orElseThrow();
            payload.put("node", context.graph().order(updated));
            payload.put("userErrors", List.of());
            return payload;
        };
    }
}
