package io.nifiecommerce.it.demo;

import io.nifiecommerce.sandbox.shopify.DraftOrderState;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.util.Comparator;
import java.util.List;

/**
 * Plays the client's sales administration: its company locations submit B2B orders as drafts for review, and it
 * approves them in the Shopify admin by adding the approval tag to the drafts listed in its saved view (the drafts the
 * flow tagged for review). At each look it approves what its saved view lists, in bulk as a team does from the admin's
 * list (a page of the list at a time), so that its pace follows the flow's, not the demo's steps.
 */
final class SalesAdministration {

    static final String APPROVAL_TAG = "approved";
    static final String REVIEW_TAG = "b2b-review";
    /** Drafts one bulk action of the admin's list approves: a page of the list. */
    static final int BULK_ACTION = 250;

    private final Shop shop;

    SalesAdministration(final Shop shop) {
        this.shop = shop;
    }

    /** Approves the drafts the saved view lists (the flow tagged them for review), a page of the list at most; returns how many. */
    int approveListed() {
        final List<DraftOrderState> listed = shop.drafts().stream()
                .filter(d -> "OPEN".equals(d.status()) && d.content().tags().contains(REVIEW_TAG) && !d.content().tags().contains(APPROVAL_TAG))
                .sorted(Comparator.comparingLong(DraftOrderState::id)).limit(BULK_ACTION).toList();
        listed.forEach(draft -> shop.tagDraft(draft.id(), APPROVAL_TAG));
        return listed.size();
    }

    /** Drafts not yet an order: waiting for review, or approved and on their way through BC. */
    long waiting() {
        return shop.drafts().stream().filter(d -> !"COMPLETED".equals(d.status())).count();
    }
}
