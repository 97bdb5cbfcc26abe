package io.nifiecommerce.sandbox.shopify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A product as productSet leaves it: its scalar fields, options, media sources and the ids of its variants in order
 * (the variants themselves live in the shop's variant map). Written under the shop's lock only.
 */
final class ProductState {

    final long id;
    volatile String title;
    volatile String handle;
    volatile String status = "ACTIVE";
    volatile String productType = "";
    volatile String vendor = "";
    volatile String descriptionHtml = "";
    volatile List<String> collections = List.of();
    volatile List<String> mediaSources = List.of();
    /** Option name to its values, in position order. */
    volatile LinkedHashMap<String, List<String>> options = new LinkedHashMap<>();
    /** Variant id to its option values (option name to value). */
    final Map<Long, LinkedHashMap<String, String>> variantOptions = new LinkedHashMap<>();
    volatile List<Long> variantIds = new ArrayList<>();
    volatile Instant createdAt;
    volatile Instant updatedAt;

    ProductState(final long id, final String title, final String handle, final Instant at) {
        this.id = id;
        this.title = title;
        this.handle = handle;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /** The handle Shopify makes from a title: lower case, runs of other characters as one hyphen. */
    static String handleOf(final String title) {
        final String handle = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        return handle.isEmpty() ? "product" : handle;
    }
}
