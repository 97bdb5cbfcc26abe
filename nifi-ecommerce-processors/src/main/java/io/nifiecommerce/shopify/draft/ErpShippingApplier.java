package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts the ERP's carrier price on the Shopify side of an approved B2B draft, idempotently: every step first reads
 * where the draft stands, so a replay after a crash or a lost answer does each step at most once.
 * <ul>
 *   <li>Draft still open: {@code draftOrderUpdate} sets its shipping line (unless it already shows that price), then
 *       {@code draftOrderComplete} turns it into the order the customer sees.</li>
 *   <li>Draft already completed (by the sales administration, or by an earlier run): the order is edited
 *       ({@code orderEditBegin}, {@code orderEditUpdateShippingLine} on its first shipping line or
 *       {@code orderEditAddShippingLine} when it has none, {@code orderEditCommit}), unless it already shows that price.</li>
 *   <li>Draft completed into an order cancelled since (by hand, while the draft was on its way to the ERP): refused with
 *       {@value #ORDER_CANCELLED}, for someone to cancel the ERP's sales order made from the draft.</li>
 * </ul>
 */
public final class ErpShippingApplier {

    /** The draft's order was cancelled before the ERP's price reached it. */
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED_WHILE_SENT";

    /** What was done, for the outcome field and the demo's summary. */
    public enum Outcome {
        /** Shipping line set on the draft and the draft completed into an order. */
        DRAFT_COMPLETED,
        /** Shipping line set on the draft, left open (completion is not asked). */
        DRAFT_PRICED,
        /** The completed draft's order edited to carry the ERP's price. */
        ORDER_EDITED,
        /** Shopify already showed the ERP's price: nothing sent. */
        ALREADY_APPLIED
    }

    /** The result: what was done and the order the draft became (null while it is still a draft). */
    public record Result(Outcome outcome, String orderId, String orderName) {
    }

    private final ShopifyGraphQlClient client;
    private final boolean completeDrafts;
    private final boolean paymentPending;

    public ErpShippingApplier(final ShopifyGraphQlClient client, final boolean completeDrafts, final boolean paymentPending) {
        this.client = client;
        this.completeDrafts = completeDrafts;
        this.paymentPending = paymentPending;
    }

    /** @param price a function of the draft's tax basis (true: taxes included) giving the line to show */
    public Result apply(final String draftId, final Function<Boolean, ShippingPrice> price, final String staffNote) {
        final JsonNode draft = client.execute(ShopifyDocument.DRAFT_ORDER_SHIPPING_STATE.text(), Map.of("id", draftId)).at("draftOrder");
        if (draft == null || !draft.isObject()) {
            throw new ApiException(ErrorClass.PERMANENT, 0, "DRAFT_ORDER_NOT_FOUND", "No draft order " + draftId + " in the shop");
        }
        final ShippingPrice wanted = price.apply(draft.path("taxesIncluded").asBoolean(false));
        final String currency = draft.path("currencyCode").asText();
        if ("COMPLETED".equals(draft.path("status").asText())) {
            return editOrder(draft.path("order"), wanted, currency, staffNote);
        }
        final JsonNode current = draft.path("shippingLine");
        final boolean priced = current.isObject()
                && wanted.sameAs(current.path("title").asText(), current.path("originalPriceSet").path("shopMoney").path("amount").asText(null));
        if (!priced) {
            final Map<String, Object> line = new HashMap<>();
            line.put("title", wanted.title());
            line.put("priceWithCurrency", Map.of("amount", wanted.amount().toPlainString(), "currencyCode", currency));
            final GraphQlResponse updated = client.execute(ShopifyDocument.DRAFT_ORDER_UPDATE_SHIPPING.text(), Map.of("id", draftId, "shippingLine", line));
            refuseOnUserErrors(updated.at("draftOrderUpdate.userErrors"), "DRAFT_ORDER_UPDATE_REFUSED", draftId);
        }
        if (!completeDrafts) {
            return new Result(priced ? Outcome.ALREADY_APPLIED : Outcome.DRAFT_PRICED, null, null);
        }
        final Map<String, Object> variables = new HashMap<>();
        variables.put("id", draftId);
        variables.put("paymentPending", paymentPending);
        final GraphQlResponse completed = client.executeMutation(ShopifyDocument.DRAFT_ORDER_COMPLETE.text(), variables);
        refuseOnUserErrors(completed.at("draftOrderComplete.userErrors"), "DRAFT_ORDER_COMPLETE_REFUSED", draftId);
        final JsonNode order = completed.at("draftOrderComplete.draftOrder.order");
        return new Result(Outcome.DRAFT_COMPLETED, order.path("id").asText(null), order.path("name").asText(null));
    }

    private Result editOrder(final JsonNode order, final ShippingPrice wanted, final String currency, final String staffNote) {
        if (!order.isObject()) {
            throw new ApiException(ErrorClass.PERMANENT, 0, "DRAFT_WITHOUT_ORDER", "The draft is completed but its order is not visible");
        }
        final String orderId = order.path("id").asText();
        final String orderName = order.path("name").asText(null);
        if (order.hasNonNull("cancelledAt")) {
            // completed and cancelled while the draft was on its way to the ERP: the cancellation may have found no
            // sales order yet, and the one made since is the ERP's to cancel; editing a cancelled order would fail anyway
            throw new ApiException(ErrorClass.PERMANENT, 0, ORDER_CANCELLED, "Order " + orderName + ", made from this draft, was cancelled in "
                    + "the shop while the draft was being sent to the ERP: cancel the ERP's sales order made from the draft, unless the "
                    + "cancellation already did");
        }
        for (final JsonNode line : order.path("shippingLines").path("nodes")) {
            if (!line.path("isRemoved").asBoolean(false)
                    && wanted.sameAs(line.path("title").asText(), line.path("originalPriceSet").path("shopMoney").path("amount").asText(null))) {
                return new Result(Outcome.ALREADY_APPLIED, orderId, orderName);
            }
        }
        final GraphQlResponse begun = client.executeMutation(ShopifyDocument.ORDER_EDIT_BEGIN.text(), Map.of("id", orderId));
        refuseOnUserErrors(begun.at("orderEditBegin.userErrors"), "ORDER_EDIT_BEGIN_REFUSED", orderId);
        final JsonNode calculated = begun.at("orderEditBegin.calculatedOrder");
        final String calculatedId = calculated.path("id").asText();
        final Map<String, Object> money = Map.of("amount", wanted.amount().toPlainString(), "currencyCode", currency);
        JsonNode existing = null;
        for (final JsonNode line : calculated.path("shippingLines")) {
            if (!"REMOVED".equals(line.path("stagedStatus").asText())) {
                existing = line;
                break;
            }
        }
        // an edit that is never committed changes nothing, so the staged steps may be retried freely
        if (existing != null) {
            final GraphQlResponse updated = client.execute(ShopifyDocument.ORDER_EDIT_UPDATE_SHIPPING_LINE.text(), Map.of("id", calculatedId,
                    "shippingLineId", existing.path("id").asText(), "shippingLine", Map.of("title", wanted.title(), "price", money)));
            refuseOnUserErrors(updated.at("orderEditUpdateShippingLine.userErrors"), "ORDER_EDIT_REFUSED", orderId);
        } else {
            final GraphQlResponse added = client.execute(ShopifyDocument.ORDER_EDIT_ADD_SHIPPING_LINE.text(), Map.of("id", calculatedId,
                    "shippingLine", Map.of("title", wanted.title(), "price", money)));
            refuseOnUserErrors(added.at("orderEditAddShippingLine.userErrors"), "ORDER_EDIT_REFUSED", orderId);
        }
        final Map<String, Object> commit = new HashMap<>();
        commit.put("id", calculatedId);
        commit.put("notifyCustomer", false);
        commit.put("staffNote", staffNote);
        final GraphQlResponse committed = client.executeMutation(ShopifyDocument.ORDER_EDIT_COMMIT.text(), commit);
        refuseOnUserErrors(committed.at("orderEditCommit.userErrors"), "ORDER_EDIT_COMMIT_REFUSED", orderId);
        return new Result(Outcome.ORDER_EDITED, orderId, orderName);
    }

    private static void refuseOnUserErrors(final JsonNode userErrors, final String code, final String id) {
        if (userErrors != null && userErrors.isArray() && !userErrors.isEmpty()) {
            throw new ApiException(ErrorClass.PERMANENT, 0, code, "Shopify refused the change to " + id + ": " + userErrors.get(0).path("message").asText());
        }
    }
}
