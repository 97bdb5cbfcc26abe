package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.BatchOperation;
import io.nifiecommerce.businesscentral.BatchResult;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.ODataFilter;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Books a marketplace's accounting in Business Central, exactly once, keyed by the marketplace's own numbers:
 * <ul>
 *   <li>an operator invoice (commissions, subscription, other fees) becomes a draft purchase invoice from the
 *       marketplace as vendor, with one G/L account line, its {@code vendorInvoiceNumber} the document's key
 *       ({@code CARREFOUR-1001}); an invoice with that vendor invoice number is never created twice;</li>
 *   <li>a period's settlement becomes general journal lines, all or none in one atomic {@code $batch}, whose
 *       {@code documentNumber} names the period: the marketplace's customer is credited with the period's sales net of
 *       refunds (settling the orders booked on it), the marketplace as vendor is debited with what it kept
 *       (commissions and fees net of credits, settling its invoices), the bank account is debited with the payout, and a
 *       clearing account takes what stays on the marketplace balance. The lines balance by construction.</li>
 * </ul>
 * Bodies use only fields the API v2.0 pages let a client write (checked in BusinessCentralBodiesContractTest).
 */
public final class MarketplaceBookings {

    /** The accounts a marketplace's bookings go to. */
    public record Accounts(String customerNumber, String vendorNumber, String commissionAccount, String bankAccount,
                           String clearingAccount, String journalCode) {
    }

    /** What happened to one booking. */
    public enum Result { CREATED, ALREADY_BOOKED, NOT_BOOKED }

    /** The outcome of one booking: the key, the result, the BC number or id created (or found), the reason when not booked. */
    public record Booking(String key, Result result, String reference, String reason) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

    private final BusinessCentralClient client;
    private final String companyId;
    private final String marketplace;
    private final Accounts accounts;

    public MarketplaceBookings(final BusinessCentralClient client, final String companyId, final String marketplace, final Accounts accounts) {
        this.client = client;
        this.companyId = companyId;
        this.marketplace = marketplace;
        this.accounts = accounts;
    }

    /** The purchase invoice body of an operator invoice. */
    public ObjectNode purchaseInvoiceBody(final PeriodSettlement.Document document) {
        final ObjectNode body = BusinessCentralClient.MAPPER.createObjectNode();
        body.put("vendorNumber", accounts.vendorNumber());
        body.put("vendorInvoiceNumber", PeriodSettlement.documentKey(marketplace, document));
        if (document.issueDate() != null) {
            body.put("invoiceDate", date(document.issueDate()));
        }
        if (document.dueDate() != null) {
            body.put("dueDate", date(document.dueDate()));
        }
        final ObjectNode line = body.putArray("purchaseInvoiceLines").addObject();
        line.put("lineType", "Account").put("lineObjectNumber", accounts.commissionAccount())
                .put("description", truncate(marketplace + " " + document.type() + " " + document.number(), 100))
                .put("quantity", BigDecimal.ONE).put("unitCost", document.amountExcludingTax());
        return body;
    }

    /** The general journal line bodies of a period's settlement, balancing to zero. */
    public List<ObjectNode> journalLineBodies(final PeriodSettlement settlement) {
        final String postingDate = LocalDate.ofInstant(settlement.end().minusSeconds(1), ZoneOffset.UTC).toString();
        final String documentNumber = settlementDocumentNumber(settlement);
        final String period = LocalDate.ofInstant(settlement.start(), ZoneOffset.UTC) + " / " + postingDate;
        final List<ObjectNode> lines = new ArrayList<>();
        final BigDecimal collected = settlement.sales().add(settlement.refunds());
        final BigDecimal kept = settlement.commissions().add(settlement.fees()).add(settlement.credits());
        addLine(lines, "Customer", accounts.customerNumber(), collected.negate(), documentNumber, postingDate, "Ventes " + marketplace + " " + period);
        addLine(lines, "Vendor", accounts.vendorNumber(), kept.negate(), documentNumber, postingDate, "Commissions " + marketplace + " " + period);
        addLine(lines, "Bank Account", accounts.bankAccount(), settlement.payouts().negate(), documentNumber, postingDate, "Virement " + marketplace + " " + period);
        addLine(lines, "G/L Account", accounts.clearingAccount(), settlement.balance(), documentNumber, postingDate, "Solde " + marketplace + " " + period);
        return lines;
    }

    /**
     * The period's document number, 20 characters at most (BC's Code[20]): a marketplace prefix and the marketplace's own
     * settlement id when it has one (Amazon: {@code AMAZON-24288621291}), else the period's first day ({@code CARREFOUR-20261120}),
     * or its first minute when the period does not start at midnight ({@code CARREFOUR-2611201430}): a day may then hold
     * several periods, and each needs a number of its own.
     */
    public String settlementDocumentNumber(final PeriodSettlement settlement) {
        final String prefix = marketplace.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (settlement.reference() != null) {
            final String reference = truncate(settlement.reference().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""), 19);
            return prefix.isEmpty() || reference.length() >= 18 ? reference : truncate(prefix, 19 - reference.length()) + "-" + reference;
        }
        if (settlement.start().equals(settlement.start().truncatedTo(ChronoUnit.DAYS))) {
            return truncate(prefix, 11) + "-" + LocalDate.ofInstant(settlement.start(), ZoneOffset.UTC).format(DAY);
        }
        return truncate(prefix, 9) + "-" + MINUTE.format(settlement.start());
    }

    /**
     * The purchase credit memo body of an operator credit note (MANUAL_CREDIT): the same account line as an invoice, for the
     * credited amount excluding tax (BC computes the VAT), {@code vendorCreditMemoNumber} the document's key.
     */
    public ObjectNode purchaseCreditMemoBody(final PeriodSettlement.Document document) {
        final ObjectNode body = BusinessCentralClient.MAPPER.createObjectNode();
        body.put("vendorNumber", accounts.vendorNumber());
        body.put("vendorCreditMemoNumber", PeriodSettlement.documentKey(marketplace, document));
        if (document.issueDate() != null) {
            body.put("creditMemoDate", date(document.issueDate()));
        }
        if (document.dueDate() != null) {
            body.put("dueDate", date(document.dueDate()));
        }
        final ObjectNode line = body.putArray("purchaseCreditMemoLines").addObject();
        line.put("lineType", "Account").put("lineObjectNumber", accounts.commissionAccount())
                .put("description", truncate(marketplace + " " + document.type() + " " + document.number(), 100))
                .put("quantity", BigDecimal.ONE).put("unitCost", document.amountExcludingTax().abs());
        return body;
    }

    /**
     * Creates the purchase invoice of an operator invoice, or the purchase credit memo of a credit note, unless one with its
     * key exists for the marketplace's vendor.
     */
    public Booking bookInvoice(final PeriodSettlement.Document document) {
        final String key = PeriodSettlement.documentKey(marketplace, document);
        if (document.creditNote()) {
            return book(key, "purchaseCreditMemos", "vendorCreditMemoNumber", purchaseCreditMemoBody(document));
        }
        if (document.amountExcludingTax().signum() < 0) {
            return new Booking(key, Result.NOT_BOOKED, null, "NEGATIVE_INVOICE");
        }
        return book(key, "purchaseInvoices", "vendorInvoiceNumber", purchaseInvoiceBody(document));
    }

    private Booking book(final String key, final String entitySet, final String keyField, final ObjectNode body) {
        final List<JsonNode> existing = client.getAll(uri(entitySet, ODataFilter.and(
                ODataFilter.eq(keyField, key), ODataFilter.eq("vendorNumber", accounts.vendorNumber())), "id,number"), 10);
        if (!existing.isEmpty()) {
            return new Booking(key, Result.ALREADY_BOOKED, existing.get(0).path("number").asText(), null);
        }
        final JsonNode created = client.post(client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, entitySet)), body);
        return new Booking(key, Result.CREATED, created.path("number").asText(), null);
    }

    /**
     * Creates the settlement's journal lines in one atomic batch unless the journal already has lines of its document number,
     * or the general ledger has entries of it (the lines were posted).
     */
    public Booking bookSettlement(final PeriodSettlement settlement) {
        final String documentNumber = settlementDocumentNumber(settlement);
        final List<JsonNode> journals = client.getAll(uri("journals", ODataFilter.eq("code", accounts.journalCode()), "id,code"), 10);
        if (journals.isEmpty()) {
            throw new ApiException(ErrorClass.PERMANENT, 404, "JOURNAL_NOT_FOUND", "No general journal " + accounts.journalCode() + " in the company");
        }
        // posted lines have left the journal: the ledger remembers the document number
        final java.net.URI posted = java.net.URI.create(uri("generalLedgerEntries", ODataFilter.eq("documentNumber", documentNumber), "id") + "&$top=1");
        if (!client.get(posted, 0).path("value").isEmpty()) {
            return new Booking(documentNumber, Result.ALREADY_BOOKED, documentNumber, "POSTED");
        }
        final String journalPath = BusinessCentralEndpoint.companyPath(companyId, "journals(" + journals.get(0).path("id").asText() + ")/journalLines");
        final List<JsonNode> existing = client.getAll(client.endpoint().resolve(journalPath + "?$filter="
                + ODataFilter.encode(ODataFilter.eq("documentNumber", documentNumber))), 10);
        if (!existing.isEmpty()) {
            return new Booking(documentNumber, Result.ALREADY_BOOKED, documentNumber, null);
        }
        final List<BatchOperation> operations = new ArrayList<>();
        for (final ObjectNode line : journalLineBodies(settlement)) {
            operations.add(BatchOperation.post(Integer.toString(operations.size() + 1), journalPath, line));
        }
        for (final BatchResult result : client.batch(operations, true, false)) {
            if (!result.isSuccess()) {
                throw new ApiException(result.isTransient() ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT, result.status(),
                        result.errorCode(), "Journal line refused: " + result.errorMessage());
            }
        }
        return new Booking(documentNumber, Result.CREATED, documentNumber, null);
    }

    private static void addLine(final List<ObjectNode> lines, final String accountType, final String account, final BigDecimal amount,
                                final String documentNumber, final String postingDate, final String description) {
        if (amount.signum() == 0) {
            return;
        }
        final ObjectNode line = BusinessCentralClient.MAPPER.createObjectNode();
        line.put("accountType", accountType).put("accountNumber", account).put("postingDate", postingDate)
                .put("documentNumber", documentNumber).put("amount", amount).put("description", truncate(description, 100));
        lines.add(line);
    }

    private java.net.URI uri(final String entitySet, final String filter, final String select) {
        return client.endpoint().resolve(BusinessCentralEndpoint.companyPath(companyId, entitySet) + "?$filter=" + ODataFilter.encode(filter)
                + "&$select=" + select);
    }

    private static String date(final String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }

    private static String truncate(final String value, final int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
