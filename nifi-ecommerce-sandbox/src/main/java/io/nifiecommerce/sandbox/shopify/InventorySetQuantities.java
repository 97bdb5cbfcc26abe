package io.nifiecommerce.sandbox.shopify;

import graphql.execution.DataFetcherResult;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.SourceLocation;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code inventorySetQuantities} with the 2026-04 contract: {@code @idempotent(key:)} is required,
 * every quantity carries {@code changeFromQuantity} (null opts out of compare-and-set), at most 250
 * quantities, all-or-nothing validation with Shopify's userErrors codes and messages, and a
 * repeated key with the same input answers the first result without applying twice.
 */
final class InventorySetQuantities implements DataFetcher<Object> {

    static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged", "movement_canceled",
            "movement_created", "movement_received", "movement_updated", "other", "promotion", "quality_control", "received",
            "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage");
    private static final String REASON_MESSAGE = "The specified reason is invalid. Valid values are: " + String.join(", ",
            REASONS.stream().sorted().toList()) + ".";
    private static final int MAX_QUANTITY = 1_000_000_000;

    @Override
    @SuppressWarnings("unchecked")
    public Object get(final DataFetchingEnvironment env) {
        final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
        final List<Object> path = env.getExecutionStepInfo().getPath().toList();
        final SourceLocation location = env.getField().getSourceLocation();
        final List<Directive> idempotent = env.getField().getDirectives("idempotent");
        if (idempotent.isEmpty()) {
            return DataFetcherResult.newResult().error(ShopifyError.of(
                    "The @idempotent directive is required for this mutation but was not provided.", "BAD_REQUEST",
                    List.of(location), path)).build();
        }
        final Map<String, Object> input = env.getArgument("input");
        final List<Map<String, Object>> quantities = (List<Map<String, Object>>) input.get("quantities");
        if (quantities.size() > ConnectionPage.MAX_PAGE) {
            return DataFetcherResult.newResult().error(ShopifyError.of("The input array size of " + quantities.size()
                    + " is greater than the maximum allowed of " + ConnectionPage.MAX_PAGE + ".", "MAX_INPUT_SIZE_EXCEEDED",
                    List.of(location), List.of(env.getField().getName(), "input", "quantities"))).build();
        }
        if (quantities.stream().anyMatch(quantity -> !quantity.containsKey("changeFromQuantity"))) {
            final List<SourceLocation> locations = new ArrayList<>();
            locations.add(location);
            argumentLocation(env).ifPresent(locations::add);
            return DataFetcherResult.newResult().error(ShopifyError.of(
                    "InventoryQuantityInput must include the following argument: changeFromQuantity.", "INVALID_FIELD_ARGUMENTS",
                    locations, path)).build();
        }
        final String key = String.valueOf(keyOf(idempotent.get(0), env));
        final Shop shop = context.shop();
        synchronized (shop) {
            final var remembered = context.operations().remembered("inventorySetQuantities:" + key);
            if (remembered.isPresent()) {
                if (remembered.get().input().equals(input)) {
                    return remembered.get().payload();
                }
                return payload(null, new UserErrors("InventorySetQuantitiesUserError").add(UserErrors.path("input"),
                        "The same idempotency key was used with different parameters.", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH").list());
            }
            final UserErrors errors = validate(shop, input, quantities);
            final Map<String, Object> payload;
            if (!errors.isEmpty()) {
                payload = payload(null, errors.list());
            } else {
                payload = payload(apply(context, input, quantities), List.of());
            }
            context.operations().remember("inventorySetQuantities:" + key, input, payload);
            return payload;
        }
    }

    private static Object keyOf(final Directive directive, final DataFetchingEnvironment env) {
        final Argument argument = directive.getArgument("key");
        if (argument == null) {
            return null;
        }
        if (argument.getValue() instanceof VariableReference reference) {
            return env.getVariables().get(reference.getName());
        }
        if (argument.getValue() instanceof graphql.language.StringValue string) {
            return string.getValue();
        }
        return argument.getValue().toString();
    }

    private static java.util.Optional<SourceLocation> argumentLocation(final DataFetchingEnvironment env) {
        final Argument argument = env.getField().getArguments().stream().filter(a -> a.getName().equals("input")).findFirst().orElse(null);
        if (argument == null) {
            return java.util.Optional.empty();
        }
        if (argument.getValue() instanceof VariableReference reference) {
            return env.getOperationDefinition().getVariableDefinitions().stream().filter(v -> v.getName().equals(reference.getName()))
                    .findFirst().map(v -> v.getType().getSourceLocation());
        }
        return java.util.Optional.ofNullable(argument.getSourceLocation());
    }

    private static UserErrors validate(final Shop shop, final Map<String, Object> input, final List<Map<String, Object>> quantities) {
        final UserErrors errors = new UserErrors("InventorySetQuantitiesUserError");
        final String name = (String) input.get("name");
        if (!"available".equals(name) && !"on_hand".equals(name)) {
            errors.add(UserErrors.path("input", "name"), "The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME");
        }
        if (!REASONS.contains((String) input.get("reason"))) {
            errors.add(UserErrors.path("input", "reason"), REASON_MESSAGE, "INVALID_REASON");
        }
        final Map<String, Integer> pairs = new HashMap<>();
        final Set<Integer> duplicates = new HashSet<>();
        for (int i = 0; i < quantities.size(); i++) {
            final Map<String, Object> quantity = quantities.get(i);
            final String pair = quantity.get("inventoryItemId") + "|" + quantity.get("locationId");
            final Integer first = pairs.putIfAbsent(pair, i);
            if (first != null) {
                duplicates.add(first);
                duplicates.add(i);
            }
        }
        for (int i = 0; i < quantities.size(); i++) {
            final Map<String, Object> quantity = quantities.get(i);
            final OptionalLong item = Gid.parse((String) quantity.get("inventoryItemId"), "InventoryItem");
            final OptionalLong location = Gid.parse((String) quantity.get("locationId"), "Location");
            final boolean itemKnown = item.isPresent() && shop.variantByInventoryItem(item.getAsLong()).isPresent();
            final boolean locationKnown = location.isPresent() && shop.location(location.getAsLong()).isPresent();
            if (!itemKnown) {
                errors.add(UserErrors.path("input", "quantities", i, "inventoryItemId"), "The specified inventory item could not be found.",
                        "INVALID_INVENTORY_ITEM");
            }
            if (!locationKnown) {
                errors.add(UserErrors.path("input", "quantities", i, "locationId"), "The specified location could not be found.",
                        "INVALID_LOCATION");
            }
            final int value = ((Number) quantity.get("quantity")).intValue();
            if (value > MAX_QUANTITY) {
                errors.add(UserErrors.path("input", "quantities", i, "quantity"), "The quantity can't be higher than 1,000,000,000.",
                        "INVALID_QUANTITY_TOO_HIGH");
            } else if (value < -MAX_QUANTITY) {
                errors.add(UserErrors.path("input", "quantities", i, "quantity"), "The quantity can't be lower than -1,000,000,000.",
                        "INVALID_QUANTITY_TOO_LOW");
            } else if (value < 0 && "on_hand".equals(name)) {
                errors.add(UserErrors.path("input", "quantities", i, "quantity"), "The quantity can't be negative.", "INVALID_QUANTITY_NEGATIVE");
            }
            if (duplicates.contains(i)) {
                errors.add(UserErrors.path("input", "quantities", i, "locationId"),
                        "The combination of inventoryItemId and locationId must be unique.", "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR");
            }
            if (itemKnown && locationKnown) {
                final var stock = shop.stock(item.getAsLong(), location.getAsLong());
                if (stock.isEmpty()) {
                    errors.add(UserErrors.path("input", "quantities", i, "locationId"),
                            "The specified inventory item is not stocked at the location.", "ITEM_NOT_STOCKED_AT_LOCATION");
                } else if (quantity.get("changeFromQuantity") != null) {
                    final int expected = ((Number) quantity.get("changeFromQuantity")).intValue();
                    final int current = "on_hand".equals(name) ? stock.get().onHand() : stock.get().available;
                    if (expected != current) {
                        errors.add(UserErrors.path("input", "quantities", i, "changeFromQuantity"),
                                "The specified compare quantity does not match the current quantity.", "CHANGE_FROM_QUANTITY_STALE");
                    }
                }
            }
        }
        return errors;
    }

    private static Map<String, Object> apply(final RequestContext context, final Map<String, Object> input,
                                             final List<Map<String, Object>> quantities) {
        final Shop shop = context.shop();
        final Instant now = shop.tick();
        final String name = (String) input.get("name");
        final List<Map<String, Object>> changes = new ArrayList<>();
        for (final Map<String, Object> quantity : quantities) {
            final long item = Gid.parse((String) quantity.get("inventoryItemId"), "InventoryItem").getAsLong();
            final long location = Gid.parse((String) quantity.get("locationId"), "Location").getAsLong();
            final Shop.StockState state = shop.stock(item, location).orElseThrow();
            final int target = ((Number) quantity.get("quantity")).intValue();
            final int delta = "on_hand".equals(name) ? target - state.onHand() : target - state.available;
            state.available += delta;
            state.availableUpdatedAt = now;
            state.updatedAt = now;
            changes.add(change(context, "available", delta, item, location));
            changes.add(change(context, "on_hand", delta, item, location));
            context.stats().increment("shopify.inventory.levelsChanged");
        }
        final Map<String, Object> group = new HashMap<>();
        group.put("__typename", "InventoryAdjustmentGroup");
        group.put("id", Gid.of("InventoryAdjustmentGroup", shop.nextId()));
        group.put("createdAt", ShopGraph.time(now));
        group.put("reason", input.get("reason"));
        group.put("referenceDocumentUri", input.get("referenceDocumentUri"));
        group.put("changes", List.copyOf(changes));
        group.put("app", null);
        group.put("staffMember", null);
        return group;
    }

    private static Map<String, Object> change(final RequestContext context, final String name, final int delta, final long item,
                                              final long location) {
        final Map<String, Object> change = new HashMap<>();
        change.put("__typename", "InventoryChange");
        change.put("name", name);
        change.put("delta", delta);
        change.put("quantityAfterChange", null);
        change.put("ledgerDocumentUri", null);
        change.put("item", context.shop().variantByInventoryItem(item).map(context.graph()::inventoryItem).orElse(null));
        change.put("location", context.shop().location(location).map(context.graph()::location).orElse(null));
        return change;
    }

    private static Map<String, Object> payload(final Map<String, Object> group, final List<Map<String, Object>> errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put("inventoryAdjustmentGroup", group);
        payload.put("userErrors", errors);
        return payload;
    }
}
