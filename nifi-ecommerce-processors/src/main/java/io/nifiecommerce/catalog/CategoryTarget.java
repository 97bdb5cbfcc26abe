package io.nifiecommerce.catalog;

/** Where an ERP item category goes in Shopify. */
public enum CategoryTarget {
    /** Categories are not sent. */
    NONE,
    /** The category code (or its mapped name) becomes the product type. */
    PRODUCT_TYPE,
    /** The product joins the collection mapped to its category; unmapped categories join none. */
    COLLECTION
}
