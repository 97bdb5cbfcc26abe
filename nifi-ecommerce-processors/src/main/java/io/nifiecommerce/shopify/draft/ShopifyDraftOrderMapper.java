package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;

/**
 * Maps a {@code DraftOrder} node (as selected by DraftOrdersPage.graphql) to the canonical {@link Order}, so that an
 * approved draft reaches the ERP through the same path as an order. The draft's own differences are bridged here: its
 * note is {@code note2}, it has one {@code shippingLine}, a line's discount is {@code totalDiscountSet}. The draft's
 * status (OPEN, INVOICE_SENT, COMPLETED) takes the place of the financial status, and its name (#D12) becomes the
 * external document number in the ERP.
 */
public final class ShopifyDraftOrderMapper {

    private ShopifyDraftOrderMapper() {
    }

    public static Order fromGraphQl(final JsonNode draft) {
        return ShopifyOrderMapper.fromGraphQl(asOrderNode(draft));
    }

    /** The draft node reshaped as an order node (a copy; the draft is left as read). */
    static ObjectNode asOrderNode(final JsonNode draft) {
        final ObjectNode order = draft.deepCopy();
        order.set("note", draft.path("note2").isMissingNode() ? JsonNodeFactory.instance.nullNode() : draft.path("note2"));
        order.set("displayFinancialStatus", draft.path("status"));
        order.put("sourceName", "shopify_draft_order");
        final ArrayNode shippingLines = order.putArray("shippingLines");
        if (draft.path("shippingLine").isObject()) {
            shippingLines.add(draft.path("shippingLine"));
        }
        final ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        for (final JsonNode line : draft.path("lineItems").path("nodes")) {
            final ObjectNode copy = line.deepCopy();
            final ArrayNode allocations = copy.putArray("discountAllocations");
            if (line.path("totalDiscountSet").isObject()) {
                allocations.addObject().set("allocatedAmountSet", line.path("totalDiscountSet"));
            }
            lines.add(copy);
        }
        order.putObject("lineItems").set("nodes", lines);
        return order;
    }
}
