package io.nifiecommerce.edi;

/** How a confirmed shipment is posted once the lines' Qty. to Ship are set. */
public enum PostingAction {
    /**
     * The custom API page of {@code bc-extension/}: {@code /api/nifiEcommerce/edi/v1.0/companies(..)/shippableSalesOrders(id)},
     * PATCH of packageTrackingNumber / shippingAgentCode, then {@code Microsoft.NAV.ship} (Ship without Invoice).
     */
    SHIP_EXTENSION,
    /** Microsoft's {@code salesOrders(id)/Microsoft.NAV.shipAndInvoice}: ships and invoices what the lines say. */
    SHIP_AND_INVOICE
}
