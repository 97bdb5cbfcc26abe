package io.nifiecommerce.order;

import java.math.BigDecimal;

/** A shipping charge of the order (carrier service and its price, on the order's tax basis). */
public record ShippingLine(String code, String title, BigDecimal price, BigDecimal discountAmount, BigDecimal taxAmount,
                           BigDecimal taxRate) {

    public BigDecimal netAmount() {
        return price.subtract(discountAmount == null ? BigDecimal.ZERO : discountAmount);
    }
}
