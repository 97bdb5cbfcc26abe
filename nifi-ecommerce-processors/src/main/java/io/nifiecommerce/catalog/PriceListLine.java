package io.nifiecommerce.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One B2B price from the ERP: the price of a SKU for a price group (Business Central's Price List Line of source type
 * Customer Price Group, or Customer, read through the bc-extension page {@code salesPriceLines}).
 *
 * @param priceGroup the customer price group (or customer number): one Shopify catalog and price list each
 * @param sku        the variant's SKU, made as products make it (item number, variant code)
 * @param currency   ISO currency code of the price
 * @param price      the fixed price; null removes the SKU's fixed price from the price list
 */
public record PriceListLine(String priceGroup, String sku, String currency, BigDecimal price) {

    public PriceListLine {
        Objects.requireNonNull(priceGroup, "priceGroup");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(currency, "currency");
    }

    public boolean removal() {
        return price == null;
    }
}
