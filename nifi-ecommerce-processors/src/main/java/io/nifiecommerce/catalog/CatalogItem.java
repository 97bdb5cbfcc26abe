package io.nifiecommerce.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An ERP item as the shop should show it: Business Central's {@code items} page (number, displayName, gtin, unitPrice,
 * blocked, itemCategoryCode, baseUnitOfMeasureCode) with its {@code itemVariants} and, when it has one, a picture URL.
 *
 * @param number      the item number, the key of the product in Shopify (its SKU, or the stem of its variants' SKUs)
 * @param description the long description (HTML allowed), null when the ERP has none
 * @param unitPrice   the price of the base unit, null when the ERP gives none (the shop's price is then kept)
 * @param blocked     blocked or sales-blocked in the ERP: the product is archived in Shopify
 * @param category    the item category code, null when none
 * @param pictureUrl  a URL Shopify can fetch the picture from, null when the item has no picture
 * @param variants    the item variants; empty for an item sold as one variant
 * @param units       the sales units offered as variants; empty to sell the base unit only
 */
public record CatalogItem(String number, String title, String description, String gtin, BigDecimal unitPrice, boolean blocked,
                          String category, String pictureUrl, List<Variant> variants, List<Unit> units) {

    public CatalogItem {
        Objects.requireNonNull(number, "number");
        variants = variants == null ? List.of() : List.copyOf(variants);
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** The same item with another picture URL (null for none). */
    public CatalogItem withPictureUrl(final String url) {
        return new CatalogItem(number, title, description, gtin, unitPrice, blocked, category, url, variants, units);
    }

    /** An item variant: Business Central's {@code itemVariants} (code, description). */
    public record Variant(String code, String description) {
        public Variant {
            Objects.requireNonNull(code, "code");
        }
    }

    /** A unit of measure the item is sold in, with how many base units it holds. */
    public record Unit(String code, BigDecimal quantityPerUnit) {
        public Unit {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(quantityPerUnit, "quantityPerUnit");
        }
    }
}
