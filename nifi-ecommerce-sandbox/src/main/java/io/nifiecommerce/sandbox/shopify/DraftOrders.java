package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.nifiecommerce.sandbox.seed.Order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code draftOrders} (search on status, tag, updated_at, customer_id, sorted by UPDATED_AT or ID), {@code draftOrder},
 * {@code draftOrderUpdate} (the shipping line and tags), {@code draftOrderComplete} (the draft becomes an order) and
 * {@code tagsAdd} on a draft and {@code draftOrderBulkAddTags} on drafts by id, with Shopify's userErrors for an unknown or
 * already completed draft.
 */
final class DraftOrders {

    private DraftOrders() {
    }

    static DataFetcher<Object> list() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final PageArguments args = PageArguments.of(env);
            final String problem = args.problem();
            if (problem != null) {
                return RootFields.error(env, problem, "BAD_REQUEST");
            }
            final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
            final Object sortKey = env.getArgument("sortKey");
            // keyset cursors (sort value, id) as Shopify's: a draft updated while a client pages moves without shifting the others
            final Map<Long, DraftOrderState> byId = new java.util.HashMap<>();
            final List<Order> matching = new ArrayList<>();
            for (final DraftOrderState draft : context.shop().drafts()) {
                if (query.matches(draft, DraftOrders::matches)) {
                    byId.put(draft.id(), draft);
                    matching.add(draft.content());
                }
            }
            final OrderSearch.Page page;
            try {
                page = OrderSearch.page(matching, "UPDATED_AT".equals(String.valueOf(sortKey)) ? "UPDATED_AT" : "ID", args, Integer.MAX_VALUE);
            } catch (final IllegalArgumentException e) {
                return RootFields.error(env, "Invalid cursor for current pagination sort.", "BAD_REQUEST");
            }
            return ConnectionPage.of(page.orders().stream().map(o -> context.graph().draftOrder(byId.get(o.id()))).toList(), page.cursors(),
                    page.hasNext(), page.hasPrevious());
        };
    }

    static DataFetcher<Object> byId() {
        return env -> find(env, env.getArgument("id")).map(RootFields.context(env).graph()::draftOrder).orElse(null);
    }

    private static boolean matches(final DraftOrderState draft, final SearchQuery.Term term) {
        if (term.field() == null) {
            return draft.name().toLowerCase(Locale.ROOT).contains(term.value().toLowerCase(Locale.ROOT));
        }
        return switch (term.field()) {
            case "status" -> draft.status().equalsIgnoreCase(term.value());
            case "tag" -> draft.content().tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(term.value()));
            case "updated_at" -> term.matchesTime(draft.content().updatedAt());
            case "created_at" -> term.matchesTime(draft.content().createdAt());
            case "id" -> term.matchesNumber(draft.id());
            case "customer_id" -> term.matchesNumber(draft.content().customerId());
            default -> !term.negated();
        };
    }

    private static Optional<DraftOrderState> find(final DataFetchingEnvironment env, final String gid) {
        final OptionalLong id = Gid.parse(gid, "DraftOrder");
        return id.isEmpty() ? Optional.empty() : RootFields.context(env).shop().draft(id.getAsLong());
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> update() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Optional<DraftOrderState> found = find(env, env.getArgument("id"));
            if (found.isEmpty()) {
                return payload(null, "id", "Draft order does not exist");
            }
            final DraftOrderState draft = found.get();
            if ("COMPLETED".equals(draft.status())) {
                return payload(context.graph().draftOrder(draft), "id", "This order has been paid and can't be edited");
            }
            final Map<String, Object> input = env.getArgument("input");
            context.shop().updateDraft(draft, content -> {
                Order changed = content;
                if (input.containsKey("shippingLine")) {
                    final Map<String, Object> line = (Map<String, Object>) input.get("shippingLine");
                    changed = changed.withShippingLines(line == null ? List.of() : List.of(shippingLine(context, line)), changed.updatedAt());
                }
                if (input.containsKey("tags")) {
                    changed = changed.withUpdate(changed.updatedAt(), List.copyOf((List<String>) input.get("tags")), changed.financialStatus());
                }
                return changed;
            });
            return payload(context.graph().draftOrder(draft), null, null);
        };
    }

    @SuppressWarnings("unchecked")
    private static Order.ShippingLine shippingLine(final RequestContext context, final Map<String, Object> input) {
        final Map<String, Object> money = (Map<String, Object>) input.get("priceWithCurrency");
        final Object price = money != null ? money.get("amount") : input.get("price");
        final String title = input.get("title") == null ? "Custom" : input.get("title").toString();
        return new Order.ShippingLine(context.shop().nextId(), title, "custom", null, price == null ? BigDecimal.ZERO : new BigDecimal(price.toString()),
                List.of());
    }

    static DataFetcher<Object> complete() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Optional<DraftOrderState> found = find(env, env.getArgument("id"));
            if (found.isEmpty()) {
                return payload(null, "id", "Draft order does not exist");
            }
            final DraftOrderState draft = found.get();
            synchronized (context.shop()) {
                if ("COMPLETED".equals(draft.status())) {
                    return payload(context.graph().draftOrder(draft), "id", "This order has been paid and can't be edited");
                }
                context.shop().completeDraft(draft, Boolean.TRUE.equals(env.getArgument("paymentPending")));
            }
            return payload(context.graph().draftOrder(draft), null, null);
        };
    }

    /** {@code tagsAdd} on a draft order (other taggable resources are not simulated). */
    static DataFetcher<Object> tagsAdd() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Optional<DraftOrderState> found = find(env, env.getArgument("id"));
            if (found.isEmpty()) {
                final Map<String, Object> payload = new java.util.HashMap<>();
                payload.put("node", null);
                payload.put("userErrors", new UserErrors("UserError").add(List.of("id"), "Resource does not exist", null).list());
                return payload;
            }
            addTags(context.shop(), found.get(), env.getArgument("tags"));
            return Map.of("__typename", "TagsAddPayload", "node", context.graph().draftOrder(found.get()), "userErrors", List.of());
        };
    }

    /**
     * {@code draftOrderBulkAddTags} with {@code ids} (the search and saved-search forms are not simulated: a userError says so).
     * Shopify runs it as a job; the sandbox runs it at once and answers the job done. Ids of no draft are passed over.
     */
    static DataFetcher<Object> bulkAddTags() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final List<String> ids = env.getArgument("ids");
            final Map<String, Object> payload = new java.util.HashMap<>();
            if (ids == null || ids.isEmpty()) {
                payload.put("job", null);
                payload.put("userErrors", new UserErrors("UserError").add(List.of("ids"), "The sandbox simulates draftOrderBulkAddTags by ids only", null).list());
                return payload;
            }
            final List<String> tags = env.getArgument("tags");
            for (final String id : ids) {
                final OptionalLong draftId = Gid.parse(id, "DraftOrder");
                if (draftId.isPresent()) {
                    context.shop().draft(draftId.getAsLong()).ifPresent(draft -> addTags(context.shop(), draft, tags));
                }
            }
            payload.put("job", Map.of("__typename", "Job", "id", "gid://shopify/Job/" + java.util.UUID.randomUUID(), "done", true));
            payload.put("userErrors", List.of());
            return payload;
        };
    }

    /** Adds the tags a draft lacks (compared without regard to case); its updatedAt moves, as Shopify's does. */
    private static void addTags(final Shop shop, final DraftOrderState draft, final List<String> added) {
        shop.updateDraft(draft, content -> {
            final Set<String> tags = new LinkedHashSet<>(content.tags());
            added.forEach(tag -> {
                if (content.tags().stream().noneMatch(t -> t.equalsIgnoreCase(tag.trim()))) {
                    tags.add(tag.trim());
                }
            });
            return content.withUpdate(content.updatedAt(), new ArrayList<>(tags), content.financialStatus());
        });
    }

    private static Map<String, Object> payload(final Map<String, Object> draft, final String field, final String message) {
        final Map<String, Object> payload = new java.util.HashMap<>();
        payload.put("draftOrder", message == null ? draft : null);
        payload.put("userErrors", message == null ? List.of() : new UserErrors("UserError").add(List.of(field), message, null).list());
        return payload;
    }
}
