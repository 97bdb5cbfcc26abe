package io.nifiecommerce.shopify.order;

/** A paged source of order nodes searched by updated_at: orders or draft orders, read by the same {@link WindowedOrderRead}. */
public interface OrderPages {

    /** One page of the search, oldest update first, after the cursor (null: from the start). */
    OrderPageReader.OrderPage read(String search, String after);

    /** The page size the next read will ask for. */
    int pageSize();
}
