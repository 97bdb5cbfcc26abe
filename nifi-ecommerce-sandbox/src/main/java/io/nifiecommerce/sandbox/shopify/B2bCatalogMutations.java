package io.nifiecommerce.sandbox.shopify;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * B2B catalogs and price lists as the SDL describes them: {@code catalogs(type, query)}, {@code priceList(id)},
 * {@code catalogCreate} (company-location context), {@code priceListCreate} and {@code priceListFixedPricesUpdate},
 * with Shopify's userErrors codes (CatalogUserErrorCode, PriceListUserErrorCode, PriceListPriceUserErrorCode). Input
 * arrays beyond 250 elements answer MAX_INPUT_SIZE_EXCEEDED; a mutation with userErrors changes nothing.
 */
final class B2bCatalogMutations {

    private B2bCatalogMutations() {
    }

    static DataFetcher<Object> catalogs() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Object type = env.getArgument("type");
            final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
            final B2bCatalogBook book = context.shop().catalogBook();
            final List<Map<String, Object>> matching = book.catalogs().stream()
                    .filter(c -> type == null || "COMPANY_LOCATION".equals(type.toString()))
                    .filter(c -> query.matches(c, (catalog, term) -> switch (term.field() == null ? "" : term.field()) {
                        case "title" -> catalog.title.equalsIgnoreCase(term.value());
                        case "status" -> catalog.status.equalsIgnoreCase(term.value());
                        case "id" -> term.matchesNumber(catalog.id);
                        case "" -> catalog.title.toLowerCase(java.util.Locale.ROOT).contains(term.value().toLowerCase(java.util.Locale.ROOT));
                        default -> !term.negated();
                    }))
                    .sorted(Comparator.comparingLong(c -> c.id)).map(c -> catalog(context.shop(), c)).toList();
            final PageArguments args = PageArguments.of(env);
            final String problem = args.problem();
            return problem != null ? RootFields.error(env, problem, "BAD_REQUEST") : ConnectionPage.ofList(matching, args);
        };
    }

    static DataFetcher<Object> priceListById() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final OptionalLong id = Gid.parse(env.getArgument("id"), "PriceList");
            return id.isEmpty() ? null : context.shop().catalogBook().priceList(id.getAsLong()).map(p -> priceList(context.shop(), p)).orElse(null);
        };
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> catalogCreate() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Map<String, Object> input = env.getArgument("input");
            final Shop shop = context.shop();
            synchronized (shop) {
                final B2bCatalogBook book = shop.catalogBook();
                final UserErrors errors = new UserErrors("CatalogUserError");
                final String title = (String) input.get("title");
                if (title == null || title.isBlank()) {
                    errors.add(UserErrors.path("input", "title"), "Title can't be blank", "BLANK");
                } else if (book.catalogs().stream().anyMatch(c -> c.title.equals(title))) {
                    errors.add(UserErrors.path("input", "title"), "Title has already been taken", "TAKEN");
                }
                final Map<String, Object> catalogContext = (Map<String, Object>) input.get("context");
                final List<String> locations = catalogContext == null ? null : (List<String>) catalogContext.get("companyLocationIds");
                final boolean markets = catalogContext != null && catalogContext.get("marketIds") != null;
                if (locations == null || markets) {
                    errors.add(UserErrors.path("input", "context"), "Must provide exactly one context type.", "MUST_PROVIDE_EXACTLY_ONE_CONTEXT_TYPE");
                }
                final List<Long> locationIds = new ArrayList<>();
                if (locations != null) {
                    for (int i = 0; i < locations.size(); i++) {
                        final OptionalLong id = Gid.parse(locations.get(i), "CompanyLocation");
                        if (id.isEmpty() || !shop.companyLocationExists(id.getAsLong())) {
                            errors.add(UserErrors.path("input", "context", "companyLocationIds", i), "Company location not found.",
                                    "COMPANY_LOCATION_NOT_FOUND");
                        } else {
                            locationIds.add(id.getAsLong());
                        }
                    }
                }
                Long priceListId = null;
                if (input.get("priceListId") != null) {
                    final OptionalLong id = Gid.parse((String) input.get("priceListId"), "PriceList");
                    if (id.isEmpty() || book.priceList(id.getAsLong()).isEmpty()) {
                        errors.add(UserErrors.path("input", "priceListId"), "Price list not found.", "PRICE_LIST_NOT_FOUND");
                    } else {
                        priceListId = id.getAsLong();
                    }
                }
                if (!errors.isEmpty()) {
                    return payload("catalog", null, errors);
                }
                final B2bCatalogBook.CatalogState catalog = new B2bCatalogBook.CatalogState(shop.nextId(), title, input.get("status").toString());
                catalog.companyLocationIds.addAll(locationIds);
                catalog.priceListId = priceListId;
                book.add(catalog);
                context.stats().add("shopify.catalogCreate", 1);
                return payload("catalog", catalog(shop, catalog), errors);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> priceListCreate() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final Map<String, Object> input = env.getArgument("input");
            final Shop shop = context.shop();
            synchronized (shop) {
                final B2bCatalogBook book = shop.catalogBook();
                final UserErrors errors = new UserErrors("PriceListUserError");
                final String name = (String) input.get("name");
                if (name == null || name.isBlank()) {
                    errors.add(UserErrors.path("input", "name"), "Name can't be blank", "BLANK");
                } else if (book.priceLists().stream().anyMatch(p -> p.name.equals(name))) {
                    errors.add(UserErrors.path("input", "name"), "Name has already been taken", "TAKEN");
                }
                final Map<String, Object> adjustment = (Map<String, Object>) ((Map<String, Object>) input.get("parent")).get("adjustment");
                final double value = ((Number) adjustment.get("value")).doubleValue();
                if (value < 0) {
                    errors.add(UserErrors.path("input", "parent", "adjustment", "value"), "Adjustment value must be greater than or equal to 0",
                            "INVALID_ADJUSTMENT_MIN_VALUE");
                } else if ("PERCENTAGE_DECREASE".equals(adjustment.get("type").toString()) && value > 100) {
                    errors.add(UserErrors.path("input", "parent", "adjustment", "value"), "Adjustment value must be less than or equal to 100",
                            "INVALID_ADJUSTMENT_MAX_VALUE");
                }
                B2bCatalogBook.CatalogState catalog = null;
                if (input.get("catalogId") != null) {
                    final OptionalLong id = parseCatalog((String) input.get("catalogId"));
                    catalog = id.isEmpty() ? null : book.catalog(id.getAsLong()).orElse(null);
                    if (catalog == null) {
                        errors.add(UserErrors.path("input", "catalogId"), "Catalog does not exist.", "CATALOG_DOES_NOT_EXIST");
                    } else if (catalog.priceListId != null) {
                        errors.add(UserErrors.path("input", "catalogId"), "Catalog has already been taken", "CATALOG_TAKEN");
                    }
                }
                if (!errors.isEmpty()) {
                    return payload("priceList", null, errors);
                }
                final B2bCatalogBook.PriceListState priceList = new B2bCatalogBook.PriceListState(shop.nextId(), name,
                        input.get("currency").toString(), adjustment.get("type").toString(), value);
                book.add(priceList);
                if (catalog != null) {
                    catalog.priceListId = priceList.id;
                    priceList.catalogId = catalog.id;
                }
                context.stats().add("shopify.priceListCreate", 1);
                return payload("priceList", priceList(shop, priceList), errors);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static DataFetcher<Object> fixedPricesUpdate() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final List<Map<String, Object>> toAdd = env.getArgument("pricesToAdd");
            final List<String> toDelete = env.getArgument("variantIdsToDelete");
            for (final String argument : List.of("pricesToAdd", "variantIdsToDelete")) {
                final int size = argument.equals("pricesToAdd") ? toAdd.size() : toDelete.size();
                if (size > ConnectionPage.MAX_PAGE) {
                    return DataFetcherResult.newResult().error(ShopifyError.of("The input array size of " + size
                            + " is greater than the maximum allowed of " + ConnectionPage.MAX_PAGE + ".", "MAX_INPUT_SIZE_EXCEEDED",
                            List.of(env.getField().getSourceLocation()), List.of(env.getField().getName(), argument))).build();
                }
            }
            final Shop shop = context.shop();
            synchronized (shop) {
                final UserErrors errors = new UserErrors("PriceListPriceUserError");
                final OptionalLong listId = Gid.parse(env.getArgument("priceListId"), "PriceList");
                final B2bCatalogBook.PriceListState priceList = listId.isEmpty() ? null : shop.catalogBook().priceList(listId.getAsLong()).orElse(null);
                if (priceList == null) {
                    errors.add(UserErrors.path("priceListId"), "Price list not found.", "PRICE_LIST_NOT_FOUND");
                    return fixedPricesPayload(null, List.of(), List.of(), errors);
                }
                final Map<Long, BigDecimal> adds = new java.util.LinkedHashMap<>();
                for (int i = 0; i < toAdd.size(); i++) {
                    final OptionalLong variantId = Gid.parse((String) toAdd.get(i).get("variantId"), "ProductVariant");
                    final Map<String, Object> price = (Map<String, Object>) toAdd.get(i).get("price");
                    if (variantId.isEmpty() || shop.variant(variantId.getAsLong()).isEmpty()) {
                        errors.add(UserErrors.path("pricesToAdd", i, "variantId"), "Variant not found.", "VARIANT_NOT_FOUND");
                    } else if (!priceList.currency.equals(price.get("currencyCode").toString())) {
                        errors.add(UserErrors.path("pricesToAdd", i, "price", "currencyCode"),
                                "The specified currency doesn't match the price list's currency.", "PRICE_LIST_CURRENCY_MISMATCH");
                    } else {
                        adds.put(variantId.getAsLong(), new BigDecimal(price.get("amount").toString()));
                    }
                }
                final List<Long> deletes = new ArrayList<>();
                for (int i = 0; i < toDelete.size(); i++) {
                    final OptionalLong variantId = Gid.parse(toDelete.get(i), "ProductVariant");
                    if (variantId.isEmpty() || !priceList.fixedPrices.containsKey(variantId.getAsLong())) {
                        errors.add(UserErrors.path("variantIdsToDelete", i), "Only fixed prices can be deleted.", "PRICE_NOT_FIXED");
                    } else {
                        deletes.add(variantId.getAsLong());
                    }
                }
                if (!errors.isEmpty()) {
                    return fixedPricesPayload(priceList(shop, priceList), List.of(), List.of(), errors);
                }
                deletes.forEach(priceList.fixedPrices::remove);
                priceList.fixedPrices.putAll(adds);
                context.stats().add("shopify.priceListFixedPrices", adds.size() + deletes.size());
                final List<Map<String, Object>> added = adds.entrySet().stream().map(e -> price(shop, priceList, e.getKey(), e.getValue())).toList();
                return fixedPricesPayload(priceList(shop, priceList), added, deletes.stream().map(id -> Gid.of("ProductVariant", id)).toList(), errors);
            }
        };
    }

    private static OptionalLong parseCatalog(final String gid) {
        final OptionalLong companyLocation = Gid.parse(gid, "CompanyLocationCatalog");
        return companyLocation.isPresent() ? companyLocation : Gid.parse(gid, "Catalog");
    }

    static Map<String, Object> catalog(final Shop shop, final B2bCatalogBook.CatalogState catalog) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CompanyLocationCatalog");
        map.put("id", Gid.of("CompanyLocationCatalog", catalog.id));
        map.put("title", catalog.title);
        map.put("status", catalog.status);
        map.put("priceList", (java.util.function.Supplier<Object>) () -> catalog.priceListId == null ? null
                : shop.catalogBook().priceList(catalog.priceListId).map(p -> priceList(shop, p)).orElse(null));
        map.put("companyLocationsCount", Map.of("__typename", "Count", "count", catalog.companyLocationIds.size(), "precision", "EXACT"));
        return map;
    }

    static Map<String, Object> priceList(final Shop shop, final B2bCatalogBook.PriceListState priceList) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "PriceList");
        map.put("id", Gid.of("PriceList", priceList.id));
        map.put("name", priceList.name);
        map.put("currency", priceList.currency);
        map.put("fixedPricesCount", priceList.fixedPrices.size());
        map.put("catalog", (java.util.function.Supplier<Object>) () -> priceList.catalogId == null ? null
                : shop.catalogBook().catalog(priceList.catalogId).map(c -> catalog(shop, c)).orElse(null));
        map.put("parent", Map.of("__typename", "PriceListParent", "adjustment", Map.of("__typename", "PriceListAdjustment",
                "type", priceList.adjustmentType, "value", priceList.adjustmentValue)));
        map.put("prices", (java.util.function.Supplier<Object>) () -> priceList.fixedPrices.entrySet().stream()
                .map(e -> price(shop, priceList, e.getKey(), e.getValue())).toList());
        return map;
    }

    private static Map<String, Object> price(final Shop shop, final B2bCatalogBook.PriceListState priceList, final long variantId, final BigDecimal amount) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "PriceListPrice");
        map.put("originType", "FIXED");
        map.put("price", MoneyBag.money(amount, priceList.currency));
        map.put("compareAtPrice", null);
        map.put("variant", (java.util.function.Supplier<Object>) () -> shop.variant(variantId).map(v -> new ShopGraph(shop).variant(v)).orElse(null));
        return map;
    }

    private static Map<String, Object> payload(final String field, final Map<String, Object> value, final UserErrors errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put(field, value);
        payload.put("userErrors", errors.list());
        return payload;
    }

    private static Map<String, Object> fixedPricesPayload(final Map<String, Object> priceList, final List<Map<String, Object>> added,
                                                          final List<String> deleted, final UserErrors errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put("priceList", priceList);
        payload.put("pricesAdded", added);
        payload.put("deletedFixedPriceVariantIds", deleted);
        payload.put("userErrors", errors.list());
        return payload;
    }
}
