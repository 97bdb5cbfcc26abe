package io.nifiecommerce.order;

/** How orders are cleared for the ERP: which ones may become a sales order, and on what sign from the sales administration. */
public enum ReleasePolicy {
    /** Every order goes to the ERP as soon as it is read (B2C shops, or B2B orders trusted as placed). */
    ALL,
    /** B2C orders go at once; a B2B order goes once the sales administration has tagged it with the approval tag. */
    APPROVAL_TAG,
    /**
     * B2C orders go at once; B2B orders are reviewed as draft orders (company locations that check out to draft) and go
     * to the ERP from their draft once it carries the approval tag. The order Shopify creates when that draft is completed
     * is never sent again, and a B2B order that skipped the review is held.
     */
    DRAFT_REVIEW
}
