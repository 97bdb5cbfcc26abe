package io.nifiecommerce.catalog;

/**
 * What became of one item.
 *
 * @param productId the Shopify product GID, null when none was found or made
 * @param reason    on FAILED: Shopify's userErrors code (or SKU_CONFLICT); null otherwise
 */
public record ProductOutcome(String number, Status status, String productId, String reason, String message) {

    public enum Status {
        CREATED,
        UPDATED,
        ARCHIVED,
        /** Same as last published: nothing sent. */
        UNCHANGED,
        /** Blocked in the ERP and absent from Shopify: nothing to archive, nothing created. */
        SKIPPED,
        FAILED,
        /** Not sent: Shopify could not be reached or kept throttling before the item's turn; send it again later. */
        RETRY
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
