package io.nifiecommerce.order;

import java.math.BigDecimal;

/** Shipping refunded: {@code subtotal} on the order's tax basis, {@code taxAmount} the tax in it or on top. */
public record RefundShipping(BigDecimal subtotal, BigDecimal taxAmount) {
}
