package io.nifiecommerce.order;

import java.math.BigDecimal;

/**
 * Units of one order line refunded.
 *
 * @param subtotal the line's refunded amount, discounts deducted, on the order's tax basis
 * @param taxAmount the tax refunded on the line
 * @param restockType Shopify's RefundLineItemRestockType: RETURN (goods came back), CANCEL (never shipped), NO_RESTOCK,
 *                    LEGACY_RESTOCK. Stock never moves in the shop's name here: BC's posted credit memo does it
 * @param locationId where the units were restocked in the shop, when they were
 */
public record RefundLine(String lineId, String sku, String gtin, String title, long quantity, BigDecimal subtotal, BigDecimal taxAmount,
                         String restockType, String locationId) {

    /** Whether the units come back into stock (a return, or a cancellation before shipping). */
    public boolean restocks() {
        return "RETURN".equals(restockType) || "CANCEL".equals(restockType) || "LEGACY_RESTOCK".equals(restockType);
    }
}
