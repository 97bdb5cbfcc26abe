package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.stock.SkuResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the Shopify products that already carry SKUs, 50 SKUs per query (about 100 requested cost points): the key from ERP item to Shopify product is
 * the SKU, so a product made by hand before the first run is updated, not duplicated.
 */
public final class ProductLookup {

    /** SKUs per query: 50 quoted SKUs stay well inside Shopify's search length, 250 variants cover them. */
    static final int SKUS_PER_QUERY = 50;

    private final CatalogCalls calls;
    private int queries;

    public ProductLookup(final CatalogCalls calls) {
        this.calls = calls;
    }

    /** The product carrying each SKU found, as a variant of that product. */
    public Map<String, Found> find(final List<String> skus) {
        final Map<String, Found> found = new HashMap<>();
        for (int from = 0; from < skus.size(); from += SKUS_PER_QUERY) {
            final List<String> batch = skus.subList(from, Math.min(skus.size(), from + SKUS_PER_QUERY));
            final Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("query", SkuResolver.searchQuery("sku", batch));
            // as many variants as SKUs asked: the requested cost grows with first, and one SKU is one variant
            variables.put("first", batch.size());
            queries++;
            final GraphQlResponse response = calls.idempotent(CatalogDocuments.PRODUCTS_BY_SKU, variables);
            for (final JsonNode node : response.at("productVariants.nodes")) {
                final String sku = node.path("sku").asText("");
                // Shopify's search matches words; keep exact SKUs only
                if (batch.contains(sku) && !node.path("product").isMissingNode()) {
                    final JsonNode product = node.path("product");
                    found.put(sku, new Found(node.path("id").asText(), product.path("id").asText(), product.path("handle").asText(null),
                            product.path("status").asText(null)));
                }
            }
        }
        return found;
    }

    /** The one product an item's SKUs belong to; null if none; an exception naming them if they are spread over several. */
    static ExistingProduct productOf(final List<String> skus, final Map<String, Found> found) {
        final Map<String, String> variantIds = new LinkedHashMap<>();
        Found first = null;
        final List<String> products = new ArrayList<>();
        for (final String sku : skus) {
            final Found hit = found.get(sku);
            if (hit == null) {
                continue;
            }
            if (first == null) {
                first = hit;
            }
            if (!products.contains(hit.productId())) {
                products.add(hit.productId());
            }
            variantIds.put(sku, hit.variantId());
        }
        if (products.size() > 1) {
            throw new IllegalStateException("The item's SKUs are on several Shopify products: " + String.join(", ", products));
        }
        return first == null ? null : new ExistingProduct(first.productId(), first.handle(), first.status(), variantIds);
    }

    public int queries() {
        return queries;
    }

    /** A variant found by SKU and its product. */
    public record Found(String variantId, String productId, String handle, String status) {
    }
}
