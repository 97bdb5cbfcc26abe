package io.nifiecommerce.businesscentral;

/** How an order line's product is found in BC. */
public enum ItemReference {
    /** The SKU is the BC item number. */
    SKU_IS_ITEM_NUMBER,
    /** The line's GTIN (or its SKU when it has none) is looked up in items.gtin. */
    GTIN,
    /** An external mapping (a NiFi LookupService) turns the SKU into the item number. */
    LOOKUP
}
