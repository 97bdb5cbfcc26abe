package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code productSet} run synchronously, as the SDL describes it: the product is found by {@code identifier.id},
 * upserted by {@code identifier.handle} (created when no product has the handle); omitted scalar fields stay as they
 * are, a given list field (variants, options, collections, files) replaces the former list. Variants are matched by id,
 * then by their option values; variants left out are deleted. Validation is all-or-nothing with ProductSetUserError
 * codes: PRODUCT_DOES_NOT_EXIST, PRODUCT_OPTIONS_INPUT_MISSING, OPTION_DOES_NOT_EXIST, OPTION_VALUE_DOES_NOT_EXIST,
 * DUPLICATED_OPTION_VALUE, OPTIONS_OVER_LIMIT, VARIANTS_OVER_LIMIT, PRODUCT_VARIANT_DOES_NOT_EXIST, HANDLE_NOT_UNIQUE,
 * MISSING_FIELD_REQUIRED, INVALID_INPUT. Customer ids ({@code identifier.customId}) answer INVALID_INPUT: the sandbox has
 * no metafield definitions.
 */
final class ProductSetMutation implements DataFetcher<Object> {

    static final int MAX_OPTIONS = 3;
    static final int MAX_VARIANTS = 2048;

    @Override
    @SuppressWarnings("unchecked")
    public Object get(final DataFetchingEnvironment env) {
        final RequestContext context = RootFields.context(env);
        final Map<String, Object> input = env.getArgument("input");
        final Map<String, Object> identifier = env.getArgument("identifier");
        final Boolean synchronous = env.getArgument("synchronous");
        final Shop shop = context.shop();
        synchronized (shop) {
            final UserErrors errors = new UserErrors("ProductSetUserError");
            if (Boolean.FALSE.equals(synchronous)) {
                return payload(null, errors.add(UserErrors.path("synchronous"), "The sandbox runs productSet synchronously only.",
                        "INVALID_INPUT").list());
            }
            ProductState existing = null;
            String upsertHandle = null;
            if (identifier != null && identifier.get("id") != null) {
                final OptionalLong id = Gid.parse((String) identifier.get("id"), "Product");
                existing = id.isEmpty() ? null : shop.product(id.getAsLong()).orElse(null);
                if (existing == null) {
                    return payload(null, errors.add(UserErrors.path("identifier", "id"), "Product does not exist", "PRODUCT_DOES_NOT_EXIST").list());
                }
            } else if (identifier != null && identifier.get("handle") != null) {
                upsertHandle = (String) identifier.get("handle");
                existing = shop.productByHandle(upsertHandle).orElse(null);
            } else if (identifier != null && identifier.get("customId") != null) {
                return payload(null, errors.add(UserErrors.path("identifier", "customId"),
                        "Metafield definition does not exist or does not have the unique values capability.", "INVALID_INPUT").list());
            }
            final List<Map<String, Object>> options = (List<Map<String, Object>>) input.get("productOptions");
            final List<Map<String, Object>> variants = (List<Map<String, Object>>) input.get("variants");
            if (existing == null && (input.get("title") == null || input.get("title").toString().isBlank())) {
                errors.add(UserErrors.path("input", "title"), "Title can't be blank", "MISSING_FIELD_REQUIRED");
            }
            if (variants != null && options == null) {
                errors.add(UserErrors.path("input", "productOptions"), "Product options input is required when updating variants.",
                        "PRODUCT_OPTIONS_INPUT_MISSING");
            }
            final String handle = input.get("handle") != null ? (String) input.get("handle") : upsertHandle;
            if (handle != null) {
                final Optional<ProductState> holder = shop.productByHandle(handle);
                final ProductState self = existing;
                if (holder.isPresent() && (self == null || holder.get().id != self.id)) {
                    errors.add(UserErrors.path("input", "handle"), "Handle '" + handle + "' already in use. Please provide a new handle.",
                            "HANDLE_NOT_UNIQUE");
                }
            }
            final LinkedHashMap<String, List<String>> optionValues = new LinkedHashMap<>();
            if (options != null) {
                if (options.size() > MAX_OPTIONS) {
                    errors.add(UserErrors.path("input", "productOptions"), "Can only specify a maximum of 3 options", "OPTIONS_OVER_LIMIT");
                }
                for (int i = 0; i < options.size(); i++) {
                    final String name = String.valueOf(options.get(i).get("name"));
                    final List<String> values = new ArrayList<>();
                    final List<Map<String, Object>> given = (List<Map<String, Object>>) options.get(i).getOrDefault("values", List.of());
                    for (final Map<String, Object> value : given) {
                        final String text = String.valueOf(value.get("name"));
                        if (values.contains(text)) {
                            errors.add(UserErrors.path("input", "productOptions", i, "values"), "Duplicated option value '" + text + "'.",
                                    "DUPLICATED_OPTION_VALUE");
                        }
                        values.add(text);
                    }
                    optionValues.put(name, values);
                }
            }
            final List<Map<String, Object>> variantInputs = variants == null ? null : variants;
            if (variantInputs != null) {
                if (variantInputs.size() > MAX_VARIANTS) {
                    errors.add(UserErrors.path("input", "variants"), "Product has too many variants", "VARIANTS_OVER_LIMIT");
                }
                final Set<Map<String, String>> combinations = new HashSet<>();
                for (int i = 0; i < variantInputs.size(); i++) {
                    final Map<String, Object> variant = variantInputs.get(i);
                    final Map<String, String> combination = combination(variant);
                    for (final Map.Entry<String, String> choice : combination.entrySet()) {
                        if (!optionValues.containsKey(choice.getKey())) {
                            errors.add(UserErrors.path("input", "variants", i, "optionValues"), "Option does not exist", "OPTION_DOES_NOT_EXIST");
                        } else if (!optionValues.get(choice.getKey()).contains(choice.getValue())) {
                            errors.add(UserErrors.path("input", "variants", i, "optionValues"), "Option value does not exist",
                                    "OPTION_VALUE_DOES_NOT_EXIST");
                        }
                    }
                    if (!combinations.add(combination)) {
                        errors.add(UserErrors.path("input", "variants", i), "The variant '" + String.join(" / ", combination.values())
                                + "' already exists.", "INVALID_VARIANT");
                    }
                    if (variant.get("id") != null) {
                        final OptionalLong id = Gid.parse((String) variant.get("id"), "ProductVariant");
                        final ProductState owner = existing;
                        if (id.isEmpty() || owner == null || !owner.variantIds.contains(id.getAsLong())) {
                            errors.add(UserErrors.path("input", "variants", i, "id"), "Product variant does not exist",
                                    "PRODUCT_VARIANT_DOES_NOT_EXIST");
                        }
                    }
                    if (variant.get("price") != null && new BigDecimal(variant.get("price").toString()).signum() < 0) {
                        errors.add(UserErrors.path("input", "variants", i, "price"), "Price must be greater than or equal to 0", "INVALID_VARIANT");
                    }
                }
            }
            if (!errors.isEmpty()) {
                return payload(null, errors.list());
            }
            final Instant now = shop.tick();
            final ProductState product = existing != null ? existing
                    : new ProductState(shop.nextId(), (String) input.get("title"), handle != null ? handle
                    : ProductState.handleOf((String) input.get("title")), now);
            apply(product, input, optionValues, now);
            final List<Variant> stored = variantInputs == null ? currentVariants(shop, product)
                    : variants(shop, product, variantInputs, existing != null);
            shop.putProduct(product, stored);
            context.stats().add("shopify.productSet", 1);
            return payload(context.graph().product(product.id), List.of());
        }
    }

    private static void apply(final ProductState product, final Map<String, Object> input, final LinkedHashMap<String, List<String>> options,
                              final Instant now) {
        if (input.get("title") != null) {
            product.title = (String) input.get("title");
        }
        if (input.get("handle") != null) {
            product.handle = (String) input.get("handle");
        }
        if (input.get("status") != null) {
            product.status = input.get("status").toString();
        }
        if (input.get("productType") != null) {
            product.productType = (String) input.get("productType");
        }
        if (input.get("vendor") != null) {
            product.vendor = (String) input.get("vendor");
        }
        if (input.get("descriptionHtml") != null) {
            product.descriptionHtml = (String) input.get("descriptionHtml");
        }
        if (input.containsKey("collections")) {
            product.collections = listOrEmpty(input.get("collections")).stream().map(String::valueOf).toList();
        }
        if (input.containsKey("files")) {
            product.mediaSources = listOrEmpty(input.get("files")).stream()
                    .map(file -> String.valueOf(((Map<?, ?>) file).get("originalSource"))).toList();
        }
        if (input.get("productOptions") != null) {
            product.options = options;
        }
        product.updatedAt = now;
    }

    private static List<?> listOrEmpty(final Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static List<Variant> currentVariants(final Shop shop, final ProductState product) {
        return product.variantIds.stream().map(shop::variant).flatMap(Optional::stream).toList();
    }

    private static List<Variant> variants(final Shop shop, final ProductState product, final List<Map<String, Object>> inputs,
                                          final boolean existed) {
        final Map<Map<String, String>, Variant> byCombination = new HashMap<>();
        if (existed) {
            for (final Variant variant : currentVariants(shop, product)) {
                byCombination.put(product.variantOptions.getOrDefault(variant.id(), new LinkedHashMap<>()), variant);
            }
        }
        final List<Variant> stored = new ArrayList<>();
        final Map<Long, LinkedHashMap<String, String>> options = new LinkedHashMap<>();
        for (final Map<String, Object> input : inputs) {
            final LinkedHashMap<String, String> combination = combination(input);
            Variant former = null;
            if (input.get("id") != null) {
                former = shop.variant(Gid.parse((String) input.get("id"), "ProductVariant").getAsLong()).orElse(null);
            } else {
                former = byCombination.get(combination);
            }
            final long id = former != null ? former.id() : shop.nextId();
            final long inventoryItemId = former != null ? former.inventoryItemId() : shop.nextId();
            final String sku = input.containsKey("sku") ? (String) input.get("sku") : former != null ? former.sku() : "";
            final String barcode = input.containsKey("barcode") ? (String) input.get("barcode") : former != null ? former.barcode() : null;
            final BigDecimal price = input.get("price") != null ? new BigDecimal(input.get("price").toString())
                    : former != null ? former.price() : BigDecimal.ZERO;
            stored.add(new Variant(id, product.id, inventoryItemId, sku == null ? "" : sku, barcode == null ? "" : barcode,
                    String.join(" / ", combination.values()), price, former != null ? former.weightGrams() : 0));
            options.put(id, combination);
        }
        product.variantOptions.clear();
        product.variantOptions.putAll(options);
        return stored;
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, String> combination(final Map<String, Object> variant) {
        final LinkedHashMap<String, String> combination = new LinkedHashMap<>();
        for (final Map<String, Object> value : (List<Map<String, Object>>) variant.getOrDefault("optionValues", List.of())) {
            combination.put(String.valueOf(Objects.requireNonNullElse(value.get("optionName"), "")), String.valueOf(value.get("name")));
        }
        return combination;
    }

    private static Map<String, Object> payload(final Map<String, Object> product, final List<Map<String, Object>> errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put("product", product);
        payload.put("productSetOperation", null);
        payload.put("userErrors", errors);
        return payload;
    }
}
