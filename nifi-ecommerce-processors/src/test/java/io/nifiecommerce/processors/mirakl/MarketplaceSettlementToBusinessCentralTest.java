package io.nifiecommerce.processors.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.mirakl.MiraklClient;
import io.nifiecommerce.mirakl.MiraklSellerApi;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.mirakl.ManualClock;
import io.nifiecommerce.sandbox.mirakl.MiraklShop;
import io.nifiecommerce.sandbox.mirakl.MiraklSimulator;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A marketplace period read from the Mirakl simulator and booked in the BC simulator, twice: once only in BC. */
class MarketplaceSettlementToBusinessCentralTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private HttpServer mirakl;
    private HttpServer bcServer;

    @AfterEach
    void stop() {
        mirakl.stop(0);
        bcServer.stop(0);
    }

    private JsonNode settlementOfOnePeriod() throws Exception {
        return settlementOfOnePeriod(null);
    }

    private JsonNode settlementOfOnePeriod(final BigDecimal manualCredit) throws Exception {
        final MiraklShop shop = new MiraklShop("2001", "Maison Dupont", clock, Duration.ZERO);
        final MiraklSimulator simulator = new MiraklSimulator(shop, "key", 1000, null);
        mirakl = simulator.serve();
        final MiraklSellerApi api = new MiraklSellerApi(new MiraklClient(URI.create("http://127.0.0.1:" + mirakl.getAddress().getPort()), "key",
                null, new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), RetryPolicy.DEFAULT), Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            final String id = shop.placeOrder("90" + i, null, new MiraklShop.NewCustomer("Jean", "Petit", "5 quai", "33000", "Bordeaux", "FRA"),
                    List.of(new MiraklShop.NewLine("SKU-1", "Lampe", 1, new BigDecimal("49.00"), new BigDecimal("5.00"), new BigDecimal("0.15"))));
            api.acceptLines(id, Map.of(id + "-1", true));
        }
        shop.ordersByState();
        if (manualCredit != null) {
            shop.issueManualCredit(manualCredit, "Geste commercial");
        }
        clock.advance(Duration.ofHours(1));
        shop.closeBillingCycle().orElseThrow();

        final FetchMiraklSettlement fetch = new FetchMiraklSettlement();
        fetch.setClock(Clock.offset(clock, Duration.ofDays(1)));
        final TestRunner runner = TestRunners.newTestRunner(fetch);
        final StandardMiraklConnectionService connection = new StandardMiraklConnectionService();
        runner.addControllerService("mirakl", connection);
        runner.setProperty(connection, StandardMiraklConnectionService.INSTANCE_URL, "http://127.0.0.1:" + mirakl.getAddress().getPort());
        runner.setProperty(connection, StandardMiraklConnectionService.API_KEY, "key");
        runner.setProperty(connection, StandardMiraklConnectionService.MARKETPLACE, "carrefour");
        runner.enableControllerService(connection);
        runner.setProperty(FetchMiraklSettlement.MIRAKL_CONNECTION, "mirakl");
        runner.setProperty(FetchMiraklSettlement.INITIAL_START_DATE, "2026-11-20T00:00:00Z");
        runner.run();
        return MAPPER.readTree(runner.getFlowFilesForRelationship(FetchMiraklSettlement.REL_SUCCESS).get(0).toByteArray());
    }

    private BcCompany company;

    private TestRunner bookingRunner() throws Exception {
        final SettlementBooking booking = SettlementBooking.start("MKT-CARREFOUR", "V-CARREFOUR", "Carrefour Marketplace");
        bcServer = booking.server();
        company = booking.company();
        return booking.runner();
    }

    @Test
    void invoicesAndThePeriodAreBookedOnceAndBalance() throws Exception {
        final JsonNode settlement = settlementOfOnePeriod();
        final TestRunner runner = bookingRunner();

        runner.enqueue(MAPPER.writeValueAsBytes(settlement));
        runner.enqueue(MAPPER.writeValueAsBytes(settlement));
        runner.run(2);
        runner.assertAllFlowFilesTransferred(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS, 2);
        final List<MockFlowFile> out = runner.getFlowFilesForRelationship(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS);
        out.get(0).assertAttributeEquals("settlement.invoices.created", "1");
        out.get(0).assertAttributeEquals("settlement.document.number", "CARREFOUR-20261120");
        out.get(1).assertAttributeEquals("settlement.invoices.created", "0");
        assertEquals("ALREADY_BOOKED", MAPPER.readTree(out.get(1).toByteArray()).path("bookings").get(1).path("result").asText());

        final List<JsonNode> invoices = company.purchaseInvoices();
        assertEquals(1, invoices.size());
        final JsonNode invoice = invoices.get(0);
        assertEquals("CARREFOUR-1001", invoice.path("vendorInvoiceNumber").asText());
        // 3 x 15 % of 49.00 = 22.05 of commissions, VAT 20 % on top
        assertEquals(0, new BigDecimal("22.05").compareTo(invoice.path("totalAmountExcludingTax").decimalValue()));
        assertEquals(0, new BigDecimal("26.46").compareTo(invoice.path("totalAmountIncludingTax").decimalValue()));

        final List<JsonNode> lines = company.journalLines();
        assertEquals(3, lines.size(), "customer, vendor, bank; the balance is zero after the payout so no clearing line");
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode line : lines) {
            sum = sum.add(line.path("amount").decimalValue());
        }
        assertEquals(0, sum.signum(), "the lines balance");
        assertEquals(0, new BigDecimal("-162.00").compareTo(lines.get(0).path("amount").decimalValue()), "3 x (49.00 + 5.00) credited to the customer");
        assertEquals(0, new BigDecimal("26.46").compareTo(lines.get(1).path("amount").decimalValue()), "the commission invoice settled");
        assertEquals(0, new BigDecimal("135.54").compareTo(lines.get(2).path("amount").decimalValue()), "the payout");
    }

    @Test
    void aCreditNoteBecomesAPurchaseCreditMemoOnceAndTheVendorSettles() throws Exception {
        final JsonNode settlement = settlementOfOnePeriod(new BigDecimal("10.00"));
        final TestRunner runner = bookingRunner();
        runner.enqueue(MAPPER.writeValueAsBytes(settlement));
        runner.enqueue(MAPPER.writeValueAsBytes(settlement));
        runner.run(2);
        runner.assertAllFlowFilesTransferred(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS, 2);
        final List<JsonNode> memos = company.purchaseCreditMemos();
        assertEquals(1, memos.size(), "booked once whatever the replays");
        final JsonNode credit = settlement.path("documents").get(0);
        assertEquals("MANUAL_CREDIT", credit.path("type").asText());
        assertEquals(credit.path("key").asText(), memos.get(0).path("vendorCreditMemoNumber").asText());
        assertEquals("V-CARREFOUR", memos.get(0).path("vendorNumber").asText());
        assertEquals(0, new BigDecimal("12.00").compareTo(memos.get(0).path("totalAmountIncludingTax").decimalValue()), "10.00 + 20 % VAT");
        final JsonNode second = MAPPER.readTree(runner.getFlowFilesForRelationship(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS).get(1).toByteArray());
        assertEquals("ALREADY_BOOKED", second.path("bookings").get(0).path("result").asText());
        // the vendor line of the journal is what the operator kept net of the credit: invoice 26.46 less credit 12.00
        final JsonNode vendorLine = company.journalLines().stream().filter(l -> l.path("accountType").asText().equals("Vendor")).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("14.46").compareTo(vendorLine.path("amount").decimalValue()));
    }

    @Test
    void aSettlementReplayedAfterItsJournalWasPostedIsNotBookedAgain() throws Exception {
        final JsonNode settlement = settlementOfOnePeriod();
        final TestRunner runner = bookingRunner();
        runner.enqueue(MAPPER.writeValueAsBytes(settlement));
        runner.run();
        assertEquals(3, company.postJournal("MARKETPL"), "the accountant posts the journal");
        assertEquals(0, company.journalLines().size());
        runner.enqueue(MAPPER.writeValueAsBytes(settlement));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS, 2);
        assertEquals(0, company.journalLines().size(), "nothing booked again");
        assertEquals(3, company.generalLedgerEntries().size());
        final JsonNode replay = MAPPER.readTree(runner.getFlowFilesForRelationship(PutBusinessCentralMarketplaceSettlement.REL_SUCCESS).get(1).toByteArray());
        assertEquals("POSTED", replay.path("bookings").get(1).path("reason").asText());
    }
}
