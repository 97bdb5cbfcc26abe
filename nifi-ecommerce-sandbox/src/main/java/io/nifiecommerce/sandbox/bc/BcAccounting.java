package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

    /** The posting groups' accounts of the simulated company (Customers Domestic, Vendors Domestic, the bank's). */
    static final String RECEIVABLES_ACCOUNT = "2310";
    static final String PAYABLES_ACCOUNT = "5410";
    static final String BANK_ACCOUNT = "2910";

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

    /** The two purchase documents a client drafts through the API: their sets, number series and own fields. */
    private record PurchaseKind(String headerSet, String lineSet, String series, long firstNumber, String dateField, String vendorDocumentField) {
    }

    private static final PurchaseKind INVOICE = new PurchaseKind(BcCompany.PURCHASE_INVOICES, BcCompany.PURCHASE_INVOICE_LINES,
            "P-INV", 108001, "invoiceDate", "vendorInvoiceNumber");
    private static final PurchaseKind CREDIT_MEMO = new PurchaseKind(BcCompany.PURCHASE_CREDIT_MEMOS, BcCompany.PURCHASE_CREDIT_MEMO_LINES,
            "P-CR", 109001, "creditMemoDate", "vendorCreditMemoNumber");

    /** A draft purchase invoice; the vendor (by id or number) must exist; lines may come deep-inserted. */
    BcRow createPurchaseInvoice(final JsonNode body) {
        return createPurchaseDocument(INVOICE, body);
    }

    /** A draft purchase credit memo, as the APIV2PurchaseCreditMemos page takes it (vendor, deep-inserted lines). */
    BcRow createPurchaseCreditMemo(final JsonNode body) {
        return createPurchaseDocument(CREDIT_MEMO, body);
    }

    private BcRow createPurchaseDocument(final PurchaseKind kind, final JsonNode body) {
        final BcTable documents = tables.get(kind.headerSet());
        final ObjectNode data = EntityBody.blank(documents.type());
        EntityBody.bind(documents.type(), data, body, Set.of(kind.lineSet()));
        final JsonNode linesBody = body.get(kind.lineSet());
        if (linesBody != null && !linesBody.isArray()) {
            throw BcApiError.badRequest("The property '" + kind.lineSet() + "' must be a collection of "
                    + kind.lineSet().substring(0, kind.lineSet().length() - 1) + ".");
        }
        final BcRow vendor = vendor(body, data);
        data.put("vendorId", vendor.id()).put("vendorNumber", vendor.data().path("number").asText())
                .put("vendorName", vendor.data().path("displayName").asText())
                .put("payToVendorId", vendor.id()).put("payToVendorNumber", vendor.data().path("number").asText())
                .put("payToName", vendor.data().path("displayName").asText());
        if (data.path("number").asText().isEmpty()) {
            data.put("number", company.nextNumberOf(kind.headerSet(), kind.series(), kind.firstNumber()));
        }
        final String today = LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString();
        if (data.path(kind.dateField()).asText().equals(EntityBody.BLANK_DATE)) {
            data.put(kind.dateField(), today);
        }
        if (data.path("postingDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("postingDate", data.path(kind.dateField()).asText());
        }
        if (data.path("dueDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("dueDate", data.path(kind.dateField()).asText());
        }
        data.put("status", "Draft").put("discountAppliedBeforeTax", true);
        if (data.path("currencyCode").asText().isEmpty()) {
            data.put("currencyCode", vendor.data().path("currencyCode").asText(""));
        }
        final String documentId = store.newId();
        data.put("id", documentId);
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        final BcRow document = documents.insert(documentId, data);
        if (linesBody != null) {
            int sequence = 10000;
            for (final JsonNode line : linesBody) {
                createPurchaseLine(kind.lineSet(), document, line, sequence);
                sequence += 10000;
            }
        }
        recomputePurchaseTotals(kind, documentId);
        return documents.get(documentId);
    }

    BcRow createPurchaseLine(final BcRow invoice, final JsonNode body, final int defaultSequence) {
        return createPurchaseLine(BcCompany.PURCHASE_INVOICE_LINES, invoice, body, defaultSequence);
    }

    private BcRow createPurchaseLine(final String lineSet, final BcRow invoice, final JsonNode body, final int defaultSequence) {
        final BcTable lines = tables.get(lineSet);
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
        recomputePurchaseTotals(INVOICE, invoiceId);
    }

    private void recomputePurchaseTotals(final PurchaseKind kind, final String documentId) {
        final BcTable invoices = tables.get(kind.headerSet());
        final BcRow invoice = invoices.get(documentId);
        BigDecimal excluding = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (final BcRow line : company.linesOf(kind.lineSet(), documentId)) {
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

    /**
     * Posts the lines of a journal: one G/L entry per line (customer, vendor and bank lines on their posting group's
     * account), then the lines leave the journal. Each document must balance, as BC's posting checks.
     */
    int postJournal(final BcRow journal) {
        final List<BcRow> lines = company.linesOf(BcCompany.JOURNAL_LINES, journal.id());
        final Map<String, BigDecimal> byDocument = new java.util.HashMap<>();
        lines.forEach(line -> byDocument.merge(line.data().path("documentNumber").asText() + "|" + line.data().path("postingDate").asText(),
                line.data().path("amount").decimalValue(), BigDecimal::add));
        for (final Map.Entry<String, BigDecimal> document : byDocument.entrySet()) {
            if (document.getValue().signum() != 0) {
                throw new BcApiError(400, "Application_DialogException", "Document No. " + document.getKey().split("\\|")[0]
                        + " is out of balance by " + document.getValue().toPlainString() + ". Please check that Posting Date, Document Type, "
                        + "Document No. and Amount are correct for each line.");
            }
        }
        final BcTable entries = tables.get(BcCompany.GL_ENTRIES);
        int next = entries.size() + 1;
        for (final BcRow line : lines) {
            final ObjectNode data = EntityBody.blank(entries.type());
            final BigDecimal amount = line.data().path("amount").decimalValue();
            data.put("entryNumber", next++).put("postingDate", line.data().path("postingDate").asText())
                    .put("documentNumber", line.data().path("documentNumber").asText())
                    .put("accountNumber", postingAccount(line.data()))
                    .put("description", line.data().path("description").asText())
                    .put("debitAmount", amount.signum() > 0 ? amount : BigDecimal.ZERO)
                    .put("creditAmount", amount.signum() < 0 ? amount.negate() : BigDecimal.ZERO)
                    .put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            final String entryId = store.newId();
            data.put("id", entryId);
            entries.insert(entryId, data);
            tables.get(BcCompany.JOURNAL_LINES).delete(line);
        }
        return lines.size();
    }

    /** The G/L account a journal line posts to: its own for G/L lines, the posting group's (W1 demo data) for the others. */
    private static String postingAccount(final JsonNode line) {
        return switch (line.path("accountType").asText()) {
            case "Customer" -> RECEIVABLES_ACCOUNT;
            case "Vendor" -> PAYABLES_ACCOUNT;
            case "Bank Account" -> BANK_ACCOUNT;
            default -> line.path("accountNumber").asText();
        };
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
