package io.nifiecommerce.stock;

/**
 * A stock quantity as the source system sees it: an ERP item ledger, a 3PL report, a CSV export.
 *
 * @param sku          the SKU, matched exactly against Shopify variant SKUs; null when only a GTIN is known
 * @param gtin         the GTIN / EAN / UPC, or null
 * @param locationCode the source's warehouse or location code, mapped to a Shopify location by the caller
 * @param quantity     the quantity the source reports (may be negative: ERPs allow it)
 * @param committed    units already promised to open orders that are still in this quantity, or null when unknown
 */
public record StockLevel(String sku, String gtin, String locationCode, long quantity, Long committed) {

    public StockLevel(String sku, String gtin, String locationCode, long quantity) {
        this(sku, gtin, locationCode, quantity, null);
    }
}
