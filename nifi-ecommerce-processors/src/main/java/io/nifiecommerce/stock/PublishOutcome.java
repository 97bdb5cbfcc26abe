package io.nifiecommerce.stock;

/**
 * What became of one stock record.
 *
 * @param status          published, unchanged or failed
 * @param code            why: a Shopify userError code (CHANGE_FROM_QUANTITY_STALE...) or one of ours
 *                        (UNKNOWN_SKU, UNCHANGED_SINCE_LAST_PUBLISH...); null when published
 * @param message         a sentence for people
 * @param inventoryItemId the item, when resolved
 * @param locationId      the Shopify location, when mapped
 * @param quantity        the quantity published or found unchanged, when computed
 */
public record PublishOutcome(Status status, String code, String message, String inventoryItemId, String locationId, Long quantity) {

    /** The three outcomes, written in records as their lower-case names. */
    public enum Status {
        PUBLISHED,
        UNCHANGED,
        FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static PublishOutcome failed(String code, String message, String inventoryItemId, String locationId, Long quantity) {
        return new PublishOutcome(Status.FAILED, code, message, inventoryItemId, locationId, quantity);
    }
}
