package io.nifiecommerce.sandbox.shopify;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The query and mutation root fields the sandbox simulates; every other root field answers "not simulated". */
final class RootFields {

    private RootFields() {
    }

    static Map<String, DataFetcher<?>> fetchers() {
        final Map<String, DataFetcher<?>> fetchers = new HashMap<>();
        fetchers.put("orders", RootFields::orders);
        fetchers.put("ordersCount", RootFields::ordersCount);
        fetchers.put("order", env -> byId(env, "Order", (ctx, id) -> ctx.shop().order(id).map(ctx.graph()::order)));
        fetchers.put("productVariants", RootFields::productVariants);
        fetchers.put("productVariant", env -> byId(env, "ProductVariant", (ctx, id) -> ctx.shop().variant(id).map(ctx.graph()::variant)));
        fetchers.put("locations", RootFields::locations);
        fetchers.put("location", env -> byId(env, "Location", (ctx, id) -> ctx.shop().location(id).map(ctx.graph()::location)));
        fetchers.put("inventoryItem", env -> byId(env, "InventoryItem",
                (ctx, id) -> ctx.shop().variantByInventoryItem(id).map(ctx.graph()::inventoryItem)));
        fetchers.put("inventoryLevel", env -> byId(env, "InventoryLevel",
                (ctx, id) -> ctx.shop().stockByLevelId(id).map(entry -> ctx.graph().inventoryLevel(entry.getKey(), entry.getValue()))));
        fetchers.put("fulfillmentOrder", env -> byId(env, "FulfillmentOrder",
                (ctx, id) -> ctx.shop().fulfillmentOrder(id).map(ctx.graph()::fulfillmentOrder)));
        fetchers.put("fulfillmentOrders", RootFields::fulfillmentOrders);
        fetchers.put("fulfillment", env -> byId(env, "Fulfillment", (ctx, id) -> ctx.shop().fulfillment(id).map(ctx.graph()::fulfillment)));
        fetchers.put("customer", env -> byId(env, "Customer", (ctx, id) -> ctx.shop().customer(id).map(ctx.graph()::customer)));
        fetchers.put("company", env -> byId(env, "Company", (ctx, id) -> ctx.shop().company(id).map(ctx.graph()::company)));
        fetchers.put("node", env -> node(context(env), env.getArgument("id")).orElse(null));
        fetchers.put("nodes", env -> {
            final List<String> ids = env.getArgument("ids");
            return ids.stream().map(id -> node(context(env), id).orElse(null)).toList();
        });
        fetchers.put("bulkOperation", BulkOperations.byId());
        fetchers.put("currentBulkOperation", BulkOperations.current());
        fetchers.put("bulkOperationRunQuery", BulkOperations.run());
        fetchers.put("bulkOperationCancel", BulkOperations.cancel());
        fetchers.put("inventorySetQuantities", new InventorySetQuantities());
        fetchers.put("productSet", new ProductSetMutation());
        fetchers.put("stagedUploadsCreate", StagedUploads.create());
        fetchers.put("products", RootFields::products);
        fetchers.put("currentAppInstallation", env -> Map.of("__typename", "AppInstallation", "accessScopes",
                java.util.Arrays.stream(context(env).accessScopes().split(",")).map(String::trim).filter(h -> !h.isEmpty())
                        .map(handle -> Map.of("__typename", "AccessScope", "handle", handle, "description", handle)).toList()));
        fetchers.put("catalogs", B2bCatalogMutations.catalogs());
        fetchers.put("priceList", B2bCatalogMutations.priceListById());
        fetchers.put("catalogCreate", B2bCatalogMutations.catalogCreate());
        fetchers.put("priceListCreate", B2bCatalogMutations.priceListCreate());
        fetchers.put("priceListFixedPricesUpdate", B2bCatalogMutations.fixedPricesUpdate());
        fetchers.put("product", env -> byId(env, "Product", (ctx, id) -> ctx.shop().product(id).map(p -> ctx.graph().product(p.id))));
        fetchers.put("fulfillmentCreate", FulfillmentMutations.create());
        fetchers.put("fulfillmentCreateV2", FulfillmentMutations.create());
        fetchers.put("fulfillmentTrackingInfoUpdate", FulfillmentMutations.updateTracking());
        fetchers.put("fulfillmentTrackingInfoUpdateV2", FulfillmentMutations.updateTracking());
        fetchers.put("fulfillmentEventCreate", FulfillmentMutations.createEvent());
        fetchers.put("draftOrders", DraftOrders.list());
        fetchers.put("draftOrder", DraftOrders.byId());
        fetchers.put("draftOrderUpdate", DraftOrders.update());
        fetchers.put("draftOrderComplete", DraftOrders.complete());
        fetchers.put("draftOrderBulkAddTags", DraftOrders.bulkAddTags());
        fetchers.put("orderCancel", OrderLifecycleMutations.cancel());
        fetchers.put("refundCreate", OrderLifecycleMutations.refund());
        fetchers.put("metafieldsSet", MetafieldMutations.set());
        fetchers.put("tagsAdd", tagsAdd(DraftOrders.tagsAdd(), MetafieldMutations.addTags()));
        CompanyMutations.register(fetchers);
        fetchers.put("orderEditBegin", OrderEdits.begin());
        fetchers.put("orderEditAddShippingLine", OrderEdits.addShippingLine());
        fetchers.put("orderEditUpdateShippingLine", OrderEdits.updateShippingLine());
        fetchers.put("orderEditCommit", OrderEdits.commit());
        return Map.copyOf(fetchers);
    }

    static RequestContext context(final DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(RequestContext.class);
    }

    private interface Finder {
        Optional<Map<String, Object>> find(RequestContext context, long id);
    }

    private static Object byId(final DataFetchingEnvironment env, final String type, final Finder finder) {
        final OptionalLong id = Gid.parse(env.getArgument("id"), type);
        return id.isEmpty() ? null : finder.find(context(env), id.getAsLong()).orElse(null);
    }

    private static Optional<Map<String, Object>> node(final RequestContext context, final String gid) {
        final String type = Gid.type(gid);
        if (type == null) {
            return Optional.empty();
        }
        final OptionalLong parsed = Gid.parse(gid, type);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        final long id = parsed.getAsLong();
        final Shop shop = context.shop();
        final ShopGraph graph = context.graph();
        return switch (type) {
            case "Order" -> shop.order(id).map(graph::order);
            case "ProductVariant" -> shop.variant(id).map(graph::variant);
            case "Product" -> shop.product(id).map(p -> graph.product(p.id));
            case "InventoryItem" -> shop.variantByInventoryItem(id).map(graph::inventoryItem);
            case "Location" -> shop.location(id).map(graph::location);
            case "FulfillmentOrder" -> shop.fulfillmentOrder(id).map(graph::fulfillmentOrder);
            case "Fulfillment" -> shop.fulfillment(id).map(graph::fulfillment);
            case "Customer" -> shop.customer(id).map(graph::customer);
            case "Company" -> shop.company(id).map(graph::company);
            case "DraftOrder" -> shop.draft(id).map(graph::draftOrder);
            case "InventoryLevel" -> shop.stockByLevelId(id).map(entry -> graph.inventoryLevel(entry.getKey(), entry.getValue()));
            default -> Optional.empty();
        };
    }

    private static Object orders(final DataFetchingEnvironment env) {
        final RequestContext context = context(env);
        final PageArguments args = PageArguments.of(env);
        final Object problem = pageProblem(env, context, args);
        if (problem != null) {
            return problem;
        }
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final List<Order> matching = context.shop().orders().stream().filter(order -> query.matches(order, OrderSearch::matches)).toList();
        final Object sortKey = env.getArgument("sortKey");
        final OrderSearch.Page page;
        try {
            page = OrderSearch.page(matching, sortKey == null ? "PROCESSED_AT" : sortKey.toString(), args, Integer.MAX_VALUE);
        } catch (final IllegalArgumentException e) {
            return error(env, "Invalid cursor for current pagination sort.", "BAD_REQUEST");
        }
        context.stats().add("shopify.orders.returned", page.orders().size());
        return ConnectionPage.of(page.orders().stream().map(context.graph()::order).toList(), page.cursors(), page.hasNext(), page.hasPrevious());
    }

    private static Object ordersCount(final DataFetchingEnvironment env) {
        final RequestContext context = context(env);
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final Integer limit = env.getArgument("limit");
        final long count = context.shop().orders().stream().filter(order -> query.matches(order, OrderSearch::matches)).count();
        final boolean capped = limit != null && count > limit;
        return Map.of("__typename", "Count", "count", capped ? limit : (int) count, "precision", capped ? "AT_LEAST" : "EXACT");
    }

    private static Object productVariants(final DataFetchingEnvironment env) {
        final RequestContext context = context(env);
        final PageArguments args = PageArguments.of(env);
        final Object problem = pageProblem(env, context, args);
        if (problem != null) {
            return problem;
        }
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final List<Map<String, Object>> variants = context.shop().variants().stream()
                .filter(variant -> query.matches(variant, RootFields::variantMatches))
                .sorted(Comparator.comparingLong(Variant::id)).map(context.graph()::variant).toList();
        return ConnectionPage.ofList(variants, bounded(args, context));
    }

    /** Products by search: sku (any of its variants), handle, title, status, product_type, id; bare words in the title. */
    private static Object products(final DataFetchingEnvironment env) {
        final RequestContext context = context(env);
        final PageArguments args = PageArguments.of(env);
        final Object problem = pageProblem(env, context, args);
        if (problem != null) {
            return problem;
        }
        final Shop shop = context.shop();
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final List<Map<String, Object>> products = shop.products().stream()
                .filter(product -> query.matches(product, (p, term) -> productMatches(shop, p, term)))
                .sorted(Comparator.comparingLong(p -> p.id)).map(p -> context.graph().product(p.id)).toList();
        return ConnectionPage.ofList(products, bounded(args, context));
    }

    private static boolean productMatches(final Shop shop, final ProductState product, final SearchQuery.Term term) {
        if (term.field() == null) {
            return product.title.toLowerCase(Locale.ROOT).contains(term.value().toLowerCase(Locale.ROOT));
        }
        return switch (term.field()) {
            case "sku" -> product.variantIds.stream().map(shop::variant).flatMap(Optional::stream)
                    .anyMatch(variant -> variant.sku().equalsIgnoreCase(term.value()));
            case "handle" -> product.handle.equals(term.value());
            case "title" -> product.title.equalsIgnoreCase(term.value());
            case "status" -> product.status.equalsIgnoreCase(term.value());
            case "product_type" -> product.productType.equalsIgnoreCase(term.value());
            case "id" -> term.matchesNumber(product.id);
            default -> !term.negated();
        };
    }

    private static boolean variantMatches(final Variant variant, final SearchQuery.Term term) {
        if (term.field() == null) {
            return variant.sku().toLowerCase(Locale.ROOT).contains(term.value().toLowerCase(Locale.ROOT));
        }
        return switch (term.field()) {
            case "sku" -> variant.sku().equalsIgnoreCase(term.value());
            case "barcode" -> variant.barcode().equals(term.value());
            case "product_id" -> term.matchesNumber(variant.productId());
            case "id" -> term.matchesNumber(variant.id());
            case "title" -> variant.title().equalsIgnoreCase(term.value());
            default -> !term.negated();
        };
    }

    private static Object locations(final DataFetchingEnvironment env) {
        final RequestContext context = context(env);
        final PageArguments args = PageArguments.of(env);
        final Object problem = pageProblem(env, context, args);
        if (problem != null) {
            return problem;
        }
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final List<Map<String, Object>> locations = context.shop().locations().stream()
                .filter(location -> query.matches(location, (l, term) -> term.field() == null || !"name".equals(term.field())
                        || l.name().equalsIgnoreCase(term.value())))
                .sorted(Comparator.comparing(StockLocation::name)).map(context.graph()::location).toList();
        return ConnectionPage.ofList(locations, bounded(args, context));
    }

    private static Object fulfillmentOrders(final DataFetchingEnvironment env) {
        final RequestContext context = context(env);
        final PageArguments args = PageArguments.of(env);
        final Object problem = pageProblem(env, context, args);
        if (problem != null) {
            return problem;
        }
        final Boolean includeClosed = env.getArgument("includeClosed");
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final List<Map<String, Object>> orders = context.shop().fulfillmentOrders().stream()
                .filter(fo -> Boolean.TRUE.equals(includeClosed) || fo.status.equals("OPEN") || fo.status.equals("IN_PROGRESS"))
                .filter(fo -> query.matches(fo, (state, term) -> switch (term.field() == null ? "" : term.field()) {
                    case "status" -> state.status.equalsIgnoreCase(term.value());
                    case "assigned_location_id" -> term.matchesNumber(state.locationId);
                    case "updated_at" -> term.matchesTime(state.updatedAt);
                    default -> !term.negated();
                }))
                .sorted(Comparator.comparingLong(fo -> fo.id)).map(context.graph()::fulfillmentOrder).toList();
        return ConnectionPage.ofList(orders, bounded(args, context));
    }

    private static PageArguments bounded(final PageArguments args, final RequestContext context) {
        return context.bulk() && args.unbounded() ? new PageArguments(Integer.MAX_VALUE, args.after(), null, args.before(), args.reverse()) : args;
    }

    private static Object pageProblem(final DataFetchingEnvironment env, final RequestContext context, final PageArguments args) {
        if (context.bulk() && args.unbounded()) {
            return null;
        }
        final String problem = args.problem();
        return problem == null ? null : error(env, problem, "BAD_REQUEST");
    }

    static Object error(final DataFetchingEnvironment env, final String message, final String code) {
        return DataFetcherResult.newResult().error(ShopifyError.of(message, code, List.of(env.getField().getSourceLocation()),
                env.getExecutionStepInfo().getPath().toList())).build();
    }

    /** tagsAdd takes any taggable id; draft orders and orders are the ones simulated. */
    private static DataFetcher<Object> tagsAdd(final DataFetcher<Object> drafts, final DataFetcher<Object> orders) {
        return env -> String.valueOf(env.<Object>getArgument("id")).startsWith("gid://shopify/DraftOrder/") ? drafts.get(env) : orders.get(env);
    }
}
