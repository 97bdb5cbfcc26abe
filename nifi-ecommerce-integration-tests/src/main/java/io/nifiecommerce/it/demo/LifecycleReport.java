package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.Gid;
import io.nifiecommerce.sandbox.shopify.Metafields;
import io.nifiecommerce.sandbox.shopify.OrderAdjustments;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cancellations and refunds, shop against Business Central: no cancelled order may be left open in BC, and
 * every refund of an invoiced order must be one credit memo (external document number REFUND-&lt;refund id&gt;).
 *
 * @param cancelled orders cancelled in the shop (seeded so, or by the customer service)
 * @param cancelledOpenInBc of those, orders BC still holds as an open sales order
 * @param cancelledAfterBc orders the customer service cancelled once BC held them (their sales order deleted)
 * @param cancelledBeforeBc orders it cancelled before they reached BC
 * @param refundsToCredit refunds of orders BC invoiced
 * @param credited of those, refunds BC holds a credit memo for
 * @param creditMemoDuplicates credit memos beyond the first per refund
 * @param showingErpStatus orders BC holds that show a BC state in the shop (metafield erp.status); the status flow reads
 *                         BC every minute, so this trails BC and is reported, not required
 * @param invoicedShowingInvoiced orders BC invoiced that show INVOICED
 */
public record LifecycleReport(int cancelled, int cancelledOpenInBc, int cancelledAfterBc, int cancelledBeforeBc, int refundsToCredit,
                              int credited, int creditMemoDuplicates, int showingErpStatus, int invoicedShowingInvoiced) {

    public boolean settled() {
        return cancelledOpenInBc == 0 && credited == refundsToCredit && creditMemoDuplicates == 0;
    }

    static LifecycleReport of(final Shop shop, final BcCompany bc, final CustomerService service) {
        final Set<String> open = bc.salesOrders().stream().map(d -> d.path("externalDocumentNumber").asText("")).collect(Collectors.toSet());
        final Set<String> invoiced = bc.salesInvoices().stream().map(d -> d.path("externalDocumentNumber").asText("")).collect(Collectors.toSet());
        final Map<String, Integer> memos = new HashMap<>();
        for (final JsonNode memo : bc.salesCreditMemos()) {
            memos.merge(memo.path("externalDocumentNumber").asText(""), 1, Integer::sum);
        }
        int cancelled = 0;
        int cancelledOpen = 0;
        int toCredit = 0;
        int credited = 0;
        int duplicates = 0;
        int showing = 0;
        int showingInvoiced = 0;
        // BC holds a B2B order completed from a draft under the draft's name (#D12)
        final Map<Long, String> bcReferences = B2bReview.bcReferences(shop);
        for (final Order order : shop.orders()) {
            final String reference = bcReferences.getOrDefault(order.id(), order.name());
            final String erpStatus = shop.metafields().get(Gid.of("Order", order.id()), "erp", "status").map(Metafields.Value::value).orElse(null);
            if (erpStatus != null && (open.contains(reference) || invoiced.contains(reference))) {
                showing++;
                showingInvoiced += invoiced.contains(reference) && erpStatus.equals("INVOICED") ? 1 : 0;
            }
            if (order.cancelledAt() != null) {
                cancelled++;
                cancelledOpen += open.contains(reference) ? 1 : 0;
            }
            if (!invoiced.contains(reference)) {
                continue;
            }
            for (final OrderAdjustments.RefundState refund : shop.adjustments().refundsOf(order.id())) {
                toCredit++;
                final int copies = memos.getOrDefault("REFUND-" + refund.id(), 0);
                credited += copies > 0 ? 1 : 0;
                duplicates += Math.max(0, copies - 1);
            }
        }
        return new LifecycleReport(cancelled, cancelledOpen, service == null ? 0 : service.cancelledAfterReachingBc(),
                service == null ? 0 : service.cancelledBeforeReachingBc(), toCredit, credited, duplicates, showing, showingInvoiced);
    }

    void writeTo(final ObjectNode json) {
        json.put("cancelledOrders", cancelled);
        json.put("cancelledAfterReachingBusinessCentral", cancelledAfterBc);
        json.put("cancelledBeforeReachingBusinessCentral", cancelledBeforeBc);
        json.put("cancelledOrdersOpenInBusinessCentral", cancelledOpenInBc);
        json.put("refundsOfInvoicedOrders", refundsToCredit);
        json.put("refundsCreditedOnce", credited);
        json.put("creditMemoDuplicates", creditMemoDuplicates);
        json.put("ordersShowingErpStatus", showingErpStatus);
        json.put("invoicedOrdersShowingInvoiced", invoicedShowingInvoiced);
    }

    String progress() {
        return String.format(" | cancelled %d (open in BC %d) | refunds credited %d/%d (memo duplicates %d) | ERP status shown on %d orders",
                cancelled, cancelledOpenInBc, credited, refundsToCredit, creditMemoDuplicates, showingErpStatus);
    }
}
