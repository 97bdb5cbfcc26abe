package io.nifiecommerce.catalog;

import io.nifiecommerce.stock.StockDocuments;

import java.util.List;

/** The GraphQL documents of catalog publishing (products and B2B prices), kept as .graphql resources next to this class. */
public final class CatalogDocuments {

    /** Every document, by resource name; ShopifyDocumentValidationTest validates each against the Admin SDLs. */
    public static final List<String> RESOURCES = List.of(
            "productSet.graphql",
            "productsBySku.graphql",
            "catalogsByTitle.graphql",
            "catalogCreate.graphql",
            "priceListCreate.graphql",
            "priceListFixedPricesUpdate.graphql",
            "priceListFixedPrices.graphql",
            "stagedUploadsCreate.graphql");

    public static final String PRODUCT_SET = load("productSet.graphql");
    public static final String PRODUCTS_BY_SKU = load("productsBySku.graphql");
    public static final String CATALOGS_BY_TITLE = load("catalogsByTitle.graphql");
    public static final String CATALOG_CREATE = load("catalogCreate.graphql");
    public static final String PRICE_LIST_CREATE = load("priceListCreate.graphql");
    public static final String FIXED_PRICES_UPDATE = load("priceListFixedPricesUpdate.graphql");
    public static final String FIXED_PRICES = load("priceListFixedPrices.graphql");
    public static final String STAGED_UPLOADS_CREATE = load("stagedUploadsCreate.graphql");

    private CatalogDocuments() {
    }

    public static String load(final String resource) {
        return StockDocuments.load(CatalogDocuments.class, resource);
    }
}
