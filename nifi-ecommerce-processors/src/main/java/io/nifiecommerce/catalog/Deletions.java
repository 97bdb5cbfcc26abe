package io.nifiecommerce.catalog;

/**
 * Whether a run may archive the products of items deleted in the ERP.
 *
 * @param completeRead    the items are every item of the ERP, read to the last page without a filter: an item published
 *                        before and not among them was deleted. A partial, filtered or failed read never archives
 * @param maxSharePercent above this share of the published items vanishing at once, nothing is archived (a read of the
 *                        wrong company or a page that lost its rows looks like a mass deletion)
 */
public record Deletions(boolean completeRead, int maxSharePercent) {

    /** Nothing is archived for being absent: incremental or filtered reads, or archiving disabled. */
    public static final Deletions NONE = new Deletions(false, 0);

    public Deletions {
        if (maxSharePercent < 0 || maxSharePercent > 100) {
            throw new IllegalArgumentException("maxSharePercent must be between 0 and 100: " + maxSharePercent);
        }
    }
}
