package io.nifiecommerce.catalog;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How ERP items become Shopify products.
 *
 * @param skuSeparator          between the item number, the variant code and the unit code in a variant's SKU
 * @param variantOptionName     the Shopify option carrying the item variants (e.g. "Variante")
 * @param unitOptionName        the Shopify option carrying the sales units when items have several
 * @param categoryTarget        where the item category goes
 * @param categoryValues        category code to product type (PRODUCT_TYPE, unmapped codes go as they are) or to
 *                              collection GID (COLLECTION)
 * @param shopifyOwned          fields set at creation only
 * @param vendor                the vendor of new products, null for Shopify's default (the shop name)
 * @param handlePrefix          prefixed to the item number to make the handle of a new product
 * @param newProductStatus      ACTIVE or DRAFT: the status of a product the run creates
 */
public record ProductSettings(String skuSeparator, String variantOptionName, String unitOptionName, CategoryTarget categoryTarget,
                              Map<String, String> categoryValues, Set<ShopifyOwnedField> shopifyOwned, String vendor,
                              String handlePrefix, String newProductStatus) {

    public ProductSettings {
        Objects.requireNonNull(skuSeparator, "skuSeparator");
        Objects.requireNonNull(categoryTarget, "categoryTarget");
        categoryValues = categoryValues == null ? Map.of() : Map.copyOf(categoryValues);
        shopifyOwned = shopifyOwned == null || shopifyOwned.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(shopifyOwned));
        if (!"ACTIVE".equals(newProductStatus) && !"DRAFT".equals(newProductStatus)) {
            throw new IllegalArgumentException("A new product is ACTIVE or DRAFT, not " + newProductStatus);
        }
    }

    /** SKU = item number, "-" between codes, categories as product types, descriptions and images Shopify's after creation. */
    public static ProductSettings defaults() {
        return new ProductSettings("-", "Variante", "Unité", CategoryTarget.PRODUCT_TYPE, Map.of(),
                EnumSet.of(ShopifyOwnedField.DESCRIPTION, ShopifyOwnedField.IMAGES), null, "", "ACTIVE");
    }

    public boolean owned(final ShopifyOwnedField field) {
        return shopifyOwned.contains(field);
    }

    public ProductSettings withShopifyOwned(final ShopifyOwnedField... fields) {
        return new ProductSettings(skuSeparator, variantOptionName, unitOptionName, categoryTarget, categoryValues,
                fields.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(fields)), vendor, handlePrefix, newProductStatus);
    }

    public ProductSettings withCategories(final CategoryTarget target, final Map<String, String> values) {
        return new ProductSettings(skuSeparator, variantOptionName, unitOptionName, target, values, shopifyOwned, vendor,
                handlePrefix, newProductStatus);
    }

    /** A stable text of everything that changes what is sent, so that a change of settings sends the items again. */
    String fingerprintText() {
        return String.join("\u0001", skuSeparator, String.valueOf(variantOptionName), String.valueOf(unitOptionName),
                categoryTarget.name(), new TreeMap<>(categoryValues).toString(), EnumSet.copyOf(shopifyOwnedOrNone()).toString(),
                String.valueOf(vendor), String.valueOf(handlePrefix), newProductStatus);
    }

    private Set<ShopifyOwnedField> shopifyOwnedOrNone() {
        return shopifyOwned.isEmpty() ? EnumSet.noneOf(ShopifyOwnedField.class) : shopifyOwned;
    }
}
