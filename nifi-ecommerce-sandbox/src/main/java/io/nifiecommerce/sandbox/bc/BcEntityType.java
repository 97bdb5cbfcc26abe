package io.nifiecommerce.sandbox.bc;

import static io.nifiecommerce.sandbox.bc.BcField.code;
import static io.nifiecommerce.sandbox.bc.BcField.of;
import static io.nifiecommerce.sandbox.bc.BcField.readOnly;
import static io.nifiecommerce.sandbox.bc.BcField.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of one entity type of the API: its Edm name ({@code salesOrder}), the caption BC uses in
 * messages ({@code Sales Order}) and its fields in the order BC serialises them.
 *
 * <p>For the standard entity sets, which fields exist, their order and which ones a client may write
 * come from Microsoft's page definitions ({@link BcPages}); the column lists here only add what a
 * page does not say: each field's Edm type and the length of its table field (Sales Header,
 * Customer, Item...). A page field without a column here fails at class initialisation, so a change
 * of the pages cannot go unnoticed.
 */
public final class BcEntityType {

    private static final BcFieldType S = BcFieldType.STRING;
    private static final BcFieldType G = BcFieldType.GUID;
    private static final BcFieldType D = BcFieldType.DECIMAL;
    private static final BcFieldType I = BcFieldType.INTEGER;
    private static final BcFieldType B = BcFieldType.BOOLEAN;
    private static final BcFieldType DATE = BcFieldType.DATE;
    private static final BcFieldType DT = BcFieldType.DATETIME;
    private static final BcFieldType E = BcFieldType.ENUM;
    private static final BcFieldType C = BcFieldType.CODE;

    /** The {@code companies} set is served by the platform, not by an APIV2 page: its shape is from the documentation. */
    public static final BcEntityType COMPANY = new BcEntityType("company", "Company", List.of(
            readOnly("id", G), readOnly("systemVersion", S), readOnly("timestamp", I), readOnly("name", S),
            readOnly("displayName", S), readOnly("businessProfileId", S), readOnly("systemCreatedAt", DT),
            readOnly("systemCreatedBy", G), readOnly("systemModifiedAt", DT), readOnly("systemModifiedBy", G)), null);

    public static final BcEntityType CUSTOMER = fromPage("customers", "Customer", List.of(
            of("id", G), code("number", 20), text("displayName", 100), of("type", E),
            text("addressLine1", 100), text("addressLine2", 50), text("city", 30), text("state", 30),
            code("country", 10), code("postalCode", 20), text("phoneNumber", 30), text("email", 80),
            text("website", 80), code("salespersonCode", 20), of("balanceDue", D), of("creditLimit", D),
            of("taxLiable", B), of("taxAreaId", G), of("taxAreaDisplayName", S), text("taxRegistrationNumber", 20),
            of("currencyId", G), code("currencyCode", 10), of("paymentTermsId", G), of("shipmentMethodId", G),
            of("paymentMethodId", G), of("blocked", E), of("lastModifiedDateTime", DT)));

    public static final BcEntityType ITEM = fromPage("items", "Item", List.of(
            of("id", G), code("number", 20), text("displayName", 100), text("displayName2", 50), of("type", E),
            of("itemCategoryId", G), code("itemCategoryCode", 20), of("blocked", B), code("gtin", 14),
            of("inventory", D), of("unitPrice", D), of("priceIncludesTax", B), of("unitCost", D),
            of("taxGroupId", G), code("taxGroupCode", 20), of("baseUnitOfMeasureId", G), code("baseUnitOfMeasureCode", 10),
            of("generalProductPostingGroupId", G), code("generalProductPostingGroupCode", 20),
            of("inventoryPostingGroupId", G), code("inventoryPostingGroupCode", 20),
            of("lastModifiedDateTime", DT)));

    private static final List<BcField> PARTIES = List.of(
            text("customerName", 100), text("billToName", 100), of("billToCustomerId", G), code("billToCustomerNumber", 20),
            text("shipToName", 100), text("shipToContact", 100),
            text("sellToAddressLine1", 100), text("sellToAddressLine2", 50), text("sellToCity", 30),
            code("sellToCountry", 10), text("sellToState", 30), code("sellToPostCode", 20),
            text("billToAddressLine1", 100), text("billToAddressLine2", 50), text("billToCity", 30),
            code("billToCountry", 10), text("billToState", 30), code("billToPostCode", 20),
            text("shipToAddressLine1", 100), text("shipToAddressLine2", 50), text("shipToCity", 30), code("shipToCountry", 10),
            text("shipToState", 30), code("shipToPostCode", 20));

    private static final List<BcField> DOCUMENT_HEADER = concat(PARTIES, List.of(
            of("id", G), code("number", 20), code("externalDocumentNumber", 35), of("orderDate", DATE), of("invoiceDate", DATE),
            of("postingDate", DATE), of("dueDate", DATE), of("promisedPayDate", DATE), text("customerPurchaseOrderReference", 35),
            of("customerId", G), code("customerNumber", 20),
            code("shortcutDimension1Code", 20), code("shortcutDimension2Code", 20), of("currencyId", G),
            code("currencyCode", 10), of("orderId", G), code("orderNumber", 20), of("pricesIncludeTax", B), of("paymentTermsId", G),
            code("paymentTermsCode", 10), of("shipmentMethodId", G), code("shipmentMethodCode", 10),
            code("salesperson", 20), of("disputeStatusId", G), text("disputeStatus", 50), of("partialShipping", B),
            of("requestedDeliveryDate", DATE), of("remainingAmount", D),
            of("discountAmount", D), of("discountAppliedBeforeTax", B), of("totalAmountExcludingTax", D),
            of("totalTaxAmount", D), of("totalAmountIncludingTax", D), of("fullyShipped", B),
            of("status", E), of("lastModifiedDateTime", DT), text("phoneNumber", 30), text("email", 80)));

    private static final List<BcField> DOCUMENT_LINE = List.of(
            of("id", G), of("documentId", G), code("documentNo", 20), of("sequence", I), of("itemId", G), of("accountId", G),
            of("lineType", E), code("lineObjectNumber", 20), text("description", 100), text("description2", 50),
            of("unitOfMeasureId", G), code("unitOfMeasureCode", 10), of("quantity", D), of("unitPrice", D),
            of("discountAmount", D), of("discountPercent", D), of("discountAppliedBeforeTax", B),
            of("amountExcludingTax", D), code("taxCode", 20), of("taxPercent", D),
            of("totalTaxAmount", D), of("amountIncludingTax", D), of("invoiceDiscountAllocation", D),
            of("netAmount", D), of("netTaxAmount", D), of("netAmountIncludingTax", D),
            of("shipmentDate", DATE), of("shippedQuantity", D), of("invoicedQuantity", D),
            of("invoiceQuantity", D), of("shipQuantity", D), of("itemVariantId", G), of("locationId", G));

    public static final BcEntityType SALES_ORDER = fromPage("salesOrders", "Sales Order", DOCUMENT_HEADER);
    public static final BcEntityType SALES_ORDER_LINE = fromPage("salesOrderLines", "Sales Line", DOCUMENT_LINE);
    public static final BcEntityType SALES_INVOICE = fromPage("salesInvoices", "Sales Invoice Header", DOCUMENT_HEADER);
    public static final BcEntityType SALES_INVOICE_LINE = fromPage("salesInvoiceLines", "Sales Invoice Line", DOCUMENT_LINE);
    public static final BcEntityType SALES_SHIPMENT = fromPage("salesShipments", "Sales Shipment Header", DOCUMENT_HEADER);
    public static final BcEntityType SALES_SHIPMENT_LINE = fromPage("salesShipmentLines", "Sales Shipment Line", DOCUMENT_LINE);

    private static final List<BcField> VENDOR_PARTIES = List.of(
            of("vendorId", G), code("vendorNumber", 20), text("vendorName", 100), text("payToName", 100), text("payToContact", 100),
            of("payToVendorId", G), code("payToVendorNumber", 20), text("shipToName", 100), text("shipToContact", 100),
            text("buyFromAddressLine1", 100), text("buyFromAddressLine2", 50), text("buyFromCity", 30), code("buyFromCountry", 10),
            text("buyFromState", 30), code("buyFromPostCode", 20),
            text("payToAddressLine1", 100), text("payToAddressLine2", 50), text("payToCity", 30), code("payToCountry", 10),
            text("payToState", 30), code("payToPostCode", 20),
            text("shipToAddressLine1", 100), text("shipToAddressLine2", 50), text("shipToCity", 30), code("shipToCountry", 10),
            text("shipToState", 30), code("shipToPostCode", 20));

    private static final List<BcField> PURCHASE_HEADER = concat(VENDOR_PARTIES, List.of(
            of("id", G), code("number", 20), of("orderDate", DATE), of("invoiceDate", DATE), of("postingDate", DATE), of("dueDate", DATE),
            code("shortcutDimension1Code", 20), code("shortcutDimension2Code", 20), of("currencyId", G), code("currencyCode", 10),
            of("pricesIncludeTax", B), of("paymentTermsId", G), of("shipmentMethodId", G), code("purchaser", 20),
            of("requestedReceiptDate", DATE), of("discountAmount", D), of("discountAppliedBeforeTax", B),
            of("totalAmountExcludingTax", D), of("totalTaxAmount", D), of("totalAmountIncludingTax", D), of("fullyReceived", B),
            code("orderNumber", 20), of("status", E), of("lastModifiedDateTime", DT)));

    private static final List<BcField> PURCHASE_LINE = List.of(
            of("id", G), of("documentId", G), of("sequence", I), of("itemId", G), of("accountId", G), of("lineType", E),
            code("lineObjectNumber", 20), text("description", 100), text("description2", 50), of("unitOfMeasureId", G),
            code("unitOfMeasureCode", 10), of("quantity", D), of("directUnitCost", D), of("unitCost", D), of("discountAmount", D),
            of("discountPercent", D), of("discountAppliedBeforeTax", B), of("amountExcludingTax", D), code("taxCode", 20),
            of("taxPercent", D), of("totalTaxAmount", D), of("amountIncludingTax", D), of("invoiceDiscountAllocation", D),
            of("netAmount", D), of("netTaxAmount", D), of("netAmountIncludingTax", D), of("expectedReceiptDate", DATE),
            of("receivedQuantity", D), of("invoicedQuantity", D), of("invoiceQuantity", D), of("receiveQuantity", D),
            of("itemVariantId", G), of("locationId", G));

    public static final BcEntityType PURCHASE_ORDER = fromPage("purchaseOrders", "Purchase Header", PURCHASE_HEADER);
    public static final BcEntityType PURCHASE_ORDER_LINE = fromPage("purchaseOrderLines", "Purchase Line", PURCHASE_LINE);
    public static final BcEntityType PURCHASE_RECEIPT = fromPage("purchaseReceipts", "Purch. Rcpt. Header", PURCHASE_HEADER);
    public static final BcEntityType PURCHASE_RECEIPT_LINE = fromPage("purchaseReceiptLines", "Purch. Rcpt. Line", PURCHASE_LINE);
    public static final BcEntityType SALES_CREDIT_MEMO = fromPage("salesCreditMemos", "Sales Header", concat(DOCUMENT_HEADER, List.of(
            of("creditMemoDate", DATE), of("invoiceId", G), code("invoiceNumber", 20), of("customerReturnReasonId", G))));
    public static final BcEntityType SALES_CREDIT_MEMO_LINE = fromPage("salesCreditMemoLines", "Sales Line", DOCUMENT_LINE);
    public static final BcEntityType ITEM_VARIANT = fromPage("itemVariants", "Item Variant", List.of(
            of("id", G), of("itemId", G), code("itemNumber", 20), code("code", 10), text("description", 100), of("lastModifiedDateTime", DT)));

    public static final BcEntityType ITEM_LEDGER_ENTRY = fromPage("itemLedgerEntries", "Item Ledger Entry", List.of(
            of("id", G), of("entryNumber", I), code("itemNumber", 20), of("postingDate", DATE), of("entryType", E),
            code("sourceNumber", 20), of("sourceType", E), code("documentNumber", 20), of("documentType", E),
            text("description", 100), of("quantity", D), of("salesAmountActual", D), of("costAmountActual", D),
            of("lastModifiedDateTime", DT)));

    public static final BcEntityType LOCATION = fromPage("locations", "Location", List.of(
            of("id", G), code("code", 10), text("displayName", 100), text("contact", 100), text("addressLine1", 100),
            text("addressLine2", 50), text("city", 30), text("state", 30), code("country", 10), code("postalCode", 20),
            text("phoneNumber", 30), text("email", 80), text("website", 80), of("lastModifiedDateTime", DT)));

    public static final BcEntityType VENDOR = fromPage("vendors", "Vendor", List.of(
            of("id", G), code("number", 20), text("displayName", 100), text("addressLine1", 100), text("addressLine2", 50),
            text("city", 30), text("state", 30), code("country", 10), code("postalCode", 20), text("phoneNumber", 30),
            text("email", 80), text("website", 80), text("taxRegistrationNumber", 20), of("currencyId", G), code("currencyCode", 10),
            code("irs1099Code", 10), of("paymentTermsId", G), of("paymentMethodId", G), of("taxLiable", B), of("blocked", E),
            of("balance", D), of("lastModifiedDateTime", DT)));

    /** Purchase invoices (drafts, then posted: the page shows both, as BC's purchInvEntityAggregate does). */
    public static final BcEntityType PURCHASE_INVOICE = fromPage("purchaseInvoices", "Purchase Header", List.of(
            of("id", G), code("number", 20), of("postingDate", DATE), of("invoiceDate", DATE), of("dueDate", DATE),
            code("vendorInvoiceNumber", 35), of("vendorId", G), code("vendorNumber", 20), text("vendorName", 100),
            text("payToName", 100), text("payToContact", 100), of("payToVendorId", G), code("payToVendorNumber", 20),
            text("shipToName", 100), text("shipToContact", 100), text("buyFromAddressLine1", 100), text("buyFromAddressLine2", 50),
            text("buyFromCity", 30), code("buyFromCountry", 10), text("buyFromState", 30), code("buyFromPostCode", 20),
            text("shipToAddressLine1", 100), text("shipToAddressLine2", 50), text("shipToCity", 30), code("shipToCountry", 10),
            text("shipToState", 30), code("shipToPostCode", 20), text("payToAddressLine1", 100), text("payToAddressLine2", 50),
            text("payToCity", 30), code("payToCountry", 10), text("payToState", 30), code("payToPostCode", 20),
            code("shortcutDimension1Code", 20), code("shortcutDimension2Code", 20), of("currencyId", G), code("currencyCode", 10),
            of("orderId", G), code("orderNumber", 20), code("purchaser", 20), of("pricesIncludeTax", B), of("discountAmount", D),
            of("discountAppliedBeforeTax", B), of("totalAmountExcludingTax", D), of("totalTaxAmount", D),
            of("totalAmountIncludingTax", D), of("status", E), of("lastModifiedDateTime", DT)));

    public static final BcEntityType PURCHASE_INVOICE_LINE = fromPage("purchaseInvoiceLines", "Purchase Line", List.of(
            of("id", G), of("documentId", G), of("sequence", I), of("itemId", G), of("accountId", G), of("lineType", E),
            code("lineObjectNumber", 20), text("description", 100), text("description2", 50), of("unitOfMeasureId", G),
            code("unitOfMeasureCode", 10), of("unitCost", D), of("quantity", D), of("discountAmount", D), of("discountPercent", D),
            of("discountAppliedBeforeTax", B), of("amountExcludingTax", D), code("taxCode", 20), of("taxPercent", D),
            of("totalTaxAmount", D), of("amountIncludingTax", D), of("invoiceDiscountAllocation", D), of("netAmount", D),
            of("netTaxAmount", D), of("netAmountIncludingTax", D), of("expectedReceiptDate", DATE), of("itemVariantId", G),
            of("locationId", G)));

    public static final BcEntityType JOURNAL = fromPage("journals", "Gen. Journal Batch", List.of(
            of("id", G), code("code", 10), text("displayName", 100), text("templateDisplayName", 10),
            of("lastModifiedDateTime", DT), of("balancingAccountId", G), code("balancingAccountNumber", 20)));

    public static final BcEntityType JOURNAL_LINE = fromPage("journalLines", "Gen. Journal Line", List.of(
            of("id", G), of("journalId", G), code("journalDisplayName", 10), of("lineNumber", I), of("accountType", E),
            of("accountId", G), code("accountNumber", 20), of("postingDate", DATE), code("documentNumber", 20),
            code("externalDocumentNumber", 35), of("amount", D), text("description", 100), text("comment", 250),
            code("taxCode", 20), of("balanceAccountType", E), of("balancingAccountId", G), code("balancingAccountNumber", 20),
            of("lastModifiedDateTime", DT)));

    /** Purchase credit memos (a vendor's credit note, e.g. a marketplace's goodwill credit), drafts then posted. */
    public static final BcEntityType PURCHASE_CREDIT_MEMO = fromPage("purchaseCreditMemos", "Purch. Cr. Memo Entity Buffer", List.of(
            of("id", G), code("number", 20), of("creditMemoDate", DATE), of("postingDate", DATE), of("dueDate", DATE),
            of("vendorId", G), code("vendorNumber", 20), text("vendorName", 100), code("vendorCreditMemoNumber", 35),
            of("payToVendorId", G), code("payToVendorNumber", 20), text("payToName", 100), text("buyFromAddressLine1", 100),
            text("buyFromAddressLine2", 50), text("buyFromCity", 30), code("buyFromCountry", 10), text("buyFromState", 30),
            code("buyFromPostCode", 20), text("payToAddressLine1", 100), text("payToAddressLine2", 50), text("payToCity", 30),
            code("payToCountry", 10), text("payToState", 30), code("payToPostCode", 20), code("shortcutDimension1Code", 20),
            code("shortcutDimension2Code", 20), of("currencyId", G), code("currencyCode", 10), of("paymentTermsId", G),
            of("shipmentMethodId", G), code("purchaser", 20), of("pricesIncludeTax", B), of("discountAmount", D),
            of("discountAppliedBeforeTax", B), of("totalAmountExcludingTax", D), of("totalTaxAmount", D),
            of("totalAmountIncludingTax", D), of("status", E), of("lastModifiedDateTime", DT), of("invoiceId", G),
            code("invoiceNumber", 20), of("vendorReturnReasonId", G)));

    public static final BcEntityType PURCHASE_CREDIT_MEMO_LINE = fromPage("purchaseCreditMemoLines", "Purch. Cr. Memo Line", List.of(
            of("id", G), of("documentId", G), of("sequence", I), of("itemId", G), of("accountId", G), of("lineType", E),
            code("lineObjectNumber", 20), text("description", 100), of("unitOfMeasureId", G), code("unitOfMeasureCode", 10),
            of("unitCost", D), of("quantity", D), of("discountAmount", D), of("discountPercent", D), of("discountAppliedBeforeTax", B),
            of("amountExcludingTax", D), code("taxCode", 20), of("taxPercent", D), of("totalTaxAmount", D), of("amountIncludingTax", D),
            of("invoiceDiscountAllocation", D), of("netAmount", D), of("netTaxAmount", D), of("netAmountIncludingTax", D),
            of("itemVariantId", G), of("locationId", G)));

    /** Posted general ledger entries, read-only. */
    public static final BcEntityType GL_ENTRY = fromPage("generalLedgerEntries", "G/L Entry", List.of(
            of("id", G), of("entryNumber", I), of("postingDate", DATE), code("documentNumber", 20), of("documentType", E),
            of("accountId", G), code("accountNumber", 20), text("description", 100), of("debitAmount", D), of("creditAmount", D),
            of("additionalCurrencyDebitAmount", D), of("additionalCurrencyCreditAmount", D), of("lastModifiedDateTime", DT)));

    /** The dimensions of a document (its dimension set), read and written under the document's navigation. */
    public static final BcEntityType DIMENSION_SET_LINE = fromPage("dimensionSetLines", "Dimension Set Entry Buffer", List.of(
            of("id", G), code("code", 20), code("consolidationCode", 20), of("parentId", G), of("parentType", E),
            text("displayName", 30), of("valueId", G), code("valueCode", 20), code("valueConsolidationCode", 20),
            text("valueDisplayName", 50)));

    private final String name;
    private final String caption;
    private final List<BcField> fields;
    private final Map<String, BcField> byName;
    private final AlPage page;

    /** A type not backed by a Microsoft page (a custom API page, companies). */
    public BcEntityType(final String name, final String caption, final List<BcField> fields) {
        this(name, caption, fields, null);
    }

    private BcEntityType(final String name, final String caption, final List<BcField> fields, final AlPage page) {
        this.name = name;
        this.caption = caption;
        this.fields = List.copyOf(fields);
        final Map<String, BcField> map = new LinkedHashMap<>();
        for (final BcField field : fields) {
            map.put(field.name(), field);
        }
        this.byName = Collections.unmodifiableMap(map);
        this.page = page;
    }

    /**
     * The type of a standard entity set: the page's fields in the page's order, writable when the page
     * and the control are editable, typed from {@code columns} (which may hold more than the page needs).
     */
    static BcEntityType fromPage(final String entitySet, final String caption, final List<BcField> columns) {
        return fromPage(BcPages.of(entitySet), caption, columns);
    }

    /** The type of any parsed AL API page or query, typed from {@code columns}. */
    static BcEntityType fromPage(final AlPage page, final String caption, final List<BcField> columns) {
        final Map<String, BcField> byName = new LinkedHashMap<>();
        columns.forEach(column -> byName.put(column.name(), column));
        final List<BcField> fields = new ArrayList<>();
        for (final AlPage.Field pageField : page.fields()) {
            final BcField column = byName.get(pageField.name());
            if (column == null) {
                throw new IllegalStateException("field " + pageField.name() + " of page '" + page.objectName() + "' has no column type");
            }
            fields.add(new BcField(column.name(), column.type(), column.maxLength(), page.writable(pageField.name())));
        }
        return new BcEntityType(page.entityName(), caption, fields, page);
    }

    /** The Edm type name, as in {@code Microsoft.NAV.salesOrder}. */
    public String name() {
        return name;
    }

    /** The table caption BC puts in its messages ({@code The Customer does not exist...}). */
    public String caption() {
        return caption;
    }

    public List<BcField> fields() {
        return fields;
    }

    public BcField field(final String fieldName) {
        return byName.get(fieldName);
    }

    /** The Microsoft page this type comes from; null for custom pages and companies. */
    public AlPage page() {
        return page;
    }

    /** The field or BC's 400 for an unknown property. */
    public BcField require(final String fieldName) {
        final BcField field = byName.get(fieldName);
        if (field == null) {
            throw BcApiError.badRequest("Could not find a property named '" + fieldName + "' on type 'Microsoft.NAV." + name + "'.");
        }
        return field;
    }

    @SafeVarargs
    private static List<BcField> concat(final List<BcField>... parts) {
        final List<BcField> all = new ArrayList<>();
        for (final List<BcField> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
