package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShipmentFulfillerTest {

    private StubShopify shopify;
    private ShipmentFulfiller fulfiller;
    private StubShopify.Order order;
    private StubShopify.FoLine paris1;
    private StubShopify.FoLine lyon1;

    @BeforeEach
    void setUp() throws IOException {
        shopify = new StubShopify();
        fulfiller = new ShipmentFulfiller(new ShopifyFulfillmentApi(shopify.client()), false);
        order = shopify.addOrder(101, "#1001");
        final StubShopify.FoState paris = shopify.addFulfillmentOrder(order, "OPEN", 1, "Paris");
        paris1 = shopify.addLine(paris, "MUG-RED", 2);
        shopify.addLine(paris, "MUG-BLUE", 1);
        final StubShopify.FoState lyon = shopify.addFulfillmentOrder(order, "OPEN", 2, "Lyon");
        lyon1 = shopify.addLine(lyon, "TEA-GREEN", 3);
    }

    @AfterEach
    void tearDown() {
        shopify.close();
    }

    private static Shipment shipment(final List<String> numbers, final String carrier, final List<String> urls, final List<ShipmentLine> lines,
                                     final String location) {
        return new Shipment(OrderReference.name("#1001"), numbers, carrier, urls, lines, location);
    }

    @Test
    void createsOneFulfillmentPerLocationCarryingEveryTrackingNumber() {
        final FulfillmentOutcome outcome = fulfiller.fulfill(shipment(List.of("6A15602676300", "6A15602676301"), "Colissimo",
                List.of("https://laposte.fr/6A15602676300", "https://laposte.fr/6A15602676301"), List.of(), null));

        assertEquals(Status.CREATED, outcome.status(), outcome.message());
        assertEquals("gid://shopify/Order/101", outcome.orderId());
        final List<StubShopify.FulfillmentState> fulfillments = shopify.fulfillments(order);
        assertEquals(2, fulfillments.size());
        assertEquals(fulfillments.stream().map(StubShopify.FulfillmentState::id).toList(), outcome.fulfillmentIds());
        for (final StubShopify.FulfillmentState fulfillment : fulfillments) {
            assertEquals(List.of(new TrackingInfo("6A15602676300", "Colissimo", "https://laposte.fr/6A15602676300"),
                    new TrackingInfo("6A15602676301", "Colissimo", "https://laposte.fr/6A15602676301")), fulfillment.tracking());
        }
        assertEquals(0, paris1.remaining);
        assertEquals(0, lyon1.remaining);
    }

    @Test
    void replayedShipmentCreatesNothingAndIdenticalTrackingSendsNothing() {
        final Shipment shipment = shipment(List.of("JD014600006281230701"), "DHL Express", List.of(), List.of(), "Paris");
        assertEquals(Status.CREATED, fulfiller.fulfill(shipment).status());
        final long creates = shopify.count("CREATE");

        final FulfillmentOutcome replay = fulfiller.fulfill(shipment);

        assertEquals(Status.ALREADY_PRESENT, replay.status(), replay.message());
        assertEquals(creates, shopify.count("CREATE"));
        assertEquals(0, shopify.count("TRACKING_UPDATE"));
        assertEquals(1, shopify.fulfillments(order).size());
        assertEquals(3, lyon1.remaining);
    }

    @Test
    void changedCarrierOrUrlUpdatesTheTrackingOfTheSameFulfillment() {
        assertEquals(Status.CREATED, fulfiller.fulfill(shipment(List.of("1Z999AA10123456784"), "UPS", List.of(), List.of(), "Lyon")).status());

        final FulfillmentOutcome outcome = fulfiller.fulfill(shipment(List.of("1Z999AA10123456784"), "UPS",
                List.of("https://ups.example/1Z999AA10123456784"), List.of(), "Lyon"));

        assertEquals(Status.TRACKING_UPDATED, outcome.status(), outcome.message());
        final List<StubShopify.FulfillmentState> fulfillments = shopify.fulfillments(order);
        assertEquals(1, fulfillments.size());
        assertEquals(List.of(new TrackingInfo("1Z999AA10123456784", "UPS", "https://ups.example/1Z999AA10123456784")),
                fulfillments.getFirst().tracking());
        assertEquals(List.of(fulfillments.getFirst().id()), outcome.fulfillmentIds());
    }

    @Test
    void lostAcknowledgementIsRecognisedWithoutASecondFulfillment() {
        shopify.loseNextAnswer("CREATE");

        final FulfillmentOutcome outcome = fulfiller.fulfill(shipment(List.of("09876543210"), "GLS", List.of(), List.of(), "Paris"));

        assertEquals(Status.CREATED, outcome.status(), outcome.message());
        assertEquals(1, shopify.fulfillments(order).size());
        assertEquals(1, shopify.count("CREATE"));
        assertEquals(List.of(shopify.fulfillments(order).getFirst().id()), outcome.fulfillmentIds());
    }

    @Test
    void unavailableShopIsTransientAndTheRetryCreatesOnce() {
        shopify.failNext("CREATE", 1, 503);
        final Shipment shipment = shipment(List.of("12345678"), "Mondial Relay", List.of(), List.of(), null);

        final FulfillmentOutcome first = fulfiller.fulfill(shipment);
        assertEquals(Status.TRANSIENT, first.status(), first.message());
        assertEquals(FulfillmentOutcome.Route.RETRY, first.route());
        assertTrue(shopify.fulfillments(order).isEmpty());

        assertEquals(Status.CREATED, fulfiller.fulfill(shipment).status());
        assertEquals(2, shopify.fulfillments(order).size());
    }

    @Test
    void partialShipmentFulfillsTheGivenQuantities() {
        final FulfillmentOutcome outcome = fulfiller.fulfill(shipment(List.of("P1"), "DPD", List.of(),
                List.of(ShipmentLine.ofSku("MUG-RED", 1), ShipmentLine.ofSku("TEA-GREEN", 2)), null));

        assertEquals(Status.CREATED, outcome.status(), outcome.message());
        assertEquals(1, paris1.remaining);
        assertEquals(1, lyon1.remaining);
        assertEquals(Map.of(paris1.id, 1), shopify.fulfillments(order).getFirst().quantities());
    }

    @Test
    void furtherParcelOfAFulfilledOrderJoinsItsOnlyFulfillment() {
        final StubShopify.Order single = shopify.addOrder(202, "#1002");
        shopify.addLine(shopify.addFulfillmentOrder(single, "OPEN", 1, "Paris"), "MUG-RED", 1);
        final Shipment first = new Shipment(OrderReference.name("1002"), List.of("A1"), "Chronopost", List.of(), List.of(), null);
        assertEquals(Status.CREATED, fulfiller.fulfill(first).status());

        final Shipment second = new Shipment(OrderReference.name("1002"), List.of("A2"), "Chronopost", List.of(), List.of(), null);
        final FulfillmentOutcome outcome = fulfiller.fulfill(second);

        assertEquals(Status.TRACKING_UPDATED, outcome.status(), outcome.message());
        assertEquals(List.of("A1", "A2"), shopify.fulfillments(single).getFirst().tracking().stream().map(TrackingInfo::number).toList());

        final Shipment otherCarrier = new Shipment(OrderReference.name("1002"), List.of("B1"), "UPS", List.of(), List.of(), null);
        assertEquals(Status.NOTHING_TO_FULFILL, fulfiller.fulfill(otherCarrier).status());
    }

    @Test
    void failuresAreNamed() {
        assertEquals(Status.ORDER_NOT_FOUND, fulfiller.fulfill(new Shipment(OrderReference.name("#9999"), List.of("X"), null,
                List.of(), List.of(), null)).status());
        assertEquals(Status.ORDER_NOT_FOUND, fulfiller.fulfill(new Shipment(OrderReference.id("777"), List.of("X"), null,
                List.of(), List.of(), null)).status());
        assertEquals(Status.LOCATION_MISMATCH, fulfiller.fulfill(shipment(List.of("X"), null, List.of(), List.of(), "Marseille")).status());
        assertEquals(Status.INVALID_LINES, fulfiller.fulfill(shipment(List.of("X"), null, List.of(),
                List.of(ShipmentLine.ofSku("MUG-RED", 5)), null)).status());
        assertTrue(shopify.fulfillments(order).isEmpty());
    }

    @Test
    void cancelledFulfillmentIsNotCreatedAgain() {
        final Shipment shipment = shipment(List.of("C1"), "TNT", List.of(), List.of(), "Paris");
        assertEquals(Status.CREATED, fulfiller.fulfill(shipment).status());
        shopify.cancel(shopify.fulfillments(order).getFirst());

        assertEquals(Status.FULFILLMENT_CANCELLED, fulfiller.fulfill(shipment).status());
        assertEquals(1, shopify.count("CREATE"));
    }

    @Test
    void refusedMutationIsAUserErrorWithShopifyMessage() {
        final StubShopify.Order held = shopify.addOrder(303, "#1003");
        shopify.addLine(shopify.addFulfillmentOrder(held, "OPEN", 1, "Paris"), "MUG-RED", 1);
        // the planner reads OPEN, but the order is closed in between: Shopify refuses
        final ShipmentFulfiller racing = new ShipmentFulfiller(new ShopifyFulfillmentApi(shopify.client()) {
            @Override
            public MutationResult create(final FulfillmentPlan.Group group, final Shipment shipment, final boolean notify) {
                held.fulfillmentOrders.getFirst().status = "CLOSED";
                return super.create(group, shipment, notify);
            }
        }, true);

        final FulfillmentOutcome outcome = racing.fulfill(new Shipment(OrderReference.name("#1003"), List.of("R1"), null, List.of(), List.of(), null));

        assertEquals(Status.USER_ERROR, outcome.status());
        assertEquals(List.of("fulfillment"), outcome.userErrors().getFirst().field());
        assertTrue(outcome.message().contains("unfulfillable status= closed"), outcome.message());
    }
}
