package io.nifiecommerce.order;

import java.math.BigDecimal;

/**
 * One product line.
 *
 * @param unitPrice price of one unit before discounts, tax included when the order's taxesIncluded is true
 * @param discountAmount total discount on the line (all units), same tax basis as the price
 * @param taxAmount total tax on the line
 * @param taxRate the line's tax rate as a fraction (0.2 for 20 %), null when unknown or mixed
 */
public record OrderLine(String lineId, String sku, String gtin, String title, long quantity, BigDecimal unitPrice,
                        BigDecimal discountAmount, BigDecimal taxAmount, BigDecimal taxRate) {

    /** quantity x unit price - discount: the line's amount on the order's tax basis. */
    public BigDecimal netAmount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity)).subtract(discountAmount == null ? BigDecimal.ZERO : discountAmount);
    }
}
