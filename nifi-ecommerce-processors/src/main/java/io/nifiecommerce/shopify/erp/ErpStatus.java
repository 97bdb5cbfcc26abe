package io.nifiecommerce.shopify.erp;

/**
 * What to show on a shop order: its BC sales order number and the state BC has it in.
 *
 * @param orderName the shop order's name (#1001), which BC holds as the external document number
 */
public record ErpStatus(String orderName, String bcOrderNumber, ErpState state) {
}
