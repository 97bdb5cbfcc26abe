package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.order.Amount;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of a marketplace period (the « bilan »): from the period's transaction lines (TL02) and accounting
 * documents (IV01), what the orders brought in, what the operator took (commissions and their VAT, subscriptions,
 * other invoices), what it gave back (refunds, credit notes), what it paid out, and the net per order, so that the
 * payout can be reconciled with the orders booked in the ERP.
 * Amounts are signed as on the seller's marketplace balance: a sale is positive, a commission negative, a payout
 * (money leaving the balance for the seller's bank) negative.
 * {@code reference} is the marketplace's own id of the settlement when it has one (Amazon's settlement-id), null when
 * the period is ours (Mirakl's transaction log is cut in periods by the bundle).
 */
public record PeriodSettlement(String marketplace, Instant start, Instant end, String currency,
                               int orderCount, BigDecimal sales, BigDecimal refunds, BigDecimal commissions,
                               BigDecimal fees, BigDecimal credits, BigDecimal payouts, BigDecimal balance,
                               Map<String, BigDecimal> netByOrder, List<String> paymentDocuments, List<Document> documents,
                               String reference) {

    public PeriodSettlement(final String marketplace, final Instant start, final Instant end, final String currency, final int orderCount,
                            final BigDecimal sales, final BigDecimal refunds, final BigDecimal commissions, final BigDecimal fees,
                            final BigDecimal credits, final BigDecimal payouts, final BigDecimal balance, final Map<String, BigDecimal> netByOrder,
                            final List<String> paymentDocuments, final List<Document> documents) {
        this(marketplace, start, end, currency, orderCount, sales, refunds, commissions, fees, credits, payouts, balance, netByOrder,
                paymentDocuments, documents, null);
    }

    /** An accounting document of the period (IV01): an operator invoice (commissions, fees) or a credit note. */
    public record Document(String number, String type, String issueDate, String dueDate, String currency,
                           BigDecimal amountExcludingTax, BigDecimal amountIncludingTax, BigDecimal tax) {

        /** Credit notes reduce what the seller owes: the ERP books them as purchase credit memos, not invoices. */
        public boolean creditNote() {
            return type.endsWith("CREDIT");
        }
    }

    /** The document key the ERP knows an accounting document by: marketplace and Mirakl's document number. */
    public static String documentKey(final String marketplace, final Document document) {
        return marketplace.toUpperCase(java.util.Locale.ROOT) + "-" + document.number();
    }

    public static Document document(final JsonNode invoice) {
        final String number = invoice.hasNonNull("invoice_id") ? invoice.path("invoice_id").asText() : invoice.path("id").asText();
        final BigDecimal excluding = amount(invoice.path("total_amount_excl_taxes"));
        final BigDecimal including = amount(invoice.path("total_amount_incl_taxes"));
        return new Document(number, invoice.path("type").asText(), invoice.path("issue_date").asText(null),
                invoice.path("due_date").asText(null), invoice.path("currency_iso_code").asText(null), excluding, including,
                including.subtract(excluding));
    }

    /** Builds the summary; transaction lines of another currency than the first are refused rather than added up. */
    public static PeriodSettlement of(final String marketplace, final Instant start, final Instant end,
                                      final List<JsonNode> transactions, final List<JsonNode> invoices) {
        String currency = null;
        BigDecimal sales = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal commissions = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal payouts = BigDecimal.ZERO;
        BigDecimal balance = BigDecimal.ZERO;
        final Map<String, BigDecimal> netByOrder = new TreeMap<>();
        final List<String> paymentDocuments = new ArrayList<>();
        for (final JsonNode line : transactions) {
            final String lineCurrency = line.path("currency_iso_code").asText(null);
            if (currency == null) {
                currency = lineCurrency;
            } else if (lineCurrency != null && !lineCurrency.equals(currency)) {
                throw new IllegalArgumentException("transaction " + line.path("id").asText() + " is in " + lineCurrency + ", the period in " + currency);
            }
            final BigDecimal amount = amount(line.path("amount"));
            balance = balance.add(amount);
            final String type = line.path("type").asText();
            switch (category(type)) {
                case SALE -> sales = sales.add(amount);
                case REFUND -> refunds = refunds.add(amount);
                case COMMISSION -> commissions = commissions.add(amount);
                case FEE -> fees = fees.add(amount);
                case CREDIT -> credits = credits.add(amount);
                case PAYOUT -> {
                    payouts = payouts.add(amount);
                    if (line.hasNonNull("accounting_document_number")) {
                        paymentDocuments.add(line.path("accounting_document_number").asText());
                    }
                }
                case OTHER -> fees = fees.add(amount);
            }
            final String orderId = line.path("entities").path("order").path("id").asText(null);
            if (orderId != null && category(type) != Category.PAYOUT) {
                netByOrder.merge(orderId, amount, BigDecimal::add);
            }
        }
        final List<Document> documents = new ArrayList<>();
        invoices.forEach(invoice -> documents.add(document(invoice)));
        final long orders = transactions.stream().filter(t -> category(t.path("type").asText()) == Category.SALE)
                .map(t -> t.path("entities").path("order").path("id").asText("")).filter(id -> !id.isEmpty()).distinct().count();
        return new PeriodSettlement(marketplace, start, end, currency, (int) orders, sales, refunds, commissions, fees, credits,
                payouts, balance, new LinkedHashMap<>(netByOrder), paymentDocuments, documents);
    }

    enum Category { SALE, REFUND, COMMISSION, FEE, CREDIT, PAYOUT, OTHER }

    /** TL02 transaction types grouped as a seller's accountant reads them. */
    static Category category(final String type) {
        if (type.equals("PAYMENT")) {
            return Category.PAYOUT;
        }
        if (type.startsWith("REFUND_COMMISSION")) {
            return Category.COMMISSION;
        }
        if (type.startsWith("REFUND_")) {
            return Category.REFUND;
        }
        if (type.startsWith("ORDER_") || type.startsWith("OPERATOR_REMITTED_ORDER") || type.startsWith("OPERATOR_PAID_ORDER")) {
            return Category.SALE;
        }
        if (type.startsWith("COMMISSION_") || type.startsWith("PURCHASE_") && type.contains("COMMISSION")) {
            return Category.COMMISSION;
        }
        if (type.startsWith("MANUAL_CREDIT") || type.startsWith("INVOICEABLE_ONE_OFF_CREDIT")) {
            return Category.CREDIT;
        }
        if (type.startsWith("SUBSCRIPTION_") || type.startsWith("MANUAL_INVOICE") || type.startsWith("INVOICEABLE_ONE_OFF_DEBIT")) {
            return Category.FEE;
        }
        return Category.OTHER;
    }

    private static BigDecimal amount(final JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? BigDecimal.ZERO : Amount.parse(value.asText());
    }
}
