package io.nifiecommerce.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The GraphQL documents the bundle sends, kept as {@code .graphql} resources next to this class so
 * that a unit test can validate every one of them against each supported Admin API schema.
 */
public enum ShopifyDocument {
    ORDERS_PAGE("orders-page.graphql"),
    ORDER_LINE_ITEMS("order-line-items.graphql"),
    ORDERS_COUNT("orders-count.graphql"),
    SHOP_VERIFICATION("shop-verification.graphql"),
    BULK_ORDERS_RUN("bulk-orders-run.graphql"),
    BULK_OPERATION_STATUS("bulk-operation-status.graphql"),
    DRAFT_ORDERS_PAGE("draft/DraftOrdersPage.graphql"),
    DRAFT_ORDER_LINE_ITEMS("draft/DraftOrderLineItems.graphql"),
    DRAFT_ORDER_TAGS_ADD("draft/DraftOrderTagsAdd.graphql"),
    DRAFT_ORDER_SHIPPING_STATE("draft/DraftOrderShippingState.graphql"),
    DRAFT_ORDER_UPDATE_SHIPPING("draft/DraftOrderUpdateShipping.graphql"),
    DRAFT_ORDER_COMPLETE("draft/DraftOrderComplete.graphql"),
    DRAFTS_BY_NAME("draft/DraftsByName.graphql"),
    ORDER_EDIT_BEGIN("draft/OrderEditBegin.graphql"),
    ORDER_EDIT_ADD_SHIPPING_LINE("draft/OrderEditAddShippingLine.graphql"),
    ORDER_EDIT_UPDATE_SHIPPING_LINE("draft/OrderEditUpdateShippingLine.graphql"),
    ORDER_EDIT_COMMIT("draft/OrderEditCommit.graphql"),
    ORDER_REFUNDS("order-refunds.graphql"),
    ORDERS_ERP_STATUS("orders-erp-status.graphql"),
    ORDER_ERP_STATUS_SET("order-erp-status-set.graphql"),
    /** Not sent as is: the query of a bulk operation, with SEARCH_FILTER for the quoted search filter. */
    BULK_ORDERS_TEMPLATE("bulk-orders.graphql"),
    COMPANIES_BY_EXTERNAL_ID("company/CompaniesByExternalId.graphql"),
    COMPANY_CREATE("company/CompanyCreate.graphql"),
    COMPANY_UPDATE("company/CompanyUpdate.graphql"),
    COMPANY_CONTACT_CREATE("company/CompanyContactCreate.graphql"),
    COMPANY_ASSIGN_MAIN_CONTACT("company/CompanyAssignMainContact.graphql"),
    CATALOGS_BY_TITLE("company/CatalogsByTitle.graphql"),
    CATALOG_CONTEXT_UPDATE("company/CatalogContextUpdate.graphql"),
    PAYMENT_TERMS_TEMPLATES("company/PaymentTermsTemplates.graphql");

    private final String resource;
    private final String text;

    ShopifyDocument(final String resource) {
        this.resource = resource;
        this.text = load(resource);
    }

    public String resource() {
        return resource;
    }

    public String text() {
        return text;
    }

    /** The documents sent to Shopify as they are (everything but templates). */
    public static List<ShopifyDocument> sent() {
        return List.of(ORDERS_PAGE, ORDER_LINE_ITEMS, ORDERS_COUNT, SHOP_VERIFICATION, BULK_ORDERS_RUN, BULK_OPERATION_STATUS,
                DRAFT_ORDERS_PAGE, DRAFT_ORDER_LINE_ITEMS, DRAFT_ORDER_TAGS_ADD, DRAFT_ORDER_SHIPPING_STATE, DRAFT_ORDER_UPDATE_SHIPPING,
                DRAFT_ORDER_COMPLETE, DRAFTS_BY_NAME, ORDER_EDIT_BEGIN, ORDER_EDIT_ADD_SHIPPING_LINE, ORDER_EDIT_UPDATE_SHIPPING_LINE,
                ORDER_EDIT_COMMIT, ORDER_REFUNDS, ORDERS_ERP_STATUS, ORDER_ERP_STATUS_SET,
                COMPANIES_BY_EXTERNAL_ID, COMPANY_CREATE, COMPANY_UPDATE, COMPANY_CONTACT_CREATE, COMPANY_ASSIGN_MAIN_CONTACT,
                CATALOGS_BY_TITLE, CATALOG_CONTEXT_UPDATE, PAYMENT_TERMS_TEMPLATES);
    }

    /** The bulk query for a search filter, the filter written as a GraphQL string literal. */
    public static String bulkOrdersQuery(final String searchFilter) {
        return BULK_ORDERS_TEMPLATE.text().replace("SEARCH_FILTER", graphQlString(searchFilter));
    }

    static String graphQlString(final String value) {
        final StringBuilder quoted = new StringBuilder("\"");
        for (final char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String load(final String resource) {
        try (InputStream in = ShopifyDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing GraphQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
