package io.nifiecommerce.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * Money given back on an order, with the units it covers: what the ERP turns into a credit memo. One
 * refund is one credit memo, keyed by the refund's id. Amounts are on the order's tax basis
 * ({@code taxesIncluded}), like the order's own.
 *
 * @param sourceId the source's id of the refund (Shopify: gid://shopify/Refund/...)
 * @param orderSourceId the refunded order's id; {@code orderName} its public reference, the sales order's external document number
 * @param orderCancelled whether the order is cancelled: its open sales order is about to be deleted, not credited
 * @param shipping shipping refunded, zero or more lines
 * @param totalRefunded the money returned to the customer
 */
public record Refund(String source, String sourceId, String orderSourceId, String orderName, boolean orderCancelled, String createdAt, String currency,
                     boolean taxesIncluded, String note, List<RefundLine> lines, List<RefundShipping> shipping, BigDecimal totalRefunded) {

    public Refund {
        lines = lines == null ? List.of() : List.copyOf(lines);
        shipping = shipping == null ? List.of() : List.copyOf(shipping);
    }

    /** The numeric part of the source id (Shopify's legacy id), or the id itself. */
    public String shortId() {
        final int slash = sourceId == null ? -1 : sourceId.lastIndexOf('/');
        return slash < 0 ? sourceId : sourceId.substring(slash + 1);
    }
}
