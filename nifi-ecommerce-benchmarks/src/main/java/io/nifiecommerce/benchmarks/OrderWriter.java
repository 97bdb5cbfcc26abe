package io.nifiecommerce.benchmarks;

import io.nifiecommerce.order.Order;

/** A baseline way of writing one order to BC with plain OData calls. */
interface OrderWriter {

    String name();

    void write(PlainODataClient client, Order order) throws Exception;
}
