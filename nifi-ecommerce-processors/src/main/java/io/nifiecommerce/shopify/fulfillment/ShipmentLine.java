package io.nifiecommerce.shopify.fulfillment;

/**
 * One line of a partial shipment: the item, named by SKU or by Shopify line item id (an order
 * {@code LineItem} or a {@code FulfillmentOrderLineItem} gid), and the quantity shipped.
 */
public record ShipmentLine(String sku, String lineItemId, int quantity) {

    public ShipmentLine {
        sku = blankToNull(sku);
        lineItemId = blankToNull(lineItemId);
    }

    public static ShipmentLine ofSku(final String sku, final int quantity) {
        return new ShipmentLine(sku, null, quantity);
    }

    public static ShipmentLine ofLineItem(final String lineItemId, final int quantity) {
        return new ShipmentLine(null, lineItemId, quantity);
    }

    /** Whether a fulfillment order line is this item. */
    boolean matches(final FulfillmentOrder.Line line) {
        if (lineItemId != null) {
            return lineItemId.equals(line.lineItemId()) || lineItemId.equals(line.id());
        }
        return sku != null && sku.equals(line.sku());
    }

    String describe() {
        return lineItemId != null ? "line item " + lineItemId : "SKU " + sku;
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
