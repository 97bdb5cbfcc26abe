package io.nifiecommerce.sandbox.bc;

import java.util.List;

/**
 * The API pages of the bundle's BC extension ({@code bc-extension/}) that post what the 3PL reports: {@code
 * shippableSalesOrders} (a view of the Sales Header of orders, with the package tracking number and shipping agent, and
 * the bound action {@code ship}) and {@code receivablePurchaseOrders} (a view of the Purchase Header of orders, with the
 * bound action {@code receive} and the Vendor Shipment No. that marks the receipt), both without invoicing; {@code
 * postedPurchaseReceipts} (a view of the posted receipts with the Vendor Shipment No. copied from their order); and
 * {@code itemJournalAdjustments}, whose POST posts one
 * positive or negative adjustment into the item ledger, once per item and document number (the 3PL's stock report).
 * The simulator serves them as if the extension were installed: routes, fields, editability and actions come from the
 * AL sources shipped with the sandbox (a test keeps them identical to {@code bc-extension/src}); the two views' rows
 * are the company's sales and purchase orders, not rows of their own.
 */
public final class BcEdiExtension {

    public static final String SHIPPABLE_SOURCE = "ShippableSalesOrders.Page.al";
    public static final String RECEIVABLE_SOURCE = "ReceivablePurchaseOrders.Page.al";
    public static final String ADJUSTMENTS_SOURCE = "ItemJournalAdjustments.Page.al";
    public static final String POSTED_RECEIPTS_SOURCE = "PostedPurchaseReceipts.Page.al";

    public static final AlPage SHIPPABLE_PAGE = AlPageParser.parse(BcPages.resource("custom/" + SHIPPABLE_SOURCE));
    public static final AlPage RECEIVABLE_PAGE = AlPageParser.parse(BcPages.resource("custom/" + RECEIVABLE_SOURCE));
    public static final AlPage ADJUSTMENTS_PAGE = AlPageParser.parse(BcPages.resource("custom/" + ADJUSTMENTS_SOURCE));
    public static final AlPage POSTED_RECEIPTS_PAGE = AlPageParser.parse(BcPages.resource("custom/" + POSTED_RECEIPTS_SOURCE));

    /** {@code api/nifiEcommerce/edi/v1.0/companies(..)/shippableSalesOrders}. */
    public static final BcCustomPage SHIPPABLE_SALES_ORDERS = page(SHIPPABLE_PAGE, "Sales Header", List.of(
            BcField.of("id", BcFieldType.GUID), BcField.code("number", 20), BcField.code("externalDocumentNumber", 35),
            BcField.of("status", BcFieldType.ENUM), BcField.text("packageTrackingNumber", 30), BcField.code("shippingAgentCode", 10),
            BcField.text("yourReference", 35),
            BcField.of("lastModifiedDateTime", BcFieldType.DATETIME)));

    /** {@code api/nifiEcommerce/edi/v1.0/companies(..)/receivablePurchaseOrders}. */
    public static final BcCustomPage RECEIVABLE_PURCHASE_ORDERS = page(RECEIVABLE_PAGE, "Purchase Header", List.of(
            BcField.of("id", BcFieldType.GUID), BcField.code("number", 20), BcField.code("vendorShipmentNumber", 35),
            BcField.of("lastModifiedDateTime", BcFieldType.DATETIME)));

    /**
     * {@code api/nifiEcommerce/edi/v1.0/companies(..)/postedPurchaseReceipts}: the posted receipts with the Vendor Shipment
     * No. Purch.-Post copied from their order (read-only).
     */
    public static final BcCustomPage POSTED_PURCHASE_RECEIPTS = page(POSTED_RECEIPTS_PAGE, "Purch. Rcpt. Header", List.of(
            BcEntityType.PURCHASE_RECEIPT.require("id"), BcEntityType.PURCHASE_RECEIPT.require("number"),
            BcEntityType.PURCHASE_RECEIPT.require("orderNumber"), BcEntityType.PURCHASE_RECEIPT.require("vendorNumber"),
            BcField.code("vendorShipmentNumber", 35), BcEntityType.PURCHASE_RECEIPT.require("postingDate"),
            BcEntityType.PURCHASE_RECEIPT.require("lastModifiedDateTime")));

    /**
     * {@code api/nifiEcommerce/edi/v1.0/companies(..)/itemJournalAdjustments}: POST only matters (the page's source table
     * is temporary in BC, so BC lists nothing; the simulator keeps the lines it answered, for tests to read).
     */
    public static final BcCustomPage ITEM_JOURNAL_ADJUSTMENTS = page(ADJUSTMENTS_PAGE, "Item Journal Line", List.of(
            BcField.of("id", BcFieldType.GUID), BcField.code("itemNumber", 20), BcField.of("quantity", BcFieldType.DECIMAL),
            BcField.code("locationCode", 10), BcField.code("documentNumber", 20), BcField.of("entryType", BcFieldType.ENUM),
            BcField.of("posted", BcFieldType.BOOLEAN)));

    private BcEdiExtension() {
    }

    /** The AL source of a page as shipped in the sandbox's resources. */
    public static String source(final String file) {
        return BcPages.resource("custom/" + file);
    }

    static boolean isView(final BcCustomPage page) {
        return page.equals(SHIPPABLE_SALES_ORDERS) || page.equals(RECEIVABLE_PURCHASE_ORDERS) || page.equals(POSTED_PURCHASE_RECEIPTS)
                || page.equals(BcShopCustomers.PAGE);
    }

    private static BcCustomPage page(final AlPage page, final String caption, final List<BcField> columns) {
        return new BcCustomPage(page.apiPublisher(), page.apiGroup(), page.apiVersion(), page.entitySetName(),
                BcEntityType.fromPage(page, caption, columns));
    }
}
