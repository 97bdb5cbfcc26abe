package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * The purchase and general-journal side of a simulated company: purchase invoices with their lines (a vendor's
 * invoice, e.g. a marketplace's commissions) and general journal lines (e.g. a marketplace payout), as the pages
 * APIV2PurchaseInvoices, APIV2PurchaseInvoiceLines, APIV2Journals and APIV2JournalLines let a client write them.
 * Called under the store's transaction by {@link BcCompany}.
 */
final class BcAccounting {

    private static final Set<String> PURCHASE_NAVIGATION = Set.of(BcCompany.PURCHASE_INVOICE_LINES);
    /** The purchase line types of the page's enum (purchaseLineType). */
    private static final Set<String> LINE_TYPES = Set.of("Comment", "Account", "Item", "Resource", "Fixed Asset", "Charge");
    /** The account types of a general journal line (the page's accountType enum, as the API spells them). */
    private static final Set<String> ACCOUNT_TYPES = Set.of("G/L Account", "Customer", "Vendor", "Bank Account", "Fixed Asset", "Employee");

    private final BcCompany company;
    private final BcStore store;
    private final Map<String, BcTable> tables;
    /** Dimension code to its values (value code to name); a dimension's id is derived from its code. */
    private final Map<String, Map<String, String>> dimensions = new java.util.HashMap<>();

    BcAccounting(final BcCompany company, final BcStore store, final Map<String, BcTable> tables) {
        this.company = company;
        this.store = store;
        this.tables = tables;
    }

    /** A draft purchase invoice; the vendor (by id or number) must exist; lines may come deep-inserted. */
    BcRow createPurchaseInvoice(final JsonNode body) {
        final BcTable invoices = tables.get(BcCompany.PURCHASE_INVOICES);
        final ObjectNode data = EntityBody.blank(invoices.type());
        EntityBody.bind(invoices.type(), data, body, PURCHASE_NAVIGATION);
        final JsonNode linesBody = body.get(BcCompany.PURCHASE_INVOICE_LINES);
        if (linesBody != null && !linesBody.isArray()) {
            throw BcApiError.badRequest("The property 'purchaseInvoiceLines' must be a collection of purchaseInvoiceLine.");
        }
        final BcRow vendor = vendor(body, data);
        data.put("vendorId", vendor.id()).put("vendorNumber", vendor.data().path("number").asText())
                .put("vendorName", vendor.data().path("displayName").asText())
                .put("payToVendorId", vendor.id()).put("payToVendorNumber", vendor.data().path("number").asText())
                .put("payToName", vendor.data().path("displayName").asText());
        if (data.path("number").asText().isEmpty()) {
            data.put("number", company.nextNumberOf(BcCompany.PURCHASE_INVOICES, "P-INV", 108001));
        }
        final String today = LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString();
        if (data.path("invoiceDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("invoiceDate", today);
        }
        if (data.path("postingDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("postingDate", data.path("invoiceDate").asText());
        }
        if (data.path("dueDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("dueDate", data.path("invoiceDate").asText());
        }
        data.put("status", "Draft").put("discountAppliedBeforeTax", true);
        if (data.path("currencyCode").asText().isEmpty()) {
            data.put("currencyCode", vendor.data().path("currencyCode").asText(""));
        }
        final String invoiceId = store.newId();
        data.put("id", invoiceId);
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        final BcRow invoice = invoices.insert(invoiceId, data);
        if (linesBody != null) {
            int sequence = 10000;
            for (final JsonNode line : linesBody) {
                createPurchaseLine(invoice, line, sequence);
                sequence += 10000;
            }
        }
        recomputePurchaseTotals(invoiceId);
        return invoices.get(invoiceId);
    }

    BcRow createPurchaseLine(final BcRow invoice, final JsonNode body, final int defaultSequence) {
        final BcTable lines = tables.get(BcCompany.PURCHASE_INVOICE_LINES);
        final ObjectNode data = EntityBody.blank(lines.type());
        EntityBody.bind(lines.type(), data, body, Set.of());
        if (!body.has("lineType")) {
            data.put("lineType", body.has("itemId") || body.has("lineObjectNumber") ? "Item" : "Comment");
        } else if (!LINE_TYPES.contains(data.path("lineType").asText())) {
            throw BcApiError.badRequest("Cannot convert the literal '" + data.path("lineType").asText()
                    + "' to the expected type 'Microsoft.NAV.purchaseLineType'.");
        }
        final String type = data.path("lineType").asText();
        if (!type.equals("Comment")) {
            if (data.path("lineObjectNumber").asText().isEmpty()) {
                throw new BcApiError(400, "Application_FieldValidationException",
                        "You must specify either " + (type.equals("Account") ? "accountId" : "itemId") + " or lineObjectNumber for a line of type " + type + ".");
            }
            if (type.equals("Item")) {
                final BcRow item = tables.get(BcCompany.ITEMS).byNumber(data.path("lineObjectNumber").asText());
                if (item == null) {
                    throw BcApiError.relatedNotFound("Item", "No.='" + data.path("lineObjectNumber").asText() + "'");
                }
                data.put("itemId", item.id());
            }
            data.put("taxPercent", company.taxPercentValue());
        }
        if (!body.has("sequence")) {
            data.put("sequence", defaultSequence);
        }
        data.put("documentId", invoice.id());
        final BigDecimal amount = money(data.path("unitCost").decimalValue().multiply(data.path("quantity").decimalValue())
                .subtract(data.path("discountAmount").decimalValue()));
        final BigDecimal tax = money(amount.multiply(data.path("taxPercent").decimalValue()).movePointLeft(2));
        data.put("amountExcludingTax", amount).put("netAmount", amount).put("totalTaxAmount", tax).put("netTaxAmount", tax)
                .put("amountIncludingTax", amount.add(tax)).put("netAmountIncludingTax", amount.add(tax));
        final String lineId = store.newId();
        data.put("id", lineId);
        return lines.insert(lineId, data);
    }

    void recomputePurchaseTotals(final String invoiceId) {
        final BcTable invoices = tables.get(BcCompany.PURCHASE_INVOICES);
        final BcRow invoice = invoices.get(invoiceId);
        BigDecimal excluding = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (final BcRow line : company.linesOf(BcCompany.PURCHASE_INVOICE_LINES, invoiceId)) {
            excluding = excluding.add(line.data().path("amountExcludingTax").decimalValue());
            tax = tax.add(line.data().path("totalTaxAmount").decimalValue());
        }
        final ObjectNode data = invoice.data().deepCopy();
        data.put("totalAmountExcludingTax", excluding).put("totalTaxAmount", tax).put("totalAmountIncludingTax", excluding.add(tax));
        invoices.replace(invoice, data);
    }

    /** A general journal line in a journal (batch); Customer, Vendor and Bank Account lines must name an existing account. */
    BcRow createJournalLine(final BcRow journal, final JsonNode body) {
        final BcTable lines = tables.get(BcCompany.JOURNAL_LINES);
        final ObjectNode data = EntityBody.blank(lines.type());
        EntityBody.bind(lines.type(), data, body, Set.of());
        final String accountType = body.has("accountType") ? data.path("accountType").asText() : "G/L Account";
        if (!ACCOUNT_TYPES.contains(accountType)) {
            throw BcApiError.badRequest("Cannot convert the literal '" + accountType + "' to the expected type 'Microsoft.NAV.journalLineAccountType'.");
        }
        data.put("accountType", accountType);
        final String account = data.path("accountNumber").asText();
        final String accountTable = switch (accountType) {
            case "Customer" -> BcCompany.CUSTOMERS;
            case "Vendor" -> BcCompany.VENDORS;
            default -> null;
        };
        if (accountTable != null) {
            final BcRow party = tables.get(accountTable).byNumber(account);
            if (party == null) {
                throw BcApiError.relatedNotFound(accountType, "No.='" + account + "'");
            }
            data.put("accountId", party.id());
        }
        final int last = company.linesOf(BcCompany.JOURNAL_LINES, journal.id()).stream()
                .mapToInt(l -> l.data().path("lineNumber").asInt()).max().orElse(0);
        if (!body.has("lineNumber")) {
            data.put("lineNumber", last + 10000);
        }
        if (data.path("postingDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("postingDate", LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString());
        }
        data.put("journalId", journal.id()).put("journalDisplayName", journal.data().path("code").asText());
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        final String lineId = store.newId();
        data.put("id", lineId);
        return lines.insert(lineId, data);
    }

    void clear() {
        dimensions.clear();
    }

    void putDimensionValue(final String dimensionCode, final String valueCode, final String valueName) {
        dimensions.computeIfAbsent(dimensionCode, d -> new java.util.LinkedHashMap<>()).put(valueCode, valueName);
    }

    /**
     * A dimension set line of a sales order or a purchase invoice (the page's OnInsertRecord): the dimension and its
     * value must exist, and the document must not have the dimension already.
     */
    BcRow createDimensionSetLine(final String parentId, final JsonNode body) {
        final String parentType;
        if (parentId != null && tables.get(BcCompany.SALES_ORDERS).get(parentId) != null) {
            parentType = "Sales Order";
        } else if (parentId != null && tables.get(BcCompany.PURCHASE_INVOICES).get(parentId) != null) {
            parentType = "Purchase Invoice";
        } else {
            throw BcApiError.badRequest("You must get to the parent first to create a dimension set line.");
        }
        final BcTable lines = tables.get(BcCompany.DIMENSION_SET_LINES);
        final ObjectNode data = EntityBody.blank(lines.type());
        EntityBody.bind(lines.type(), data, body, Set.of());
        final String code = data.path("code").asText();
        final String value = data.path("valueCode").asText();
        if (code.isEmpty()) {
            throw BcApiError.badRequest("The \"id\" or \"code\" field must be filled in.");
        }
        if (value.isEmpty()) {
            throw BcApiError.badRequest("The \"valueId\" or \"valueCode\" field must be filled in.");
        }
        final Map<String, String> values = dimensions.get(code);
        if (values == null) {
            throw BcApiError.badRequest("The \"code\" does not match to a Dimension.");
        }
        if (!values.containsKey(value)) {
            throw BcApiError.badRequest("The \"valueCode\" does not match to a Dimension Value.");
        }
        for (final BcRow existing : company.linesOf(BcCompany.DIMENSION_SET_LINES, parentId)) {
            if (existing.data().path("code").asText().equals(code)) {
                throw BcApiError.badRequest("The dimension set line already exists. Check existing dimension set lines and the default "
                        + "dimension set lines on the parent.");
            }
        }
        data.put("parentId", parentId).put("parentType", parentType).put("displayName", code).put("valueDisplayName", values.get(value))
                .put("valueId", java.util.UUID.nameUUIDFromBytes((code + "/" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        final String lineId = store.newId();
        data.put("id", lineId);
        return lines.insert(lineId, data);
    }

    private BcRow vendor(final JsonNode body, final ObjectNode data) {
        final BcTable vendors = tables.get(BcCompany.VENDORS);
        if (body.has("vendorId") && !data.path("vendorId").asText().equals(EntityBody.BLANK_GUID)) {
            final BcRow vendor = vendors.get(data.path("vendorId").asText().toLowerCase(java.util.Locale.ROOT));
            if (vendor == null) {
                throw BcApiError.relatedNotFound("Vendor", "Id='" + data.path("vendorId").asText() + "'");
            }
            return vendor;
        }
        final String number = data.path("vendorNumber").asText();
        final BcRow vendor = number.isEmpty() ? null : vendors.byNumber(number);
        if (vendor == null) {
            throw new BcApiError(400, "Application_FieldValidationException",
                    number.isEmpty() ? "Buy-from Vendor No. must have a value in Purchase Header." : "The Vendor does not exist. Identification fields and values: No.='" + number + "'");
        }
        return vendor;
    }

    private static BigDecimal money(final BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
