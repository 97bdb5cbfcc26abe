package io.nifiecommerce.shopify.erp;

/** Values in Shopify's search syntax: quoted, so that a name such as {@code #1001} or one with spaces is one term. */
final class ShopifyDocumentQuoting {

    private ShopifyDocumentQuoting() {
    }

    static String quote(final String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
