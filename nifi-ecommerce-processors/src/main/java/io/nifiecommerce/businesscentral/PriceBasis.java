package io.nifiecommerce.businesscentral;

/**
 * How line prices are sent. BC's {@code pricesIncludeTax} is read-only on a sales order: it follows
 * the customer's "Prices Including VAT" setting, so the integrator must say which basis that
 * customer uses.
 */
public enum PriceBasis {
    /** Prices as the order gives them (tax included when the order's taxesIncluded is true). */
    AS_GIVEN,
    /** Prices converted to tax-excluded using each line's own tax amount (or rate); BC adds its tax on top. */
    EXCLUDING_TAX
}
