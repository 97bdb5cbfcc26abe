package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Release;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags the B2B drafts that wait for approval with the review tag, so that the sales administration's saved view of
 * draft orders in the Shopify admin ({@code status:open tag:<review tag>}) lists every B2B order to review. The drafts of
 * a page are noted as they are read and tagged together ({@code draftOrderBulkAddTags}), one request where one per draft
 * would make a backlog of thousands take as many requests. A draft already tagged is left alone, so a draft is tagged
 * once (adding a present tag changes nothing besides).
 */
public final class DraftReviewMarker {

    /** Drafts tagged by one request at most: a page of Shopify's largest. */
    static final int IDS_PER_REQUEST = 250;

    private final ShopifyGraphQlClient client;
    private final String reviewTag;
    private final List<Order> noted = new ArrayList<>();

    /** @param reviewTag null or blank: drafts are not tagged */
    public DraftReviewMarker(final ShopifyGraphQlClient client, final String reviewTag) {
        this.client = client;
        this.reviewTag = reviewTag == null || reviewTag.isBlank() ? null : reviewTag.trim();
    }

    /** Notes a held B2B draft waiting for approval and not tagged yet, for {@link #tagNoted()}; returns whether it was noted. */
    public boolean note(final Order draft, final Release release) {
        if (reviewTag == null || draft.segment() != Segment.B2B || !Release.AWAITING_APPROVAL.equals(release.reason())
                || hasTag(draft, reviewTag)) {
            return false;
        }
        noted.add(draft);
        return true;
    }

    /** Tags the drafts noted since the last call; returns how many. A transient failure leaves them noted. */
    public int tagNoted() {
        int tagged = 0;
        while (!noted.isEmpty()) {
            final List<Order> batch = noted.subList(0, Math.min(IDS_PER_REQUEST, noted.size()));
            final GraphQlResponse response = client.execute(ShopifyDocument.DRAFT_ORDER_TAGS_ADD.text(),
                    Map.of("ids", batch.stream().map(Order::sourceId).toList(), "tags", List.of(reviewTag)));
            final JsonNode errors = response.at("draftOrderBulkAddTags.userErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                final String names = batch.getFirst().name() + (batch.size() > 1 ? " and " + (batch.size() - 1) + " more" : "");
                batch.clear();
                throw new ApiException(ErrorClass.PERMANENT, 0, "TAGS_ADD_REFUSED",
                        "Shopify refused to tag draft orders " + names + ": " + errors.get(0).path("message").asText());
            }
            tagged += batch.size();
            batch.clear();
        }
        return tagged;
    }

    static boolean hasTag(final Order order, final String tag) {
        final String wanted = tag.toLowerCase(Locale.ROOT);
        return order.tags().stream().anyMatch(t -> t.trim().toLowerCase(Locale.ROOT).equals(wanted));
    }
}
