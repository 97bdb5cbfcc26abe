package io.nifiecommerce.businesscentral;

import java.math.BigDecimal;

/**
 * The shipping charge Business Central computed for a sales document: the sum of its freight lines, both tax bases,
 * as BC itself computed them (amountExcludingTax and amountIncludingTax are read-only, computed fields of the line pages).
 *
 * @param description the first freight line's description (the carrier service as BC names it)
 * @param lines how many freight lines were summed; zero when BC has not charged shipping (yet)
 */
public record ShippingCharge(String documentNumber, String description, BigDecimal amountExcludingTax, BigDecimal amountIncludingTax,
                             int lines) {

    /** The price on the basis Shopify wants: tax included when the shop's prices include it. */
    public BigDecimal price(final boolean taxesIncluded) {
        return taxesIncluded ? amountIncludingTax : amountExcludingTax;
    }
}
