package io.nifiecommerce.catalog;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an ERP item into the {@code productSet} input and identifier. Variants are the item variants, times the sales
 * units when the item has several; a single-variant product carries Shopify's default option ("Title" / "Default
 * Title"). Prices are the item's unit price (times the quantity per unit); the GTIN goes on the base-unit variant of an
 * item without variants, since Business Central keeps one GTIN per item.
 */
public final class ProductMapping {

    static final String DEFAULT_OPTION = "Title";
    static final String DEFAULT_VALUE = "Default Title";

    private final ProductSettings settings;

    public ProductMapping(final ProductSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ProductSettings settings() {
        return settings;
    }

    /** The Shopify variants of an item, in order. */
    List<ProductVariantLine> variants(final CatalogItem item) {
        final List<Choice> variantChoices = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final CatalogItem.Variant variant : item.variants()) {
            // an option value must be unique within the option: fall back on the code when descriptions repeat
            final String description = blank(variant.description()) ? variant.code() : variant.description().trim();
            final String value = seen.add(description.toLowerCase(Locale.ROOT)) ? description : variant.code();
            variantChoices.add(new Choice(variant.code(), value, BigDecimal.ONE));
        }
        final List<Choice> unitChoices = item.units().size() < 2 ? List.of()
                : item.units().stream().map(unit -> new Choice(unit.code(), unit.code(), unit.quantityPerUnit())).toList();
        final List<ProductVariantLine> lines = new ArrayList<>();
        for (final Choice variant : variantChoices.isEmpty() ? Collections.<Choice>singletonList(null) : variantChoices) {
            for (final Choice unit : unitChoices.isEmpty() ? Collections.<Choice>singletonList(null) : unitChoices) {
                final LinkedHashMap<String, String> options = new LinkedHashMap<>();
                final StringBuilder sku = new StringBuilder(item.number());
                BigDecimal quantity = BigDecimal.ONE;
                if (variant != null) {
                    options.put(settings.variantOptionName(), variant.value());
                    sku.append(settings.skuSeparator()).append(variant.code());
                }
                if (unit != null) {
                    options.put(settings.unitOptionName(), unit.value());
                    sku.append(settings.skuSeparator()).append(unit.code());
                    quantity = unit.quantity();
                }
                if (options.isEmpty()) {
                    options.put(DEFAULT_OPTION, DEFAULT_VALUE);
                }
                final BigDecimal price = item.unitPrice() == null ? null : item.unitPrice().multiply(quantity);
                final String barcode = variant == null && quantity.compareTo(BigDecimal.ONE) == 0 && !blank(item.gtin()) ? item.gtin() : null;
                lines.add(new ProductVariantLine(sku.toString(), options, price, barcode));
            }
        }
        return lines;
    }

    private record Choice(String code, String value, BigDecimal quantity) {
    }

    /** Every SKU of the item, as its variants carry them. */
    public List<String> skus(final CatalogItem item) {
        return variants(item).stream().map(ProductVariantLine::sku).toList();
    }

    /** The handle a new product gets: lower-case letters, digits and hyphens from the prefix and item number. */
    public String handle(final CatalogItem item) {
        final String raw = (settings.handlePrefix() == null ? "" : settings.handlePrefix()) + item.number();
        final String handle = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return handle.isEmpty() ? "item" : handle;
    }

    /**
     * The {@code productSet} input: everything the ERP owns when the product exists, and the Shopify-owned fields too
     * when it is created.
     *
     * @param existing the product found by SKU, null to create one
     */
    public Map<String, Object> input(final CatalogItem item, final ExistingProduct existing) {
        final boolean creating = existing == null;
        final Map<String, Object> input = new LinkedHashMap<>();
        if (creating || !settings.owned(ShopifyOwnedField.TITLE)) {
            input.put("title", blank(item.title()) ? item.number() : item.title());
        }
        if (!blank(item.description()) && (creating || !settings.owned(ShopifyOwnedField.DESCRIPTION))) {
            input.put("descriptionHtml", item.description());
        }
        if (settings.vendor() != null && !settings.vendor().isBlank() && (creating || !settings.owned(ShopifyOwnedField.VENDOR))) {
            input.put("vendor", settings.vendor());
        }
        final String category = blank(item.category()) ? null : item.category();
        if (settings.categoryTarget() == CategoryTarget.PRODUCT_TYPE && category != null
                && (creating || !settings.owned(ShopifyOwnedField.PRODUCT_TYPE))) {
            input.put("productType", settings.categoryValues().getOrDefault(category, category));
        }
        if (settings.categoryTarget() == CategoryTarget.COLLECTION && (creating || !settings.owned(ShopifyOwnedField.COLLECTIONS))) {
            final String collection = category == null ? null : settings.categoryValues().get(category);
            if (collection != null) {
                input.put("collections", List.of(collection));
            }
        }
        if (!blank(item.pictureUrl()) && (creating || !settings.owned(ShopifyOwnedField.IMAGES))) {
            final Map<String, Object> file = new LinkedHashMap<>();
            file.put("originalSource", item.pictureUrl());
            file.put("contentType", "IMAGE");
            file.put("alt", input.getOrDefault("title", item.number()));
            input.put("files", List.of(file));
        }
        if (creating) {
            input.put("handle", handle(item));
            input.put("status", settings.newProductStatus());
        } else if ("ARCHIVED".equals(existing.status())) {
            input.put("status", settings.newProductStatus());
        }
        final List<ProductVariantLine> variants = variants(item);
        final Map<String, Set<String>> optionValues = new LinkedHashMap<>();
        variants.forEach(v -> v.options().forEach((name, value) -> optionValues.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value)));
        final List<Map<String, Object>> productOptions = new ArrayList<>();
        int position = 1;
        for (final Map.Entry<String, Set<String>> option : optionValues.entrySet()) {
            productOptions.add(Map.of("name", option.getKey(), "position", position++,
                    "values", option.getValue().stream().map(value -> Map.of("name", value)).toList()));
        }
        input.put("productOptions", productOptions);
        final List<Map<String, Object>> variantInputs = new ArrayList<>();
        for (final ProductVariantLine line : variants) {
            final Map<String, Object> variant = new LinkedHashMap<>();
            final String variantId = creating ? null : existing.variantIds().get(line.sku());
            if (variantId != null) {
                variant.put("id", variantId);
            }
            variant.put("sku", line.sku());
            variant.put("optionValues", line.options().entrySet().stream()
                    .map(option -> Map.of("optionName", option.getKey(), "name", option.getValue())).toList());
            if (line.price() != null) {
                variant.put("price", line.price().stripTrailingZeros().toPlainString());
            }
            if (line.barcode() != null) {
                variant.put("barcode", line.barcode());
            }
            variantInputs.add(variant);
        }
        input.put("variants", variantInputs);
        return input;
    }

    /** The input that archives an existing product and changes nothing else. */
    public static Map<String, Object> archiveInput() {
        return Map.of("status", "ARCHIVED");
    }

    /** The identifier: the product's id when it exists, else its handle (an upsert). */
    public Map<String, Object> identifier(final CatalogItem item, final ExistingProduct existing) {
        return existing != null ? Map.of("id", existing.id()) : Map.of("handle", handle(item));
    }

    /**
     * A 32-bit fingerprint of what the ERP says about the item and of the settings: equal fingerprints, nothing to send.
     * A collision (one in four billion per change) leaves one change unsent until the next full run.
     */
    public long fingerprint(final CatalogItem item) {
        final MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        final String normalized = new CatalogItem(item.number(), item.title(), item.description(), item.gtin(),
                item.unitPrice() == null ? null : item.unitPrice().stripTrailingZeros(), item.blocked(), item.category(),
                item.pictureUrl(), item.variants(), item.units().stream()
                .map(u -> new CatalogItem.Unit(u.code(), u.quantityPerUnit().stripTrailingZeros())).toList()).toString();
        sha256.update(normalized.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(settings.fingerprintText().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha256.digest()).getInt() & 0xFFFF_FFFFL;
    }

    /** Whether productSet gets the item's picture: on creation, or always when the ERP owns the images. */
    public boolean sendsPicture(final ExistingProduct existing) {
        return existing == null || !settings.owned(ShopifyOwnedField.IMAGES);
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }
}
