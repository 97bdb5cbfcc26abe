package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MiraklShipmentsAndSettlementTest {

    private static final Instant PERIOD_START = Instant.parse("2026-11-01T00:00:00Z");

    private MiraklSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new MiraklSandbox(1000);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Places the orders and accepts every line; the simulator debits at once, so they are SHIPPING. */
    private List<String> shippingOrders(final String... commercialIds) {
        final List<String> ids = java.util.Arrays.stream(commercialIds).map(id -> sandbox.order(id, MiraklSandbox.line("SKU-A", 2, "19.90"))).toList();
        for (final String id : ids) {
            sandbox.api().acceptLines(id, Map.of(id + "-1", true));
        }
        return ids;
    }

    @Test
    void aShipmentIsSentOnceWhateverTheReplays() {
        final List<String> ids = shippingOrders("7001", "7002");
        final MiraklShipments shipments = new MiraklShipments(sandbox.api(), Map.of("colissimo", "COLISSIMO"));
        final List<MiraklShipments.Shipment> parcels = List.of(
                new MiraklShipments.Shipment(ids.get(0), "colissimo", "6A12345678901", null),
                new MiraklShipments.Shipment(ids.get(0), "colissimo", "6A12345678902", null),
                new MiraklShipments.Shipment(ids.get(1), "tnt", "GE123456789FR", "https://www.tnt.fr/suivi/GE123456789FR"),
                new MiraklShipments.Shipment("9999-A", "colissimo", "6A00000000000", null));

        final List<MiraklShipments.Confirmation> first = shipments.confirm(parcels);
        assertEquals(List.of(MiraklShipments.Result.SHIPPED, MiraklShipments.Result.ALREADY_SHIPPED, MiraklShipments.Result.SHIPPED,
                MiraklShipments.Result.NOT_SHIPPABLE), first.stream().map(MiraklShipments.Confirmation::result).toList());
        final List<MiraklShipments.Confirmation> replay = shipments.confirm(parcels);
        assertEquals(List.of(MiraklShipments.Result.ALREADY_SHIPPED, MiraklShipments.Result.ALREADY_SHIPPED,
                MiraklShipments.Result.ALREADY_SHIPPED, MiraklShipments.Result.NOT_SHIPPABLE),
                replay.stream().map(MiraklShipments.Confirmation::result).toList());
        assertEquals(2L, sandbox.simulator.calls().get("OR23"));
        assertEquals(2L, sandbox.simulator.calls().get("OR24"));

        final List<MiraklOrder> orders = sandbox.api().ordersById(ids);
        assertEquals("COLISSIMO", orders.get(0).json().path("shipping_carrier_code").asText());
        assertEquals("6A12345678901", orders.get(0).json().path("shipping_tracking").asText());
        assertEquals("tnt", orders.get(1).json().path("shipping_company").asText(), "an unregistered carrier goes by name");
    }

    @Test
    void anOrderNotYetAcceptedIsNotShippedYet() {
        final String id = sandbox.order("7101", MiraklSandbox.line("SKU-A", 1, "19.90"));
        final List<MiraklShipments.Confirmation> result = new MiraklShipments(sandbox.api(), Map.of())
                .confirm(List.of(new MiraklShipments.Shipment(id, "colissimo", "6A1", null)));
        assertEquals(MiraklShipments.Result.NOT_YET_SHIPPABLE, result.get(0).result());
        assertEquals("WAITING_ACCEPTANCE", result.get(0).orderState());
    }

    @Test
    void thePeriodsSummaryReconcilesSalesCommissionsAndThePayout() {
        shippingOrders("8001", "8002", "8003");
        sandbox.clock.advance(Duration.ofHours(1));
        sandbox.shop.issueManualCredit(new BigDecimal("10.00"), "Geste commercial");
        sandbox.clock.advance(Duration.ofHours(1));
        final JsonNode invoice = sandbox.shop.closeBillingCycle().orElseThrow();
        sandbox.clock.advance(Duration.ofHours(1));

        final Instant end = sandbox.clock.instant();
        final List<JsonNode> lines = sandbox.api().transactionLines(PERIOD_START, end);
        final List<JsonNode> documents = sandbox.api().accountingDocuments(PERIOD_START, end);
        final PeriodSettlement settlement = PeriodSettlement.of("carrefour", PERIOD_START, end, lines, documents);

        // 3 orders of 2 x 19.90 + 4.90 shipping; commission 15 % of 39.80 = 5.97, VAT 1.19
        assertEquals(3, settlement.orderCount());
        assertEquals(new BigDecimal("134.10"), settlement.sales());
        assertEquals(new BigDecimal("-21.48"), settlement.commissions());
        assertEquals(new BigDecimal("12.00"), settlement.credits());
        assertEquals(new BigDecimal("-124.62"), settlement.payouts());
        assertEquals(0, settlement.balance().signum(), "after the payout the marketplace balance is zero");
        assertEquals(new BigDecimal("37.54"), settlement.netByOrder().get("8001-A"));
        assertEquals(List.of(invoice.path("invoice_id").asText()), settlement.paymentDocuments());

        assertEquals(List.of("MANUAL_CREDIT", "AUTO_INVOICE"), settlement.documents().stream().map(PeriodSettlement.Document::type).toList());
        final PeriodSettlement.Document commissionInvoice = settlement.documents().get(1);
        assertEquals(new BigDecimal("17.91"), commissionInvoice.amountExcludingTax());
        assertEquals(new BigDecimal("21.48"), commissionInvoice.amountIncludingTax());
        assertEquals(true, settlement.documents().get(0).creditNote());
    }

    @Test
    void transactionLinesAreReadAcrossSeekPages() {
        final String[] ids = new String[700];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Integer.toString(20000 + i);
        }
        shippingOrders(ids);
        final List<JsonNode> lines = sandbox.api().transactionLines(PERIOD_START, sandbox.clock.instant().plusSeconds(1));
        assertEquals(2800, lines.size(), "four lines per order (amount, shipping, commission, its VAT), 2000 a page");
        assertEquals(2L, sandbox.simulator.calls().get("TL02"));
    }
}
