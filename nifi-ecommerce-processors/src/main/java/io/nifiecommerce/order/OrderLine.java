package io.nifiecommerce.order;

import java.math.BigDecimal;

/**
 * One product line.
 *
 * @param unitPrice price of one unit before discounts, tax included when the order's taxesIncluded is true
 * @param discountAmount total discount on the line (all units), same tax basis as the price
 * @param taxAmount total tax on the line
 * @param taxRate the line's tax rate as a fraction (0.2 for 20 %), null when unknown or mixed
 * @param currentQuantity the quantity still ordered after edits and refunds removed units (Shopify's currentQuantity); null when
 *                        the source does not say, which means {@code quantity}
 */
public record OrderLine(String lineId, String sku, String gtin, String title, long quantity, BigDecimal unitPrice,
                        BigDecimal discountAmount, BigDecimal taxAmount, BigDecimal taxRate, Long currentQuantity) {

    /** A line as ordered, with nothing removed since. */
    public OrderLine(final String lineId, final String sku, final String gtin, final String title, final long quantity,
                     final BigDecimal unitPrice, final BigDecimal discountAmount, final BigDecimal taxAmount, final BigDecimal taxRate) {
        this(lineId, sku, gtin, title, quantity, unitPrice, discountAmount, taxAmount, taxRate, null);
    }

    /** The quantity the customer still wants: {@code currentQuantity} when known, else the ordered quantity. */
    public long remainingQuantity() {
        return currentQuantity == null ? quantity : currentQuantity;
    }

    /** quantity x unit price - discount: the line's amount on the order's tax basis. */
    public BigDecimal netAmount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity)).subtract(discountAmount == null ? BigDecimal.ZERO : discountAmount);
    }
}
