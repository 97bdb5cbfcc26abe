package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.amazon.AmazonSeller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shipment confirmation against the sandbox's Amazon simulator, on its clock. */
class AmazonShipmentsTest {

    private AmazonSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new AmazonSandbox(Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private AmazonShipments shipments(final Duration maxRateWait) {
        return new AmazonShipments(sandbox.orders(maxRateWait), new AmazonCarrierCodes(Map.of()), sandbox.clock);
    }

    private static AmazonShipments.Shipment parcel(final String order, final String tracking, final AmazonShipments.Line... lines) {
        return new AmazonShipments.Shipment(order, tracking, "colissimo", "Colissimo", null, List.of(lines));
    }

    @Test
    void aParcelShipsTheOrderOnceWhateverTheReplays() {
        final String order = sandbox.order("SKU-1", 2);
        sandbox.clock.advance(Duration.ofMinutes(10));
        final AmazonShipments confirm = shipments(Duration.ofSeconds(10));

        final AmazonShipments.Confirmation first = confirm.confirm(List.of(parcel(order, "6A12345678901"))).getFirst();
        assertEquals(AmazonShipments.Result.CONFIRMED, first.result());
        assertEquals("Shipped", first.orderStatus());
        assertEquals("Shipped", sandbox.seller.status(order));
        final JsonNode sent = sandbox.seller.packages(order).getFirst();
        assertEquals("Colissimo", sent.path("carrierCode").asText());
        assertEquals("6A12345678901", sent.path("trackingNumber").asText());
        assertEquals(AmazonShipments.packageReferenceId("6A12345678901"), sent.path("packageReferenceId").asText());
        assertEquals(2, sent.path("orderItems").get(0).path("quantity").asInt());

        // the same parcel's later events, a replay after a crash, a second parcel of a shipped order: nothing sent
        final List<AmazonShipments.Confirmation> again = confirm.confirm(List.of(parcel(order, "6A12345678901"),
                parcel(order, "6A12345678901"), parcel(order, "6A99999999990")));
        again.forEach(outcome -> assertEquals(AmazonShipments.Result.ALREADY_SHIPPED, outcome.result()));
        assertEquals(1L, sandbox.simulator.calls().get("confirmShipment"));
        assertEquals(1, sandbox.seller.packages(order).size());
    }

    @Test
    void aConfirmationWhoseAnswerIsLostIsRetriedAndShipsOnce() throws Exception {
        final FaultInjector faults = new FaultInjector(FaultPlan.NONE, 1, new SandboxStats());
        try (AmazonSandbox lossy = new AmazonSandbox(Duration.ofMinutes(5), 1, faults)) {
            final String order = lossy.seller.placeOrder(AmazonSandbox.FR, new AmazonSeller.Destination("Lyon", "69003", "FR"), List.of(
                    new AmazonSeller.NewItem("SKU-A", "A", 3, new BigDecimal("10.00"), new BigDecimal("0.20"), new BigDecimal("3.99"), BigDecimal.ZERO)));
            lossy.clock.advance(Duration.ofMinutes(10));
            final AmazonShipments confirm = new AmazonShipments(lossy.orders(Duration.ofSeconds(10)), new AmazonCarrierCodes(Map.of()), lossy.clock);
            // Amazon takes the partial parcel, then the connection drops: the transport sends it again, naming the same package
            faults.loseNextAnswer("/shipmentConfirmation");
            final AmazonShipments.Confirmation outcome = confirm.confirm(List.of(parcel(order, "LOST-1", new AmazonShipments.Line("SKU-A", 2))))
                    .getFirst();
            assertEquals(AmazonShipments.Result.CONFIRMED, outcome.result());
            assertEquals(2L, lossy.simulator.calls().get("confirmShipment"));
            assertEquals(1, lossy.seller.packages(order).size());
            assertEquals(2, lossy.seller.items(order).orElseThrow().getFirst().path("QuantityShipped").asInt());
            assertEquals("PartiallyShipped", lossy.seller.status(order));
        }
    }

    @Test
    void partialShipmentsShipTheirUnitsAndTheLastParcelTheRest() {
        final String order = sandbox.seller.placeOrder(AmazonSandbox.FR, new AmazonSeller.Destination("Lyon", "69003", "FR"), List.of(
                new AmazonSeller.NewItem("SKU-A", "A", 3, new BigDecimal("10.00"), new BigDecimal("0.20"), new BigDecimal("3.99"), BigDecimal.ZERO),
                new AmazonSeller.NewItem("SKU-B", "B", 1, new BigDecimal("5.00"), new BigDecimal("0.20"), BigDecimal.ZERO, BigDecimal.ZERO)));
        sandbox.clock.advance(Duration.ofMinutes(10));
        final AmazonShipments confirm = shipments(Duration.ofSeconds(10));

        final AmazonShipments.Shipment first = parcel(order, "PARCEL-1", new AmazonShipments.Line("SKU-A", 2));
        assertEquals("PartiallyShipped", confirm.confirm(List.of(first)).getFirst().orderStatus());
        assertEquals("PartiallyShipped", sandbox.seller.status(order));
        // the same parcel again names the same package: Amazon updates it, no unit ships twice
        assertEquals(AmazonShipments.Result.CONFIRMED, confirm.confirm(List.of(first)).getFirst().result());
        assertEquals(2, sandbox.seller.items(order).orElseThrow().getFirst().path("QuantityShipped").asInt());
        assertEquals(1, sandbox.seller.packages(order).size());

        final AmazonShipments.Confirmation rest = confirm.confirm(List.of(parcel(order, "PARCEL-2"))).getFirst();
        assertEquals(AmazonShipments.Result.CONFIRMED, rest.result());
        assertEquals("Shipped", sandbox.seller.status(order));
        final JsonNode second = sandbox.seller.packages(order).get(1);
        assertEquals(2, second.path("orderItems").size());
        assertEquals(1, second.path("orderItems").get(0).path("quantity").asInt());

        final String single = sandbox.order("SKU-C", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        final AmazonShipments.Confirmation tooMany = confirm.confirm(List.of(parcel(single, "PARCEL-3",
                new AmazonShipments.Line("SKU-C", 2)))).getFirst();
        assertEquals(AmazonShipments.Result.REVIEW, tooMany.result());
        assertEquals("INVALID_LINES", tooMany.code());
    }

    @Test
    void ordersThatCannotShipAreToldApart() {
        final String pending = sandbox.order("SKU-1", 1);
        final AmazonShipments confirm = shipments(Duration.ofSeconds(10));
        final AmazonShipments.Confirmation notPaid = confirm.confirm(List.of(parcel(pending, "T-1"))).getFirst();
        assertEquals(AmazonShipments.Result.RETRY, notPaid.result());
        assertEquals("ORDER_NOT_PAID", notPaid.code());

        final String cancelled = sandbox.order("SKU-2", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        sandbox.seller.cancel(cancelled);
        final String shippedInSellerCentral = sandbox.order("SKU-3", 1);
        final String unknownSku = sandbox.order("SKU-4", 1);
        final String noCarrier = sandbox.order("SKU-5", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        sandbox.seller.ship(shippedInSellerCentral, null);

        final List<AmazonShipments.Confirmation> outcomes = confirm.confirm(List.of(parcel(cancelled, "T-2"), parcel("999-0000000-0000000", "T-3"),
                parcel(shippedInSellerCentral, "T-4"), parcel(unknownSku, "T-5", new AmazonShipments.Line("NOT-IN-ORDER", 1)),
                new AmazonShipments.Shipment(noCarrier, "T-6", null, null, null, List.of())));
        assertEquals(List.of("ORDER_CANCELLED", "ORDER_NOT_FOUND", "-", "INVALID_LINES", "UNKNOWN_CARRIER"),
                outcomes.stream().map(o -> o.code() == null ? "-" : o.code()).toList());
        assertEquals(AmazonShipments.Result.ALREADY_SHIPPED, outcomes.get(2).result());
        assertNull(sandbox.simulator.calls().get("confirmShipment"));
    }

    @Test
    void aCarrierAmazonDoesNotListGoesAsOtherWithItsName() {
        final String order = sandbox.order("SKU-1", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        shipments(Duration.ofSeconds(10)).confirm(List.of(new AmazonShipments.Shipment(order, "12345678", "mondial_relay", "Mondial Relay",
                sandbox.clock.instant().minus(Duration.ofHours(1)), List.of())));
        final JsonNode sent = sandbox.seller.packages(order).getFirst();
        assertEquals("Other", sent.path("carrierCode").asText());
        assertEquals("Mondial Relay", sent.path("carrierName").asText());
        assertEquals(sandbox.clock.instant().minus(Duration.ofHours(1)).toString(), sent.path("shipDate").asText());
    }

    @Test
    void aSpentUsagePlanStopsThePassAndTheNextOneConfirmsTheRestOnce() {
        final List<AmazonShipments.Shipment> parcels = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            parcels.add(parcel(sandbox.order("SKU-" + i, 1), "T-" + i));
        }
        sandbox.clock.advance(Duration.ofMinutes(10));
        // no inline wait: confirmShipment's burst of 10, then the bundle's own gate stops the pass before Amazon answers 429
        final AmazonShipments impatient = shipments(Duration.ZERO);
        final List<AmazonShipments.Confirmation> first = impatient.confirm(parcels);
        assertEquals(10, first.stream().filter(o -> o.result() == AmazonShipments.Result.CONFIRMED).count());
        assertEquals(4, first.stream().filter(o -> o.result() == AmazonShipments.Result.RETRY && "QuotaExceeded".equals(o.code())).count());
        assertEquals(10L, sandbox.simulator.calls().get("confirmShipment"));

        sandbox.clock.advance(Duration.ofSeconds(5));
        final List<AmazonShipments.Confirmation> second = impatient.confirm(parcels);
        assertEquals(10, second.stream().filter(o -> o.result() == AmazonShipments.Result.ALREADY_SHIPPED).count());
        assertEquals(4, second.stream().filter(o -> o.result() == AmazonShipments.Result.CONFIRMED).count());
        assertEquals(14L, sandbox.simulator.calls().get("confirmShipment"));

        // waiting inline (Max Rate Wait) paces a longer batch at 2 a second with no 429
        final List<AmazonShipments.Shipment> more = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            more.add(parcel(sandbox.order("SKU-M" + i, 1), "M-" + i));
        }
        sandbox.clock.advance(Duration.ofMinutes(10));
        assertTrue(shipments(Duration.ofSeconds(10)).confirm(more).stream().allMatch(o -> o.result() == AmazonShipments.Result.CONFIRMED));
    }

    @Test
    void theCarrierCodesAreAmazonsOrOtherWithAName() {
        final AmazonCarrierCodes codes = new AmazonCarrierCodes(Map.of("mondial_relay", "Mondial Relay", "dpd", "DPD Germany"));
        assertEquals(new AmazonCarrierCodes.Carrier("Colissimo", null), codes.of("colissimo", "La Poste Colissimo"));
        assertEquals(new AmazonCarrierCodes.Carrier("Mondial Relay", null), codes.of("MONDIAL_RELAY", null));
        assertEquals(new AmazonCarrierCodes.Carrier("DPD Germany", null), codes.of("dpd", "DPD"));
        assertEquals(new AmazonCarrierCodes.Carrier("Other", "Purolator"), codes.of("purolator", "Purolator"));
        assertEquals(new AmazonCarrierCodes.Carrier("Other", "speedee"), codes.of("speedee", null));
        assertNull(codes.of(null, " "));
    }
}
