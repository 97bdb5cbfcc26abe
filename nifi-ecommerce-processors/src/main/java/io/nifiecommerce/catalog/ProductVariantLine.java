package io.nifiecommerce.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;

/** One Shopify variant of an item: its SKU, its option values (option name to value, in option order), price and barcode. */
record ProductVariantLine(String sku, LinkedHashMap<String, String> options, BigDecimal price, String barcode) {
}
