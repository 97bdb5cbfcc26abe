package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * {@code fulfillmentCreate}, {@code fulfillmentTrackingInfoUpdate} and {@code fulfillmentEventCreate}. A fulfillment covers
 * fulfillment orders of one order at one location; quantities are checked in Shopify's order
 * (non-positive quantities, unknown fulfillment orders, several orders, several locations, closed
 * status, unknown lines, too much) with its messages, and nothing changes unless all pass.
 */
final class FulfillmentMutations {

    private FulfillmentMutations() {
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> create() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final Map<String, Object> input = env.getArgument("fulfillment");
            final List<Map<String, Object>> groups = (List<Map<String, Object>>) input.get("lineItemsByFulfillmentOrder");
            final Shop shop = context.shop();
            synchronized (shop) {
                final String problem = firstProblem(shop, groups);
                if (problem != null) {
                    return payload(null, errors(problem));
                }
                final FulfillmentState fulfillment = apply(context, input, groups);
                return payload(context.graph().fulfillment(fulfillment), List.of());
            }
        };
    }

    /** The first user error as "path|message", or null when the input is fulfillable. */
    @SuppressWarnings("unchecked")
    private static String firstProblem(final Shop shop, final List<Map<String, Object>> groups) {
        for (int g = 0; g < groups.size(); g++) {
            final List<Map<String, Object>> lines = (List<Map<String, Object>>) groups.get(g).get("fulfillmentOrderLineItems");
            for (int l = 0; lines != null && l < lines.size(); l++) {
                if (((Number) lines.get(l).get("quantity")).intValue() <= 0) {
                    return "fulfillment,lineItemsByFulfillmentOrder," + g + ",fulfillmentOrderLineItems," + l + ",quantity|Quantity must be greater than 0";
                }
            }
        }
        final List<FulfillmentOrderState> orders = new ArrayList<>();
        for (final Map<String, Object> group : groups) {
            final OptionalLong id = Gid.parse((String) group.get("fulfillmentOrderId"), "FulfillmentOrder");
            final Optional<FulfillmentOrderState> state = id.isPresent() ? shop.fulfillmentOrder(id.getAsLong()) : Optional.empty();
            if (state.isEmpty()) {
                return "fulfillment|Fulfillment order does not exist.";
            }
            orders.add(state.get());
        }
        final TreeSet<Long> orderIds = new TreeSet<>(orders.stream().map(fo -> fo.orderId).toList());
        if (orderIds.size() > 1) {
            return "fulfillment|All fulfillment orders must belong to the same order. Multiple orders with ids " + ids(orderIds) + " were found.";
        }
        final TreeSet<Long> locationIds = new TreeSet<>(orders.stream().map(fo -> fo.locationId).toList());
        if (locationIds.size() > 1) {
            return "fulfillment|All fulfillment orders must be assigned to a single location. Multiple locations with ids " + ids(locationIds)
                    + " were found.";
        }
        for (final FulfillmentOrderState state : orders) {
            if (!state.status.equals("OPEN") && !state.status.equals("IN_PROGRESS")) {
                return "fulfillment|Fulfillment order " + state.id + " has an unfulfillable status= " + state.status.toLowerCase(java.util.Locale.ROOT) + ".";
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            final List<Map<String, Object>> lines = (List<Map<String, Object>>) groups.get(g).get("fulfillmentOrderLineItems");
            if (lines == null) {
                continue;
            }
            final FulfillmentOrderState state = orders.get(g);
            for (final Map<String, Object> line : lines) {
                final Optional<FulfillmentOrderState.Line> known = lineOf(state, (String) line.get("id"));
                if (known.isEmpty()) {
                    return "fulfillment|Fulfillment order line item does not exist.";
                }
                if (((Number) line.get("quantity")).intValue() > known.get().remaining) {
                    return "fulfillment|Invalid fulfillment order line item quantity requested.";
                }
            }
        }
        return null;
    }

    private static String ids(final TreeSet<Long> ids) {
        return ids.toString();
    }

    private static Optional<FulfillmentOrderState.Line> lineOf(final FulfillmentOrderState state, final String gid) {
        final OptionalLong id = Gid.parse(gid, "FulfillmentOrderLineItem");
        return id.isEmpty() ? Optional.empty() : state.lines.stream().filter(line -> line.id == id.getAsLong()).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static FulfillmentState apply(final RequestContext context, final Map<String, Object> input, final List<Map<String, Object>> groups) {
        final Shop shop = context.shop();
        final Instant now = shop.tick();
        final List<FulfillmentState.ShippedLine> shipped = new ArrayList<>();
        FulfillmentOrderState first = null;
        for (final Map<String, Object> group : groups) {
            final FulfillmentOrderState state = shop.fulfillmentOrder(Gid.parse((String) group.get("fulfillmentOrderId"), "FulfillmentOrder")
                    .getAsLong()).orElseThrow();
            first = first == null ? state : first;
            final List<Map<String, Object>> lines = (List<Map<String, Object>>) group.get("fulfillmentOrderLineItems");
            if (lines == null) {
                for (final FulfillmentOrderState.Line line : state.lines) {
                    if (line.remaining > 0) {
                        shipped.add(new FulfillmentState.ShippedLine(shop.nextId(), line.lineItemId, line.remaining));
                        line.remaining = 0;
                    }
                }
            } else {
                for (final Map<String, Object> requested : lines) {
                    final FulfillmentOrderState.Line line = lineOf(state, (String) requested.get("id")).orElseThrow();
                    final int quantity = ((Number) requested.get("quantity")).intValue();
                    line.remaining -= quantity;
                    shipped.add(new FulfillmentState.ShippedLine(shop.nextId(), line.lineItemId, quantity));
                }
            }
            state.status = state.remainingTotal() == 0 ? "CLOSED" : "IN_PROGRESS";
            state.updatedAt = now;
        }
        final Map<String, Object> trackingInput = (Map<String, Object>) input.get("trackingInfo");
        final boolean notify = Boolean.TRUE.equals(input.get("notifyCustomer"));
        final String orderName = shop.order(first.orderId).map(o -> o.name()).orElse("#?");
        final FulfillmentState fulfillment = new FulfillmentState(shop.nextId(), first.orderId, first.locationId, now, List.copyOf(shipped),
                orderName + "-F" + (shop.fulfillmentsOf(first.orderId).size() + 1), tracking(trackingInput), notify);
        shop.addFulfillment(fulfillment);
        shop.refreshFulfillmentStatus(first.orderId);
        context.stats().increment("shopify.fulfillments.created");
        return fulfillment;
    }

    /** Tracking entries from {number, url} or {numbers, urls}: numbers pair with URLs by position. */
    @SuppressWarnings("unchecked")
    static List<FulfillmentState.Tracking> tracking(final Map<String, Object> input) {
        if (input == null) {
            return List.of();
        }
        final String company = (String) input.get("company");
        final List<String> numbers = new ArrayList<>();
        final List<String> urls = new ArrayList<>();
        if (input.get("numbers") instanceof List<?> list) {
            numbers.addAll((List<String>) list);
        } else if (input.get("number") != null) {
            numbers.add((String) input.get("number"));
        }
        if (input.get("urls") instanceof List<?> list) {
            urls.addAll((List<String>) list);
        } else if (input.get("url") != null) {
            urls.add((String) input.get("url"));
        }
        final List<FulfillmentState.Tracking> tracking = new ArrayList<>();
        final int count = Math.max(numbers.size(), urls.size());
        for (int i = 0; i < count; i++) {
            tracking.add(new FulfillmentState.Tracking(company, i < numbers.size() ? numbers.get(i) : null, i < urls.size() ? urls.get(i) : null));
        }
        if (tracking.isEmpty() && company != null) {
            tracking.add(new FulfillmentState.Tracking(company, null, null));
        }
        return List.copyOf(tracking);
    }

    static DataFetcher<Object> updateTracking() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final Shop shop = context.shop();
            synchronized (shop) {
                final OptionalLong id = Gid.parse(env.getArgument("fulfillmentId"), "Fulfillment");
                final Optional<FulfillmentState> state = id.isPresent() ? shop.fulfillment(id.getAsLong()) : Optional.empty();
                if (state.isEmpty()) {
                    return payload(null, errors("fulfillmentId|Fulfillment does not exist."));
                }
                state.get().tracking = tracking(env.getArgument("trackingInfoInput"));
                final Boolean notify = env.getArgument("notifyCustomer");
                state.get().notifyCustomer = notify != null && notify;
                state.get().updatedAt = shop.tick();
                shop.touchOrder(state.get().orderId, null);
                context.stats().increment("shopify.fulfillments.trackingUpdated");
                return payload(context.graph().fulfillment(state.get()), List.of());
            }
        };
    }

    /**
     * {@code fulfillmentEventCreate}: appends an event to the fulfillment. Shopify has no idempotency key for
     * it and accepts the same event twice (and an event on a cancelled fulfillment, see the 2026-04 capture
     * fulfillment-state-preconditions), so neither is refused here. An unknown fulfillment is a userError.
     * happenedAt defaults to the time of the call.
     */
    static DataFetcher<Object> createEvent() {
        return env -> {
            final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
            final Map<String, Object> input = env.getArgument("fulfillmentEvent");
            final Shop shop = context.shop();
            synchronized (shop) {
                final OptionalLong id = Gid.parse((String) input.get("fulfillmentId"), "Fulfillment");
                final Optional<FulfillmentState> state = id.isPresent() ? shop.fulfillment(id.getAsLong()) : Optional.empty();
                if (state.isEmpty()) {
                    return eventPayload(null, errors("fulfillmentEvent,fulfillmentId|Fulfillment does not exist."));
                }
                final Instant happenedAt;
                final Instant estimatedDeliveryAt;
                try {
                    happenedAt = instant(input.get("happenedAt"));
                    estimatedDeliveryAt = instant(input.get("estimatedDeliveryAt"));
                } catch (final java.time.format.DateTimeParseException e) {
                    return graphql.execution.DataFetcherResult.newResult().error(ShopifyError.of("Invalid DateTime: " + e.getParsedString(),
                            "BAD_REQUEST", List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList())).build();
                }
                final Instant now = shop.tick();
                final FulfillmentState.Event event = new FulfillmentState.Event(shop.nextId(), (String) input.get("status"),
                        happenedAt == null ? now : happenedAt, now, estimatedDeliveryAt, (String) input.get("message"),
                        (String) input.get("address1"), (String) input.get("city"), (String) input.get("province"), (String) input.get("zip"),
                        (String) input.get("country"), number(input.get("latitude")), number(input.get("longitude")));
                state.get().events.add(event);
                state.get().updatedAt = now;
                context.stats().increment("shopify.fulfillmentEvents.created");
                return eventPayload(context.graph().fulfillmentEvent(event), List.of());
            }
        };
    }

    private static Instant instant(final Object value) {
        if (value == null) {
            return null;
        }
        return java.time.OffsetDateTime.parse(value.toString()).toInstant();
    }

    private static Double number(final Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static Map<String, Object> eventPayload(final Map<String, Object> event, final List<Map<String, Object>> errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put("fulfillmentEvent", event);
        payload.put("userErrors", errors);
        return payload;
    }

    private static List<Map<String, Object>> errors(final String problem) {
        final int bar = problem.indexOf('|');
        final Map<String, Object> error = new HashMap<>();
        error.put("__typename", "UserError");
        error.put("field", List.of(problem.substring(0, bar).split(",")));
        error.put("message", problem.substring(bar + 1));
        return List.of(error);
    }

    private static Map<String, Object> payload(final Map<String, Object> fulfillment, final List<Map<String, Object>> errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put("fulfillment", fulfillment);
        payload.put("userErrors", errors);
        return payload;
    }
}
