package io.nifiecommerce.shopify.draft;

import java.math.BigDecimal;

/** The shipping line to show the customer: its title and its price in the draft's currency, on the shop's tax basis. */
public record ShippingPrice(String title, BigDecimal amount) {

    /** Whether a shipping line already shown is this one (same title, same amount whatever the scale). */
    boolean sameAs(final String otherTitle, final String otherAmount) {
        return title.equals(otherTitle) && otherAmount != null && !otherAmount.isBlank() && new BigDecimal(otherAmount).compareTo(amount) == 0;
    }
}
