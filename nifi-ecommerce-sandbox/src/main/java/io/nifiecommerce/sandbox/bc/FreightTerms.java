package io.nifiecommerce.sandbox.bc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the simulated ERP charges freight to a customer, standing in for a freight setup or extension of a real
 * Business Central: when a sales order of the customer is created without a freight line, BC adds one, an item charge
 * line ({@code lineType} Charge, {@code lineObjectNumber} {@code chargeNumber}) of quantity 1 whose unit price is
 * {@code base + perUnit × units shipped}, nothing from {@code freeFrom} (order lines excluding tax) upward. Its amounts
 * are then computed like any other line's (read-only fields of the salesOrderLines page).
 *
 * @param description the carrier service as BC names it (the shipping agent and service), the line's description
 */
public record FreightTerms(String chargeNumber, String description, BigDecimal base, BigDecimal perUnit, BigDecimal freeFrom) {

    /** The demo's terms: a parcel carrier at 12.50 + 0.40 a unit, free from 5,000.00 excluding tax. */
    public static FreightTerms parcel() {
        return new FreightTerms("S-FREIGHT", "GLS Business Parcel", new BigDecimal("12.50"), new BigDecimal("0.40"), new BigDecimal("5000.00"));
    }

    public BigDecimal unitPrice(final BigDecimal units, final BigDecimal amountExcludingTax) {
        if (freeFrom != null && amountExcludingTax.compareTo(freeFrom) >= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return base.add(perUnit.multiply(units)).setScale(2, RoundingMode.HALF_UP);
    }
}
