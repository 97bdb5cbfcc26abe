package io.nifiecommerce.sandbox.seed;

/** A warehouse or shop location where inventory is stocked and orders are fulfilled from. */
public record StockLocation(long id, String name, Address address, boolean fulfillsOnlineOrders) {
}
