package io.nifiecommerce.order;

import java.util.Locale;
import java.util.Objects;

/**
 * The one place that decides whether an order may go to the ERP. Every entry path asks it the same question with the
 * same canonical order (the order poller, the draft-order poller and the webhook receiver), so that an order held on
 * one path is never let through by another. Tags are compared without regard to case, as Shopify's tag search does.
 */
public final class ReleaseGate {

    /** Shopify's global id prefix of draft orders: a canonical order read from a draft carries it in sourceId. */
    public static final String DRAFT_ORDER_GID = "gid://shopify/DraftOrder/";
    /** Shopify's draft order status once the draft has become an order. */
    public static final String DRAFT_COMPLETED = "COMPLETED";

    private final ReleasePolicy policy;
    private final String approvalTag;

    /** @param approvalTag the tag the sales administration adds to approve; required by every policy but ALL */
    public ReleaseGate(final ReleasePolicy policy, final String approvalTag) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy != ReleasePolicy.ALL && (approvalTag == null || approvalTag.isBlank())) {
            throw new IllegalArgumentException("The " + policy + " release policy needs an approval tag");
        }
        this.approvalTag = approvalTag == null ? null : approvalTag.trim();
    }

    public static ReleaseGate all() {
        return new ReleaseGate(ReleasePolicy.ALL, null);
    }

    public ReleasePolicy policy() {
        return policy;
    }

    public String approvalTag() {
        return approvalTag;
    }

    public static boolean isDraft(final Order order) {
        return order.sourceId() != null && order.sourceId().startsWith(DRAFT_ORDER_GID);
    }

    public Release decide(final Order order) {
        if (isDraft(order)) {
            return decideDraft(order);
        }
        if (policy == ReleasePolicy.ALL || order.segment() != Segment.B2B) {
            return Release.go();
        }
        final boolean approved = approved(order);
        if (policy == ReleasePolicy.APPROVAL_TAG) {
            return approved ? Release.go() : Release.hold(Release.AWAITING_APPROVAL,
                    "B2B order " + order.name() + " waits for the tag '" + approvalTag + "' from the sales administration");
        }
        // DRAFT_REVIEW: a completed draft's order keeps the draft's tags, the approval among them
        return approved
                ? Release.hold(Release.RELEASED_AS_DRAFT, "Order " + order.name() + " was created from an approved draft order, "
                        + "which went to the ERP before it was completed")
                : Release.hold(Release.NOT_REVIEWED, "B2B order " + order.name() + " was placed without a draft review: set its company "
                        + "location to check out to draft, or approve it by adding the tag '" + approvalTag + "' to a draft of it");
    }

    /** A draft goes once it is approved and still open; whatever the policy, a draft is never an order without approval. */
    private Release decideDraft(final Order order) {
        if (DRAFT_COMPLETED.equals(order.financialStatus())) {
            return Release.hold(Release.DRAFT_CLOSED, "Draft order " + order.name() + " is completed: its order is what the ERP sees");
        }
        if (approvalTag == null || !approved(order)) {
            return Release.hold(Release.AWAITING_APPROVAL, "Draft order " + order.name() + " waits for the tag '"
                    + (approvalTag == null ? "(none configured)" : approvalTag) + "' from the sales administration");
        }
        return Release.go();
    }

    private boolean approved(final Order order) {
        final String wanted = approvalTag.toLowerCase(Locale.ROOT);
        return order.tags().stream().anyMatch(tag -> tag.trim().toLowerCase(Locale.ROOT).equals(wanted));
    }
}
