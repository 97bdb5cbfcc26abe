package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.processors.mirakl.PutBusinessCentralMarketplaceSettlement;
import io.nifiecommerce.processors.mirakl.SettlementBooking;
import io.nifiecommerce.sandbox.bc.BcCompany;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Amazon settlement reports from the corpus read by ParseAmazonSettlementReport and booked in the BC simulator by
 * PutBusinessCentralMarketplaceSettlement: once, balanced, not again after the journal is posted; a report that does not
 * reconcile goes to review and one that cannot be read to failure, unchanged.
 */
class AmazonSettlementToBusinessCentralTest {

    private static final Path SETTLEMENTS = Path.of("src", "test", "resources", "corpus", "settlements");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer bcServer;

    @AfterEach
    void stop() {
        if (bcServer != null) {
            bcServer.stop(0);
        }
    }

    private static TestRunner parser() {
        final TestRunner runner = TestRunners.newTestRunner(new ParseAmazonSettlementReport());
        runner.setProperty(ParseAmazonSettlementReport.MARKETPLACE, "amazon-fr");
        return runner;
    }

    private static byte[] corpus(final String file) throws Exception {
        return Files.readAllBytes(SETTLEMENTS.resolve(file));
    }

    @Test
    void aReconciledSettlementIsBookedOnceEvenAfterItsJournalWasPosted() throws Exception {
        final TestRunner parse = parser();
        parse.enqueue(corpus("nifiecommerce-amazon-fr-v2-eu-dates.tsv"));
        parse.run();
        parse.assertAllFlowFilesTransferred(ParseAmazonSettlementReport.REL_SUCCESS, 1);
        final MockFlowFile parsed = parse.getFlowFilesForRelationship(ParseAmazonSettlementReport.REL_SUCCESS).get(0);
        parsed.assertAttributeEquals("settlement.id", "24288621291");
        parsed.assertAttributeEquals("settlement.difference", "0.00");
        final JsonNode json = MAPPER.readTree(parsed.toByteArray());
        assertEquals("201.79", json.path("sales").asText());
        assertEquals("-82.70", json.path("payouts").asText());
        assertEquals("3.00", json.path("balance").asText(), "the reserve Amazon keeps");
        assertTrue(json.path("reconciliation").path("reconciled").asBoolean());

        final SettlementBooking booking = SettlementBooking.start("MKT-AMAZON-FR", "V-AMAZON-FR", "Amazon.fr");
        bcServer = booking.server();
        final BcCompany company = booking.company();
        final TestRunner book = booking.runner();

        book.enqueue(parsed.toByteArray());
        book.enqueue(parsed.toByteArray());
        book.run(2);
        book.assertAllFlowFilesTransferred(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS, 2);
        book.getFlowFilesForRelationship(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS).get(0)
                .assertAttributeEquals("settlement.document.number", "AMAZONFR-24288621291");
        final List<JsonNode> lines = company.journalLines();
        assertEquals(4, lines.size(), "customer, vendor, bank, and the reserve kept on Amazon");
        assertEquals(0, lines.stream().map(l -> l.path("amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add).signum());
        assertEquals(0, new BigDecimal("-151.89").compareTo(lines.get(0).path("amount").decimalValue()), "sales 201.79 net of refunds 49.90");
        assertEquals(0, new BigDecimal("66.19").compareTo(lines.get(1).path("amount").decimalValue()), "commissions 27.19 and fees 39.00");
        assertEquals(0, new BigDecimal("82.70").compareTo(lines.get(2).path("amount").decimalValue()), "the deposit");
        assertEquals(0, new BigDecimal("3.00").compareTo(lines.get(3).path("amount").decimalValue()), "the reserve");

        assertEquals(4, company.postJournal("MARKETPL"));
        book.enqueue(parsed.toByteArray());
        book.run();
        assertEquals(0, company.journalLines().size(), "a replay after posting books nothing");
        final JsonNode replay = MAPPER.readTree(book.getFlowFilesForRelationship(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS).get(2).toByteArray());
        assertEquals("ALREADY_BOOKED", replay.path("bookings").get(0).path("result").asText());
        assertEquals("POSTED", replay.path("bookings").get(0).path("reason").asText());
    }

    @Test
    void aSettlementThatDoesNotAddUpGoesToReviewWithTheDifference() throws Exception {
        final TestRunner parse = parser();
        parse.enqueue(corpus("airbyte-GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.tsv"));
        parse.enqueue(corpus("mws-rs-tdff-settlement.tsv"));
        parse.run(2);
        parse.assertAllFlowFilesTransferred(ParseAmazonSettlementReport.REL_REVIEW, 2);
        final MockFlowFile first = parse.getFlowFilesForRelationship(ParseAmazonSettlementReport.REL_REVIEW).get(0);
        first.assertAttributeEquals("error.code", "SETTLEMENT_MISMATCH");
        first.assertAttributeEquals("settlement.difference", "-1217.79");
        assertTrue(first.getAttribute("error.message").contains("1234.56"), first.getAttribute("error.message"));
        assertEquals("-1217.79", MAPPER.readTree(first.toByteArray()).path("reconciliation").path("difference").asText());
    }

    @Test
    void aReportThatCannotBeReadGoesToFailureUnchangedWithTheRow() throws Exception {
        final String good = new String(corpus("nifiecommerce-amazon-fr-v2-eu-dates.tsv"), StandardCharsets.UTF_8);
        final String bad = good.replace("-19,35", "-19,3,5");
        final TestRunner parse = parser();
        parse.enqueue(bad);
        parse.run();
        parse.assertAllFlowFilesTransferred(ParseAmazonSettlementReport.REL_FAILURE, 1);
        final MockFlowFile failed = parse.getFlowFilesForRelationship(ParseAmazonSettlementReport.REL_FAILURE).get(0);
        failed.assertContentEquals(bad);
        failed.assertAttributeEquals("error.code", "BAD_AMOUNT");
        assertTrue(failed.getAttribute("error.message").startsWith("row 11: amount"), failed.getAttribute("error.message"));
    }

    @Test
    void aGzipReportDocumentInIso88591IsRead() throws Exception {
        final String text = new String(corpus("nifiecommerce-amazon-fr-v2-eu-dates.tsv"), StandardCharsets.UTF_8)
                .replace("Subscription Fee", "Frais d'abonnement vendeur à la carte");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
        final TestRunner parse = parser();
        parse.enqueue(bytes.toByteArray());
        parse.run();
        parse.assertAllFlowFilesTransferred(ParseAmazonSettlementReport.REL_SUCCESS, 1);
        assertEquals("-39.00", MAPPER.readTree(parse.getFlowFilesForRelationship(ParseAmazonSettlementReport.REL_SUCCESS).get(0).toByteArray())
                .path("fees").asText());
        assertEquals(text, ParseAmazonSettlementReport.text(bytes.toByteArray()));
    }
}
