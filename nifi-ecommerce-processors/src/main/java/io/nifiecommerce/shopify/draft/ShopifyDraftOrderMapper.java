package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.ShippingLine;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;

import java.math.BigDecimal;
import java.util.List;

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

    /**
     * The draft as the ERP is to price it: without the shipping line the buyer chose at checkout, and without its amounts
     * in the totals (the shipping line's price and discount, its tax, and the total charged for it). BC adds its own
     * freight to the sales order and PutShopifyErpShipping puts BC's price on the draft in place of the buyer's line, so
     * neither BC nor the customer's order ends with two carrier charges.
     */
    public static Order withoutShipping(final Order draft) {
        if (draft.shippingLines().isEmpty()) {
            return draft;
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (final ShippingLine line : draft.shippingLines()) {
            net = net.add(line.netAmount());
            discount = discount.add(orZero(line.discountAmount()));
            tax = tax.add(orZero(line.taxAmount()));
        }
        final BigDecimal charged = draft.taxesIncluded() ? net : net.add(tax);
        return new Order(draft.source(), draft.sourceId(), draft.name(), draft.segment(), draft.channel(), draft.createdAt(), draft.updatedAt(),
                draft.processedAt(), draft.cancelledAt(), draft.currency(), draft.taxesIncluded(), draft.financialStatus(),
                draft.fulfillmentStatus(), draft.poNumber(), draft.tags(), draft.email(), draft.note(), draft.customer(), draft.company(),
                draft.billingAddress(), draft.shippingAddress(), draft.lines(), List.of(), draft.subtotalPrice(),
                minus(draft.totalDiscounts(), discount), draft.totalShipping() == null ? null : BigDecimal.ZERO, minus(draft.totalTax(), tax),
                minus(draft.totalPrice(), charged));
    }

    private static BigDecimal minus(final BigDecimal total, final BigDecimal part) {
        return total == null ? null : total.subtract(part);
    }

    private static BigDecimal orZero(final BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
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
