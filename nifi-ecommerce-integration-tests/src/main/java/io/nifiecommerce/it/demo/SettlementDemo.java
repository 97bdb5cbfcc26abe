package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.Variant;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The marketplace accounting of the demo: an Amazon.fr settlement report (flat file V2, as Seller Central writes it for a
 * European marketplace: dd.MM.yyyy dates, decimal commas) of orders of the shop's catalogue, with Amazon's commissions, an
 * FBA fee, a refund, the subscription and a reserve, dropped for the marketplace flow to reconcile and book; the
 * Amazon customer and vendor in BC. Its figures: the settlement's journal lines in BC once and balanced, the marketplace
 * invoices and credit memos in BC once each.
 */
final class SettlementDemo {

    static final String MARKETPLACE = "amazon-fr";
    static final String BC_PARTY = "MKT-AMAZON";
    static final String SETTLEMENT_ID = "24288621291";
    static final String DOCUMENT_NUMBER = "AMAZONFR-" + SETTLEMENT_ID;

    private static final DateTimeFormatter EU = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final BigDecimal COMMISSION = new BigDecimal("0.15");
    private static final String[] COLUMNS = ("settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency "
            + "transaction-type order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type amount-description amount "
            + "fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id merchant-adjustment-item-id sku "
            + "quantity-purchased promotion-id").split(" ");

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final MiraklBilling mirakl;
    private BigDecimal deposit = BigDecimal.ZERO;

    private SettlementDemo(final MiraklBilling mirakl) {
        this.mirakl = mirakl;
    }

    /** Seeds Amazon's customer and vendor in BC, and drops the settlement report where the flow lists them. */
    static SettlementDemo prepare(final Sandbox sandbox, final Path work) throws IOException {
        final BcCompany bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        bc.putCustomer(BC_PARTY, "Amazon EU", "marketplace@amazon.example", null);
        bc.putVendor(BC_PARTY, "Amazon EU S.a r.l.");
        final SettlementDemo demo = new SettlementDemo(new MiraklBilling(sandbox.marketplace().shop()));
        final Path input = Files.createDirectories(work.resolve("amazon-settlements"));
        try (var stale = Files.list(input)) {
            for (final Path file : stale.toList()) {
                Files.delete(file);
            }
        }
        demo.parameters.put("amazon.settlement.input.directory", input.toString());
        demo.parameters.put("amazon.settlement.archive.directory", Files.createDirectories(work.resolve("archive/amazon-settlements")).toString());
        demo.parameters.put("amazon.settlement.marketplace.code", MARKETPLACE);
        demo.parameters.put("bc.amazon.customer", BC_PARTY);
        demo.parameters.put("bc.amazon.vendor", BC_PARTY);
        // written aside, then moved in whole: the flow never lists half a report
        final Path draft = work.resolve("settlement-" + SETTLEMENT_ID + ".txt");
        Files.writeString(draft, demo.report(sandbox.seed().variants(), LocalDate.now(ZoneOffset.UTC)), StandardCharsets.UTF_8);
        Files.move(draft, input.resolve(draft.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        return demo;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    /** One step of the marketplace operators: Mirakl closes its billing cycle once the orders are debited. */
    void step() {
        mirakl.step();
    }

    /**
     * The settlement is in BC: its journal lines (or, once posted, its G/L entries) balance and amount to the deposit; and
     * the Mirakl operator's invoice and credit note are in BC.
     */
    boolean complete(final BcCompany bc) {
        return reconciled(bc) && mirakl.booked(bc);
    }

    private boolean reconciled(final BcCompany bc) {
        final List<JsonNode> lines = linesOf(bc);
        return !lines.isEmpty() && sum(lines).signum() == 0 && bankLine(lines).compareTo(deposit) == 0;
    }

    /** The figures of the JSON summary's {@code marketplaceAccounting} section. */
    void addTo(final ObjectNode json, final BcCompany bc) {
        final List<JsonNode> lines = linesOf(bc);
        final ObjectNode section = json.putObject("marketplaceAccounting");
        section.put("settlementsDropped", 1);
        section.put("settlementsReconciled", reconciled(bc) ? 1 : 0);
        section.put("settlementDocumentNumber", DOCUMENT_NUMBER);
        section.put("settlementJournalLines", lines.size());
        section.put("settlementDeposit", deposit.toPlainString());
        final List<String> keys = new ArrayList<>();
        bc.purchaseInvoices().forEach(invoice -> keys.add("invoice " + invoice.path("vendorInvoiceNumber").asText()));
        bc.purchaseCreditMemos().forEach(memo -> keys.add("credit " + memo.path("vendorCreditMemoNumber").asText()));
        section.put("invoicesIssued", mirakl.issued().size());
        section.put("invoicesInBusinessCentral", keys.size());
        section.put("issuedInvoicesBooked", mirakl.booked(bc));
        section.put("invoiceDuplicates", keys.size() - keys.stream().distinct().count());
    }

    private static List<JsonNode> linesOf(final BcCompany bc) {
        final List<JsonNode> lines = new ArrayList<>();
        bc.journalLines().stream().filter(line -> DOCUMENT_NUMBER.equals(line.path("documentNumber").asText())).forEach(lines::add);
        return lines;
    }

    private static BigDecimal sum(final List<JsonNode> lines) {
        return lines.stream().map(line -> line.path("amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal bankLine(final List<JsonNode> lines) {
        return lines.stream().filter(line -> line.path("accountType").asText().equals("Bank Account"))
                .map(line -> line.path("amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Three orders of the catalogue, the first one refunded, the subscription and a reserve; the total is their sum. */
    private String report(final List<Variant> variants, final LocalDate today) {
        final LocalDate start = today.minusDays(15);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final Variant variant = variants.get((i * 7) % variants.size());
            final String order = "402-" + (1000001 + i) + "-000000" + (i + 1);
            final String day = start.plusDays(2 + 3 * i).format(EU);
            final BigDecimal price = Objects.requireNonNull(variant.price());
            rows.add(row("Order", order, "ItemPrice", "Principal", price, day, variant.sku()));
            rows.add(row("Order", order, "ItemFees", "Commission", commission(price).negate(), day, variant.sku()));
            if (i == 0) {
                rows.add(row("Order", order, "ItemFees", "FBAPerUnitFulfillmentFee", new BigDecimal("-3.50"), day, variant.sku()));
                final String refundDay = start.plusDays(12).format(EU);
                rows.add(row("Refund", order, "ItemPrice", "Principal", price.negate(), refundDay, variant.sku()));
                rows.add(row("Refund", order, "ItemFees", "Commission", commission(price), refundDay, variant.sku()));
                rows.add(row("Refund", order, "ItemFees", "RefundCommission", commission(price).multiply(new BigDecimal("0.20"))
                        .setScale(2, RoundingMode.HALF_UP).negate(), refundDay, variant.sku()));
            }
        }
        rows.add(row("other-transaction", "", "other-transaction", "Subscription Fee", new BigDecimal("-39.00"), today.minusDays(1).format(EU), ""));
        rows.add(row("other-transaction", "", "other-transaction", "Previous Reserve Amount Balance", new BigDecimal("12.00"), start.format(EU), ""));
        rows.add(row("other-transaction", "", "other-transaction", "Current Reserve Amount", new BigDecimal("-15.00"), today.format(EU), ""));
        BigDecimal total = BigDecimal.ZERO;
        for (final Map<String, String> row : rows) {
            total = total.add(new BigDecimal(row.get("amount").replace(',', '.')));
        }
        deposit = total;
        final Map<String, String> header = new HashMap<>();
        header.put("settlement-id", SETTLEMENT_ID);
        header.put("settlement-start-date", start.format(EU) + " 00:00:00 UTC");
        header.put("settlement-end-date", today.format(EU) + " 00:00:00 UTC");
        header.put("deposit-date", today.plusDays(2).format(EU) + " 00:00:00 UTC");
        header.put("total-amount", comma(total));
        header.put("currency", "EUR");
        final StringBuilder text = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
        text.append(line(header));
        rows.forEach(row -> text.append(line(row)));
        return text.toString();
    }

    private static BigDecimal commission(final BigDecimal price) {
        return price.multiply(COMMISSION).setScale(2, RoundingMode.HALF_UP);
    }

    private static Map<String, String> row(final String transaction, final String order, final String amountType, final String description,
                                           final BigDecimal amount, final String day, final String sku) {
        final Map<String, String> row = new HashMap<>();
        row.put("settlement-id", SETTLEMENT_ID);
        row.put("transaction-type", transaction);
        row.put("order-id", order);
        row.put("marketplace-name", "Amazon.fr");
        row.put("amount-type", amountType);
        row.put("amount-description", description);
        row.put("amount", comma(amount));
        row.put("posted-date", day);
        row.put("posted-date-time", day + " 10:15:02 UTC");
        row.put("sku", sku);
        row.put("quantity-purchased", sku.isEmpty() || transaction.equals("Refund") ? "" : "1");
        return row;
    }

    private static String line(final Map<String, String> values) {
        final List<String> cells = new ArrayList<>();
        for (final String column : COLUMNS) {
            cells.add(values.getOrDefault(column, ""));
        }
        return String.join("\t", cells) + "\n";
    }

    private static String comma(final BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }
}
