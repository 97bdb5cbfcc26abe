package io.nifiecommerce.catalog;

/**
 * Product fields the merchant edits in Shopify: the ERP sets them when it creates the product and leaves them alone
 * afterwards. Scalar fields are simply left out of {@code productSet}; list fields (media, collections) too, since
 * {@code productSet} replaces a list it is given.
 */
public enum ShopifyOwnedField {
    TITLE,
    DESCRIPTION,
    PRODUCT_TYPE,
    VENDOR,
    IMAGES,
    COLLECTIONS
}
