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
 * messages ({@code Sales Order}) and its fields in the order BC serialises them. Field lengths are
 * those of the underlying tables (Sales Header, Customer, Item...).
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

    public static final BcEntityType COMPANY = new BcEntityType("company", "Company", List.of(
            readOnly("id", G), readOnly("systemVersion", S), readOnly("timestamp", I), readOnly("name", S),
            readOnly("displayName", S), readOnly("businessProfileId", S), readOnly("systemCreatedAt", DT),
            readOnly("systemCreatedBy", G), readOnly("systemModifiedAt", DT), readOnly("systemModifiedBy", G)));

    public static final BcEntityType CUSTOMER = new BcEntityType("customer", "Customer", List.of(
            readOnly("id", G), code("number", 20), text("displayName", 100), of("type", E),
            text("addressLine1", 100), text("addressLine2", 50), text("city", 30), text("state", 30),
            code("country", 10), code("postalCode", 20), text("phoneNumber", 30), text("email", 80),
            text("website", 80), code("salespersonCode", 20), readOnly("balanceDue", D), of("creditLimit", D),
            of("taxLiable", B), of("taxAreaId", G), readOnly("taxAreaDisplayName", S), text("taxRegistrationNumber", 20),
            of("currencyId", G), code("currencyCode", 10), of("paymentTermsId", G), of("shipmentMethodId", G),
            of("paymentMethodId", G), of("blocked", E), readOnly("lastModifiedDateTime", DT)));

    public static final BcEntityType ITEM = new BcEntityType("item", "Item", List.of(
            readOnly("id", G), code("number", 20), text("displayName", 100), text("displayName2", 50), of("type", E),
            of("itemCategoryId", G), code("itemCategoryCode", 20), of("blocked", B), code("gtin", 14),
            readOnly("inventory", D), of("unitPrice", D), of("priceIncludesTax", B), of("unitCost", D),
            of("taxGroupId", G), code("taxGroupCode", 20), of("baseUnitOfMeasureId", G), code("baseUnitOfMeasureCode", 10),
            of("generalProductPostingGroupId", G), code("generalProductPostingGroupCode", 20),
            of("inventoryPostingGroupId", G), code("inventoryPostingGroupCode", 20),
            readOnly("lastModifiedDateTime", DT)));

    private static final List<BcField> ADDRESSES = List.of(
            text("sellToAddressLine1", 100), text("sellToAddressLine2", 50), text("sellToCity", 30),
            code("sellToCountry", 10), text("sellToState", 30), code("sellToPostCode", 20),
            text("billToName", 100), of("billToCustomerId", G), code("billToCustomerNumber", 20),
            text("billToAddressLine1", 100), text("billToAddressLine2", 50), text("billToCity", 30),
            code("billToCountry", 10), text("billToState", 30), code("billToPostCode", 20),
            text("shipToName", 100), text("shipToContact", 100), text("shipToAddressLine1", 100),
            text("shipToAddressLine2", 50), text("shipToCity", 30), code("shipToCountry", 10),
            text("shipToState", 30), code("shipToPostCode", 20));

    public static final BcEntityType SALES_ORDER = new BcEntityType("salesOrder", "Sales Order", concat(List.of(
            readOnly("id", G), code("number", 20), code("externalDocumentNumber", 35), of("orderDate", DATE),
            of("postingDate", DATE), of("customerId", G), code("customerNumber", 20), text("customerName", 100)),
            ADDRESSES, List.of(
            code("shortcutDimension1Code", 20), code("shortcutDimension2Code", 20), of("currencyId", G),
            code("currencyCode", 10), readOnly("pricesIncludeTax", B), of("paymentTermsId", G), of("shipmentMethodId", G),
            code("salesperson", 20), of("partialShipping", B), of("requestedDeliveryDate", DATE),
            of("discountAmount", D), readOnly("discountAppliedBeforeTax", B), readOnly("totalAmountExcludingTax", D),
            readOnly("totalTaxAmount", D), readOnly("totalAmountIncludingTax", D), readOnly("fullyShipped", B),
            readOnly("status", E), readOnly("lastModifiedDateTime", DT), text("phoneNumber", 30), text("email", 80))));

    private static final List<BcField> LINE_FIELDS = List.of(
            readOnly("id", G), of("documentId", G), of("sequence", I), of("itemId", G), of("accountId", G),
            of("lineType", E), code("lineObjectNumber", 20), text("description", 100), text("description2", 50),
            of("unitOfMeasureId", G), code("unitOfMeasureCode", 10), of("quantity", D), of("unitPrice", D),
            of("discountAmount", D), of("discountPercent", D), readOnly("discountAppliedBeforeTax", B),
            readOnly("amountExcludingTax", D), code("taxCode", 20), readOnly("taxPercent", D),
            readOnly("totalTaxAmount", D), readOnly("amountIncludingTax", D), readOnly("invoiceDiscountAllocation", D),
            readOnly("netAmount", D), readOnly("netTaxAmount", D), readOnly("netAmountIncludingTax", D),
            of("shipmentDate", DATE), readOnly("shippedQuantity", D), readOnly("invoicedQuantity", D),
            of("invoiceQuantity", D), of("shipQuantity", D), of("itemVariantId", G), of("locationId", G));

    public static final BcEntityType SALES_ORDER_LINE = new BcEntityType("salesOrderLine", "Sales Line", LINE_FIELDS);

    public static final BcEntityType SALES_INVOICE = new BcEntityType("salesInvoice", "Sales Invoice Header", concat(List.of(
            readOnly("id", G), readOnly("number", C), readOnly("externalDocumentNumber", C), readOnly("invoiceDate", DATE),
            readOnly("postingDate", DATE), readOnly("dueDate", DATE), readOnly("customerPurchaseOrderReference", S),
            readOnly("customerId", G), readOnly("customerNumber", C), readOnly("customerName", S)),
            readOnlyCopy(ADDRESSES), List.of(
            readOnly("orderId", G), readOnly("orderNumber", C), readOnly("currencyCode", C), readOnly("pricesIncludeTax", B),
            readOnly("discountAmount", D), readOnly("totalAmountExcludingTax", D), readOnly("totalTaxAmount", D),
            readOnly("totalAmountIncludingTax", D), readOnly("status", E), readOnly("lastModifiedDateTime", DT),
            readOnly("phoneNumber", S), readOnly("email", S))));

    public static final BcEntityType SALES_INVOICE_LINE = new BcEntityType("salesInvoiceLine", "Sales Invoice Line",
            readOnlyCopy(LINE_FIELDS));

    public static final BcEntityType SALES_SHIPMENT = new BcEntityType("salesShipment", "Sales Shipment Header", concat(List.of(
            readOnly("id", G), readOnly("number", C), readOnly("externalDocumentNumber", C), readOnly("documentDate", DATE),
            readOnly("postingDate", DATE), readOnly("shipmentDate", DATE), readOnly("customerPurchaseOrderReference", S),
            readOnly("customerId", G), readOnly("customerNumber", C), readOnly("customerName", S)),
            readOnlyCopy(ADDRESSES), List.of(
            readOnly("orderNumber", C), readOnly("currencyCode", C), readOnly("lastModifiedDateTime", DT),
            readOnly("phoneNumber", S), readOnly("email", S))));

    public static final BcEntityType SALES_SHIPMENT_LINE = new BcEntityType("salesShipmentLine", "Sales Shipment Line", List.of(
            readOnly("id", G), readOnly("documentId", G), readOnly("documentNo", C), readOnly("sequence", I),
            readOnly("lineType", E), readOnly("lineObjectNumber", C), readOnly("description", S),
            readOnly("description2", S), readOnly("unitOfMeasureCode", C), readOnly("unitPrice", D),
            readOnly("quantity", D), readOnly("discountPercent", D), readOnly("taxPercent", D),
            readOnly("shipmentDate", DATE)));

    private final String name;
    private final String caption;
    private final List<BcField> fields;
    private final Map<String, BcField> byName;

    public BcEntityType(final String name, final String caption, final List<BcField> fields) {
        this.name = name;
        this.caption = caption;
        this.fields = List.copyOf(fields);
        final Map<String, BcField> map = new LinkedHashMap<>();
        for (final BcField field : fields) {
            map.put(field.name(), field);
        }
        this.byName = Collections.unmodifiableMap(map);
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

    private static List<BcField> readOnlyCopy(final List<BcField> source) {
        return source.stream().map(f -> new BcField(f.name(), f.type(), f.maxLength(), false)).toList();
    }
}
