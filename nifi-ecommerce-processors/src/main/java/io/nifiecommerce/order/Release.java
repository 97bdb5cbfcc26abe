package io.nifiecommerce.order;

/**
 * Whether one order may go to the ERP, and if not, why: {@code reason} is a stable code for routing and dashboards,
 * {@code detail} a sentence for the person reading the queue.
 */
public record Release(boolean released, String reason, String detail) {

    /** Held until the sales administration approves it. */
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    /** A B2B order placed without going through draft review while reviews are done on drafts. */
    public static final String NOT_REVIEWED = "NOT_REVIEWED";
    /** The order Shopify created from an approved draft: the draft went to the ERP already. */
    public static final String RELEASED_AS_DRAFT = "RELEASED_AS_DRAFT";
    /** A draft that is no longer open (completed): the order it became is the one that counts. */
    public static final String DRAFT_CLOSED = "DRAFT_CLOSED";

    private static final Release GO = new Release(true, null, null);

    public static Release go() {
        return GO;
    }

    static Release hold(final String reason, final String detail) {
        return new Release(false, reason, detail);
    }
}
