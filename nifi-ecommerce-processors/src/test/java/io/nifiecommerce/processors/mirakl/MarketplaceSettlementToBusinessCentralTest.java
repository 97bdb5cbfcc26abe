package io.nifiecommerce.processors.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.mirakl.MiraklClient;
import io.nifiecommerce.mirakl.MiraklSellerApi;
import io.nifiecommerce.processors.businesscentral.BusinessCentralTestSupport;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
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

    @Test
    void invoicesAndThePeriodAreBookedOnceAndBalance() throws Exception {
        final JsonNode settlement = settlementOfOnePeriod();
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator bc = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.all(0), 1, stats), stats);
        final BcCompany company = bc.createCompany("CRONUS FR");
        company.putCustomer("MKT-CARREFOUR", "Carrefour Marketplace", null, null);
        company.putVendor("V-CARREFOUR", "Carrefour Marketplace");
        company.putJournal("MARKETPL", "Marketplaces");

        final TestRunner runner = TestRunners.newTestRunner(new PutBusinessCentralMarketplaceSettlement());
        bcServer = BusinessCentralTestSupport.connectToSimulator(runner, bc, "CRONUS FR", "10 sec", "3");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.BC_CONNECTION, "bc");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.CUSTOMER, "MKT-CARREFOUR");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.VENDOR, "V-CARREFOUR");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.COMMISSION_ACCOUNT, "6226");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.BANK_ACCOUNT, "BNP");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.CLEARING_ACCOUNT, "4678");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.JOURNAL, "MARKETPL");

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
}
