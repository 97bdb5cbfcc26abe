package io.nifiecommerce.amazon.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.mirakl.PeriodSettlement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settlement reports from the corpus ({@code corpus/manifest.json}, section {@code settlements}: third-party files
 * with their source and licence, and one written for this project) read as the manifest says, and the ways a
 * report can be wrong refused with the row and the reason.
 */
class SettlementReportParserTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static SettlementReport read(final String file) throws IOException, SettlementReportException {
        return SettlementReportParser.parse(new StringReader(Files.readString(CORPUS.resolve(file), StandardCharsets.UTF_8)));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusSettlementReadsAsTheManifestSays() throws IOException {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final JsonNode entry : MAPPER.readTree(CORPUS.resolve("manifest.json").toFile()).get("settlements")) {
            tests.add(DynamicTest.dynamicTest(entry.get("file").asText(), () -> {
                assertTrue(Files.isRegularFile(CORPUS.resolve(entry.get("licence_file").asText())), "licence file");
                final SettlementReport report = read(entry.get("file").asText());
                assertEquals(entry.get("settlement_id").asText(), report.settlementId());
                assertEquals(entry.get("currency").asText(), report.currency());
                assertEquals(Instant.parse(entry.get("start").asText()), report.start());
                assertEquals(Instant.parse(entry.get("end").asText()), report.end());
                assertEquals(new BigDecimal(entry.get("total_amount").asText()), report.totalAmount());
                assertEquals(entry.get("lines").asInt(), report.lines().size());
                assertEquals(new BigDecimal(entry.get("sum_of_lines").asText()), report.sumOfLines());
                assertEquals(Instant.parse(entry.get("first_posted").asText()), report.lines().get(0).postedDate());
                final SettlementSummary summary = SettlementSummary.of("amazon-fr", report);
                assertEquals(entry.get("reconciled").asBoolean(), summary.reconciled(), "difference " + summary.difference());
                final JsonNode bilan = entry.get("bilan");
                if (bilan != null) {
                    final PeriodSettlement settlement = summary.settlement();
                    assertEquals(bilan.get("orderCount").asInt(), settlement.orderCount());
                    assertEquals(new BigDecimal(bilan.get("sales").asText()), settlement.sales());
                    assertEquals(new BigDecimal(bilan.get("refunds").asText()), settlement.refunds());
                    assertEquals(new BigDecimal(bilan.get("commissions").asText()), settlement.commissions());
                    assertEquals(new BigDecimal(bilan.get("fees").asText()), settlement.fees());
                    assertEquals(new BigDecimal(bilan.get("payouts").asText()), settlement.payouts());
                    assertEquals(new BigDecimal(bilan.get("balance").asText()), settlement.balance());
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void theFlatFileV2OfAnEuropeanMarketplaceGivesTheBilanAndNetPerOrder() throws Exception {
        final SettlementReport report = read("settlements/nifiecommerce-amazon-fr-v2-eu-dates.tsv");
        assertEquals(Instant.parse("2026-11-17T00:00:00Z"), report.depositDate());
        final SettlementLine refund = report.lines().get(9);
        assertEquals("Refund", refund.transactionType());
        assertEquals(12, refund.row());
        assertEquals(new BigDecimal("-49.90"), refund.amount());
        final PeriodSettlement settlement = SettlementSummary.of("amazon-fr", report).settlement();
        assertEquals("24288621291", settlement.reference());
        // order 1: sold 54.80, 11.72 of fees, 49.90 refunded with its commission given back and a 1.64 refund fee
        assertEquals(new BigDecimal("-0.24"), settlement.netByOrder().get("402-1000001-0000001"));
        // what the sales, refunds and Amazon's charges leave, less the reserve, is the deposit
        assertEquals(settlement.payouts().negate(), settlement.sales().add(settlement.refunds()).add(settlement.commissions())
                .add(settlement.fees()).subtract(settlement.balance()));
    }

    @Test
    void theOlderFlatFileGivesOneLinePerFilledAmountColumn() throws Exception {
        final SettlementReport report = read("settlements/airbyte-GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.tsv");
        assertEquals(List.of("ItemPrice", "ItemFees"), report.lines().stream().map(SettlementLine::amountType).toList());
        assertEquals(List.of("Principal", "FBAPerUnitFulfillmentFee"), report.lines().stream().map(SettlementLine::amountDescription).toList());
        assertEquals("SKU-1", report.lines().get(1).sku());
        // an excerpt: its amounts are far from the settlement's total
        assertEquals(new BigDecimal("-1217.79"), SettlementSummary.of("amazon-us", report).difference());
    }

    @Test
    void datesInEveryFormFoundInTheWild() {
        final Instant expected = Instant.parse("2019-06-20T07:42:52Z");
        for (final String text : List.of("2019-06-20 07:42:52 UTC", "20.06.2019 07:42:52 UTC", "2019-06-20T07:42:52+00:00",
                "2019-06-20T07:42:52Z", "2019-06-20T09:42:52+02:00", "2019-06-20T07:42:52.000Z", "2019-06-20 00:42:52 PDT")) {
            assertEquals(expected, ReportDates.parse(text), text);
        }
        assertEquals(Instant.parse("2019-06-20T00:00:00Z"), ReportDates.parse("20.06.2019"));
        assertEquals(Instant.parse("2019-06-20T00:00:00Z"), ReportDates.parse("2019-06-20"));
        assertTrue(assertThrows(java.time.format.DateTimeParseException.class, () -> ReportDates.parse("09/06/25")).getMessage()
                .contains("cannot be told"));
        assertThrows(java.time.format.DateTimeParseException.class, () -> ReportDates.parse("31.02.2019 07:42:52 UTC"));
        assertThrows(java.time.format.DateTimeParseException.class, () -> ReportDates.parse("2019-06-20 07:42:52 XYZT"));
    }

    @Test
    void amountsWithDecimalCommasAndThousandsSeparators() {
        assertEquals(new BigDecimal("-3.22"), ReportAmounts.parse("-3,22"));
        assertEquals(new BigDecimal("-3.22"), ReportAmounts.parse("-3.22"));
        assertEquals(new BigDecimal("1234.56"), ReportAmounts.parse("1.234,56"));
        assertEquals(new BigDecimal("1234.56"), ReportAmounts.parse("1,234.56"));
        assertEquals(new BigDecimal("16630.13"), ReportAmounts.parse("16630.13"));
        assertEquals(new BigDecimal("12"), ReportAmounts.parse("12"));
        assertThrows(NumberFormatException.class, () -> ReportAmounts.parse("1,234"));
        assertThrows(NumberFormatException.class, () -> ReportAmounts.parse("12.3,4"));
        assertThrows(NumberFormatException.class, () -> ReportAmounts.parse("-19,3,5"));
        assertEquals(new BigDecimal("1234567"), ReportAmounts.parse("1.234.567"));
        assertThrows(NumberFormatException.class, () -> ReportAmounts.parse("abc"));
    }

    @Test
    void aReportThatCannotBeReadWholeIsRefusedWithItsRowAndReason() throws Exception {
        final String good = Files.readString(CORPUS.resolve("settlements/nifiecommerce-amazon-fr-v2-eu-dates.tsv"), StandardCharsets.UTF_8);
        final String[] rows = good.split("\n");
        assertRefused("BAD_AMOUNT", 5, replaceRow(rows, 4, rows[4].replace("-8,22", "-8,2x2")));
        assertRefused("BAD_ROW", 6, replaceRow(rows, 5, rows[5] + "\textra"));
        assertRefused("OTHER_SETTLEMENT", 7, replaceRow(rows, 6, rows[6].replaceFirst("24288621291", "24288621292")));
        assertRefused("BAD_ROW", 8, replaceRow(rows, 7, rows[7].replace("\t-2,00\t", "\t\t")));
        assertRefused("BAD_DATE", 2, replaceRow(rows, 1, rows[1].replace("01.11.2026 00:00:00 UTC", "11/01/26")));
        assertRefused("BAD_ROW", 2, replaceRow(rows, 1, rows[1].replace("82,70", "")));
        assertRefused("NOT_A_SETTLEMENT_REPORT", 1, "order-id\tsku\tamount\n1\tA\t2.00\n");
        assertRefused("NOT_A_SETTLEMENT_REPORT", 0, "");
        assertRefused("NOT_A_SETTLEMENT_REPORT", 0, rows[0] + "\n");
    }

    @Test
    void windowsLineEndsAByteOrderMarkAndBlankLinesAreRead() throws Exception {
        final String good = Files.readString(CORPUS.resolve("settlements/nifiecommerce-amazon-fr-v2-eu-dates.tsv"), StandardCharsets.UTF_8);
        final SettlementReport report = SettlementReportParser.parse(new StringReader("\uFEFF" + good.replace("\n", "\r\n") + "\r\n\r\n"));
        assertEquals(15, report.lines().size());
        assertEquals(new BigDecimal("82.70"), report.totalAmount());
        assertNull(SettlementReportParser.parse(new StringReader(good.replace("17.11.2026 00:00:00 UTC", ""))).depositDate());
        assertFalse(report.lines().isEmpty());
    }

    private static String replaceRow(final String[] rows, final int index, final String row) {
        final String[] copy = rows.clone();
        copy[index] = row;
        return String.join("\n", copy) + "\n";
    }

    private static void assertRefused(final String code, final int row, final String text) {
        final SettlementReportException e = assertThrows(SettlementReportException.class,
                () -> SettlementReportParser.parse(new StringReader(text)));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(row, e.row(), e.getMessage());
    }
}
