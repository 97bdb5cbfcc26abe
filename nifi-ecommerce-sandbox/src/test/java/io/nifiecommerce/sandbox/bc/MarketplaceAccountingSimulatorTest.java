package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * purchaseCreditMemos (APIV2PurchaseCreditMemos, deep-inserted lines) and generalLedgerEntries (APIV2GLEntries, read-only)
 * over HTTP, and a journal posted as the accountant posts it.
 */
class MarketplaceAccountingSimulatorTest {

    private HttpServer server;
    private BcCompany company;
    private BcTestClient client;

    @BeforeEach
    void start() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 7L, stats), stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        company = simulator.createCompany("CRONUS FR");
        company.putCustomer("MKT-AMAZON", "Amazon EU", null, null);
        company.putVendor("MKT-AMAZON", "Amazon EU");
        company.putJournal("MARKETPL", "Marketplaces");
        client = new BcTestClient(simulator.apiUrl("http://127.0.0.1:" + server.getAddress().getPort()), simulator.issueToken());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String set(final String entitySet) {
        return "companies(" + company.id() + ")/" + entitySet;
    }

    @Test
    void aPurchaseCreditMemoIsDeepInsertedWithItsVatAndFoundByItsVendorNumber() throws Exception {
        final ObjectNode memo = BcTestClient.MAPPER.createObjectNode().put("vendorNumber", "MKT-AMAZON").put("vendorCreditMemoNumber", "CARREFOUR-1002")
                .put("creditMemoDate", "2026-11-21");
        memo.putArray("purchaseCreditMemoLines").addObject().put("lineType", "Account").put("lineObjectNumber", "6226")
                .put("quantity", 1).put("unitCost", 10);
        final BcTestClient.Reply created = client.post(set("purchaseCreditMemos"), memo);
        assertEquals(201, created.status(), created.raw().body());
        assertTrue(created.json().path("number").asText().startsWith("P-CR"), created.raw().body());
        assertEquals(0, new BigDecimal("12.00").compareTo(created.json().path("totalAmountIncludingTax").decimalValue()));
        final JsonNode read = client.get(set("purchaseCreditMemos") + "?$filter=vendorCreditMemoNumber%20eq%20'CARREFOUR-1002'").json();
        assertEquals(1, read.path("value").size());
        final BcTestClient.Reply unknownVendor = client.post(set("purchaseCreditMemos"), memo.deepCopy().put("vendorNumber", "NOBODY"));
        assertEquals(400, unknownVendor.status(), unknownVendor.raw().body());
    }

    @Test
    void aPostedJournalLeavesGeneralLedgerEntriesByDocumentNumberAndAnUnbalancedOneIsRefused() throws Exception {
        final String journal = company.putJournal("MARKETPL", "Marketplaces").path("id").asText();
        final String lines = set("journals(" + journal + ")/journalLines");
        client.post(lines, line("Customer", "MKT-AMAZON", "-100.00", "AMAZONFR-1"));
        client.post(lines, line("Bank Account", "BNP", "100.00", "AMAZONFR-1"));
        assertEquals(2, company.postJournal("MARKETPL"));
        assertEquals(0, company.journalLines().size());
        final JsonNode entries = client.get(set("generalLedgerEntries") + "?$filter=documentNumber%20eq%20'AMAZONFR-1'&$top=1").json();
        assertEquals(1, entries.path("value").size());
        assertEquals(2, company.generalLedgerEntries().size());
        assertEquals(405, client.post(set("generalLedgerEntries"), BcTestClient.MAPPER.createObjectNode().put("documentNumber", "X")).status(),
                "the ledger is read-only");

        client.post(lines, line("Customer", "MKT-AMAZON", "-100.00", "AMAZONFR-2"));
        client.post(lines, line("Bank Account", "BNP", "99.99", "AMAZONFR-2"));
        assertTrue(assertThrows(BcApiError.class, () -> company.postJournal("MARKETPL")).getMessage().contains("out of balance"));
        assertEquals(2, company.journalLines().size(), "nothing posted");
    }

    private static ObjectNode line(final String accountType, final String account, final String amount, final String document) {
        return BcTestClient.MAPPER.createObjectNode().put("accountType", accountType).put("accountNumber", account)
                .put("amount", new BigDecimal(amount)).put("documentNumber", document).put("postingDate", "2026-11-15");
    }
}
