package io.nifiecommerce.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.it.demo.ConvergenceBound;
import io.nifiecommerce.it.demo.DemoOptions;
import io.nifiecommerce.it.demo.DemoRun;
import io.nifiecommerce.it.demo.EdiReport;
import io.nifiecommerce.it.demo.LifecycleReport;
import io.nifiecommerce.it.demo.MasterDataReport;
import io.nifiecommerce.it.demo.SyncReport;
import io.nifiecommerce.it.nifi.NiFiInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's path with faults injected, in the real NiFi: the shop empty until the nightly master-data run fills it
 * from Business Central, then the flow definitions imported with their parameters pointing at the sandbox, which fails 10% of its answers on purpose (throttling,
 * 5xx, timeouts, resets, malformed bodies, lost acknowledgements). Every shop order must reach
 * Business Central exactly once for the same amount, marketplace orders too, stock in the shop must
 * equal its sources, shipped orders must carry their tracking in Shopify, and no secret may show in
 * NiFi's logs, repositories or exported flow definitions.
 */
@ExtendWith(RealNiFi.class)
class DemoEndToEndIT {

    private static DemoRun demo;
    private static SyncReport report;
    private static NiFiInstance nifi;

    @BeforeAll
    static void runTheDemo(final RealNiFi.Setup setup) throws Exception {
        nifi = setup.nifi();
        final DemoOptions options = new DemoOptions(40, 7, 0.10, true, ConvergenceBound.of(40, 0.10, 0), 0, true, 0);
        demo = new DemoRun(options, setup.repository(), System.out, nifi);
        report = demo.run();
        System.out.println("end-to-end: " + demo.summaryJson(report, report.complete() && demo.ediReport().complete(), null));
    }

    @AfterAll
    static void stopTheDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyOrderOnceStockEqualAndTrackingBackUnderFaults() {
        Converged.assertConverged(report);
        assertTrue(Converged.faults(report) > 0, "faults were injected");
    }

    /**
     * The EDI flow with the demo's 3PL and supermarket buyer: every EANCOM order in BC once and answered, every released
     * order sent to the 3PL once, every DESADV (partial ones and resent copies included) and the RECADV posted once.
     */
    @Test
    void ediOrdersShipmentsAndReceiptsOnce() {
        final EdiReport edi = demo.ediReport();
        assertAll(
                () -> assertEquals(edi.retailOrdersSent(), edi.retailOrdersInBc(), "every EANCOM order in Business Central"),
                () -> assertEquals(edi.retailOrdersSent(), edi.orderResponsesAccepted(), "every EANCOM order answered by an ORDRSP"),
                () -> assertEquals(edi.retailOrdersSent(), edi.shippingOrdersSent(), "every released order sent to the 3PL"),
                () -> assertEquals(0, edi.shippingOrdersResent(), "no shipping order sent twice"),
                () -> assertTrue(edi.desadvSent() > edi.shippingOrdersSent(), "partial shipments: a second DESADV for the rest"),
                () -> assertEquals(edi.desadvSent(), edi.shipmentsPosted(), "every DESADV posted once"),
                () -> assertEquals(edi.recadvSent(), edi.receiptsPosted(), "the RECADV posted once"),
                () -> assertTrue(edi.stockItemsReported() > 0, "the 3PL reported its stock (INVRPT)"),
                () -> assertEquals(edi.stockItemsReported(), edi.stockItemsMatching(), "BC's stock equals the 3PL's report after reconciliation"),
                () -> assertEquals(0, edi.stockAdjustmentsRepeated(), "the redelivered INVRPT adjusted nothing twice"),
                () -> assertEquals(0, edi.duplicates(), "nothing twice"));
    }

    /**
     * Issue #15: the shop started with no products nor B2B companies; the nightly master-data run made them from BC (items by
     * SKU with their title, price and status, the resellers' prices as a B2B price list, the flagged customers as companies by
     * externalId, their locations in the catalog of their price group), and the orders were placed on them.
     */
    @Test
    void theNightlyRunFilledTheEmptyShopAndTheOrdersUseWhatItMade() {
        final MasterDataReport master = demo.masterDataReport();
        assertAll(
                () -> assertTrue(master.itemsInBc() > 0, "BC holds items"),
                () -> assertEquals(master.itemsInBc(), master.productsMatching(), "every BC item is the product of its SKU: " + master.productProblems()),
                () -> assertTrue(master.priceLines() > 0, "BC holds B2B price lines"),
                () -> assertEquals(master.priceLines(), master.pricesMatching(), "every B2B price line is a fixed price of its group's price list"),
                () -> assertTrue(master.priceLists() > 0, "a B2B price list per customer price group"),
                () -> assertTrue(master.b2bCustomers() > 0, "BC holds customers flagged for the shop"),
                () -> assertEquals(master.b2bCustomers(), master.companiesMatching(), "every flagged BC customer is the company of its externalId"),
                () -> assertTrue(master.pricedCustomers() > 0, "flagged BC customers have a customer price group"),
                () -> assertEquals(master.pricedCustomers(), master.pricedCustomersInCatalog(),
                        "every flagged customer with a price group has its company's locations in the group's catalog"),
                () -> assertEquals(master.pricedLocations(), master.pricedLocationsInCatalog(), "every such location in its catalog"),
                () -> assertEquals(master.groupCatalogs(), master.groupCatalogsWithPriceList(), "each group's catalog has its price list"),
                () -> assertTrue(master.orderLines() > 0, "orders were placed"),
                () -> assertEquals(master.orderLines(), master.orderLinesOnSyncedVariants(), "every order line references a synced variant"),
                () -> assertTrue(master.b2bOrders() > 0, "B2B orders were placed"),
                () -> assertEquals(master.b2bOrders(), master.b2bOrdersOnSyncedCompanies(), "every B2B order is bought by a synced company"),
                () -> assertTrue(demo.summaryJson(report, true, null).contains("\"masterData\":{\"itemsInBusinessCentral\":" + master.itemsInBc()),
                        "the summary reports the master data"));
    }

    @Test
    void approvedB2bOrdersAreInBcOnceWithTheErpCarrierPriceInShopify() {
        final var b2b = report.b2b();
        assertTrue(b2b.approved() > 0, "the sales administration approved B2B drafts");
        assertAll(
                () -> assertEquals(0, report.b2bWaiting(), "no B2B draft left waiting or in flight"),
                () -> assertEquals(b2b.approved(), b2b.inBcOnce(), "every approved B2B order in Business Central once: " + b2b.problems()),
                () -> assertEquals(b2b.approved(), b2b.withErpCarrierPrice(), "every approved B2B order shows BC's carrier price: " + b2b.problems()),
                () -> assertEquals(b2b.approved(), report.b2bFulfilledWithTracking(),
                        "every approved B2B order, in BC under its draft's name, shipped and fulfilled with tracking in Shopify"));
    }

    @Test
    void cancellationsAndRefundsAreSettledOnceInBusinessCentral() {
        final LifecycleReport lifecycle = report.lifecycle();
        assertAll(
                () -> assertTrue(lifecycle.cancelled() > 0, "orders were cancelled"),
                () -> assertTrue(lifecycle.cancelledAfterBc() > 0, "some once Business Central held them"),
                () -> assertEquals(0, lifecycle.cancelledOpenInBc(), "no cancelled order left open in Business Central"),
                () -> assertTrue(lifecycle.refundsToCredit() > 0, "invoiced orders were refunded"),
                () -> assertEquals(lifecycle.refundsToCredit(), lifecycle.credited(), "every refund is a credit memo"),
                () -> assertEquals(0, lifecycle.creditMemoDuplicates(), "and only one"),
                () -> assertEquals(0, report.duplicates(), "no order twice"),
                () -> assertTrue(lifecycle.showingErpStatus() > 0, "orders show their BC number and state in the shop"));
    }

    /** The Amazon settlement report the demo drops: reconciled and booked once, balanced; marketplace invoices in BC once each. */
    @Test
    void theMarketplaceSettlementAndInvoicesAreBookedOnce() throws IOException {
        final JsonNode accounting = new ObjectMapper().readTree(demo.summaryJson(report, report.complete(), null)).path("marketplaceAccounting");
        assertAll(
                () -> assertEquals(1, accounting.path("settlementsReconciled").asInt(), "the settlement's journal lines balance to its deposit"),
                () -> assertTrue(accounting.path("settlementJournalLines").asInt() >= 3, "customer, vendor and bank lines: " + accounting),
                () -> assertEquals(2, accounting.path("invoicesIssued").asInt(), "Mirakl's commission invoice and credit note: " + accounting),
                () -> assertTrue(accounting.path("issuedInvoicesBooked").asBoolean(), "each issued document in BC: " + accounting),
                () -> assertEquals(2, accounting.path("invoicesInBusinessCentral").asInt(), "one purchase invoice, one credit memo: " + accounting),
                () -> assertEquals(0, accounting.path("invoiceDuplicates").asInt(), "marketplace invoices in BC once each"));
    }

    /** The Amazon orders the demo's warehouse shipped: each confirmed on Amazon once (one package), with the carrier's code and number. */
    @Test
    void amazonOrdersShippedAreConfirmedOnAmazonOnce() throws IOException {
        final JsonNode shipments = new ObjectMapper().readTree(demo.summaryJson(report, report.complete(), null)).path("amazonShipments");
        final int shipped = shipments.path("ordersShipped").asInt();
        assertAll(
                () -> assertTrue(shipped > 0, "Amazon orders shipped by the seller: " + shipments),
                () -> assertEquals(shipped, shipments.path("confirmedOnAmazon").asInt(), "each Shipped on Amazon: " + shipments),
                () -> assertEquals(0, shipments.path("packageDuplicates").asInt(), "one package per parcel: " + shipments),
                () -> assertEquals(shipped, shipments.path("trackingMatching").asInt(), "the parcel's tracking number on Amazon: " + shipments),
                () -> assertEquals("Colissimo", shipments.path("carrierCodes").asText(), "Amazon's carrier code: " + shipments));
    }

    @Test
    void secretsNeverReachLogsRepositoriesOrExportedDefinitions() throws IOException {
        final List<String> secrets = demo.secrets();
        assertFalse(secrets.isEmpty());
        for (final String group : demo.groups()) {
            final String exported = nifi.client().downloadFlowDefinition(group);
            assertTrue(exported.contains("shopify.access.token") || exported.contains("bc.client.secret"), "the export names its secrets");
            for (final String secret : secrets) {
                assertFalse(exported.contains(secret), "a secret in the exported definition of " + group);
            }
        }
        // everything NiFi wrote but its encrypted flow: logs, FlowFile, content, provenance and state repositories
        final List<Path> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(nifi.home())) {
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                final String relative = nifi.home().relativize(file).toString();
                if (relative.startsWith("lib") || relative.startsWith("work") || relative.startsWith("conf")) {
                    continue;
                }
                final String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (secrets.stream().anyMatch(content::contains)) {
                    leaks.add(file);
                }
            }
        }
        assertEquals(List.of(), leaks, "files of NiFi holding a secret in clear");
    }
}
