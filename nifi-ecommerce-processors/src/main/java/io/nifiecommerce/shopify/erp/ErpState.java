package io.nifiecommerce.shopify.erp;

import java.util.Locale;

/** Where an order stands in the ERP, in the order it gets there: a later state is never overwritten by an earlier one. */
public enum ErpState {
    CREATED, RELEASED, SHIPPED, INVOICED;

    /**
     * The state a BC document says its order is in.
     *
     * @param entitySet salesOrders, salesShipments or salesInvoices (a custom page's name ending so, too)
     * @param status a sales order's status: Draft, In Review, Open, Released...
     * @param fullyShipped a sales order's fullyShipped
     * @return null for an entity set that says nothing about an order
     */
    public static ErpState of(final String entitySet, final String status, final boolean fullyShipped) {
        final String set = entitySet == null ? "" : entitySet.toLowerCase(Locale.ROOT);
        if (set.endsWith("salesinvoices")) {
            return INVOICED;
        }
        if (set.endsWith("salesshipments")) {
            return SHIPPED;
        }
        if (set.endsWith("salesorders")) {
            if (fullyShipped) {
                return SHIPPED;
            }
            return "released".equalsIgnoreCase(status == null ? "" : status.trim()) ? RELEASED : CREATED;
        }
        return null;
    }

    /** The tag written on the order: {@code erp:shipped}. */
    public String tag() {
        return "erp:" + name().toLowerCase(Locale.ROOT);
    }

    static ErpState parse(final String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }
}
