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

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags the B2B drafts that wait for approval with the review tag, so that the sales administration's saved view of
 * draft orders in the Shopify admin ({@code status:open tag:<review tag>}) lists every B2B order to review. A draft
 * already tagged is left alone, so a draft is tagged once (tagsAdd is idempotent besides: adding a present tag changes
 * nothing).
 */
public final class DraftReviewMarker {

    private final ShopifyGraphQlClient client;
    private final String reviewTag;

    /** @param reviewTag null or blank: drafts are not tagged */
    public DraftReviewMarker(final ShopifyGraphQlClient client, final String reviewTag) {
        this.client = client;
        this.reviewTag = reviewTag == null || reviewTag.isBlank() ? null : reviewTag.trim();
    }

    /** Tags a held B2B draft waiting for approval; returns whether a tag was added. */
    public boolean mark(final Order draft, final Release release) {
        if (reviewTag == null || draft.segment() != Segment.B2B || !Release.AWAITING_APPROVAL.equals(release.reason())
                || hasTag(draft, reviewTag)) {
            return false;
        }
        final GraphQlResponse response = client.execute(ShopifyDocument.DRAFT_ORDER_TAGS_ADD.text(),
                Map.of("id", draft.sourceId(), "tags", List.of(reviewTag)));
        final JsonNode errors = response.at("tagsAdd.userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new ApiException(ErrorClass.PERMANENT, 0, "TAGS_ADD_REFUSED",
                    "Shopify refused to tag draft order " + draft.name() + ": " + errors.get(0).path("message").asText());
        }
        return true;
    }

    static boolean hasTag(final Order order, final String tag) {
        final String wanted = tag.toLowerCase(Locale.ROOT);
        return order.tags().stream().anyMatch(t -> t.trim().toLowerCase(Locale.ROOT).equals(wanted));
    }
}
