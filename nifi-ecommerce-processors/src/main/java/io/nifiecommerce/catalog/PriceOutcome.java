package io.nifiecommerce.catalog;

/**
 * What became of one price line.
 *
 * @param catalogId the Shopify catalog of the line's price group, null when it could not be made
 * @param reason    on FAILED: UNKNOWN_SKU or Shopify's userErrors code
 */
public record PriceOutcome(String priceGroup, String sku, Status status, String catalogId, String reason, String message) {

    public enum Status {
        PUBLISHED,
        UNCHANGED,
        REMOVED,
        /** Not a price the shop can use: a quantity break, or not valid yet. */
        SKIPPED,
        FAILED,
        /** Not sent: Shopify could not be reached or kept throttling before the line's turn; send it again later. */
        RETRY
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
