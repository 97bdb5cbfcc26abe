package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.http.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FulfillmentEventPublisherTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T07:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T07:30:00Z");

    private StubShopify shopify;
    private FulfillmentEventPublisher publisher;
    private StubShopify.Order order;
    private String fulfillmentId;

    @BeforeEach
    void setUp() throws IOException {
        shopify = new StubShopify();
        publisher = new FulfillmentEventPublisher(shopify.client());
        order = shopify.addOrder(101, "#1001");
        shopify.addLine(shopify.addFulfillmentOrder(order, "OPEN", 1, "Paris"), "MUG-RED", 2);
        final FulfillmentOutcome created = new ShipmentFulfiller(new ShopifyFulfillmentApi(shopify.client()), false)
                .fulfill(new Shipment(OrderReference.name("#1001"), List.of("6A15602676300"), "Colissimo", List.of(), List.of(), null));
        fulfillmentId = created.fulfillmentIds().getFirst();
    }

    @AfterEach
    void tearDown() {
        shopify.close();
    }

    private List<Map<String, String>> events() {
        return shopify.fulfillments(order).getFirst().events();
    }

    @Test
    void postsEveryFieldShopifyTakesOldestFirst() {
        final ParcelEvent delivered = new ParcelEvent("6A15602676300", "DELIVERED", TUESDAY, null, "Livré", "Paris", "75015", "FR");
        final ParcelEvent transit = new ParcelEvent("6a15602676300", "IN_TRANSIT", MONDAY, Instant.parse("2026-03-04T18:00:00Z"),
                "En cours d'acheminement", null, null, null);

        final FulfillmentEventPublisher.Result result = publisher.publish(List.of(fulfillmentId), List.of(delivered, transit));

        assertEquals(new FulfillmentEventPublisher.Result(2, 0, List.of()), result);
        assertEquals(List.of(
                Map.of("fulfillmentId", fulfillmentId, "status", "IN_TRANSIT", "happenedAt", "2026-03-02T07:00:00Z",
                        "estimatedDeliveryAt", "2026-03-04T18:00:00Z", "message", "En cours d'acheminement"),
                Map.of("fulfillmentId", fulfillmentId, "status", "DELIVERED", "happenedAt", "2026-03-03T07:30:00Z", "message", "Livré",
                        "city", "Paris", "zip", "75015", "country", "FR")), events());
    }

    @Test
    void aReplayPostsNothingAndANewStatusIsAdded() {
        final ParcelEvent transit = new ParcelEvent("6A15602676300", "IN_TRANSIT", MONDAY, null, null, null, null, null);
        publisher.publish(List.of(fulfillmentId), List.of(transit));
        final long posts = shopify.count("EVENT_CREATE");

        assertEquals(new FulfillmentEventPublisher.Result(0, 1, List.of()), publisher.publish(List.of(fulfillmentId), List.of(transit)));
        assertEquals(posts, shopify.count("EVENT_CREATE"));

        final ParcelEvent later = new ParcelEvent("6A15602676300", "IN_TRANSIT", TUESDAY, null, null, null, null, null);
        final ParcelEvent delivered = new ParcelEvent("6A15602676300", "DELIVERED", TUESDAY.plusSeconds(3600), null, null, null, null, null);
        assertEquals(new FulfillmentEventPublisher.Result(2, 1, List.of()),
                publisher.publish(List.of(fulfillmentId), List.of(transit, later, delivered)),
                "the same status at another time is another scan");
        assertEquals(List.of("IN_TRANSIT", "IN_TRANSIT", "DELIVERED"), events().stream().map(e -> e.get("status")).toList());
    }

    @Test
    void anEventWithoutTimeIsRecognisedByItsStatus() {
        final ParcelEvent untimed = new ParcelEvent("6A15602676300", "OUT_FOR_DELIVERY", null, null, null, null, null, null);
        assertEquals(1, publisher.publish(List.of(fulfillmentId), List.of(untimed)).posted());
        assertEquals(new FulfillmentEventPublisher.Result(0, 1, List.of()), publisher.publish(List.of(fulfillmentId), List.of(untimed)));
        assertEquals(1, events().size());
    }

    @Test
    void duplicatesWithinOneCallArePostedOnce() {
        final ParcelEvent transit = new ParcelEvent("6A15602676300", "IN_TRANSIT", MONDAY, null, null, null, null, null);
        assertEquals(new FulfillmentEventPublisher.Result(1, 1, List.of()), publisher.publish(List.of(fulfillmentId), List.of(transit, transit)));
    }

    @Test
    void aLostAnswerIsNotPostedTwiceOnRetry() {
        final ParcelEvent delivered = new ParcelEvent("6A15602676300", "DELIVERED", TUESDAY, null, null, null, null, null);
        shopify.loseNextAnswer("EVENT_CREATE");

        final ApiException lost = assertThrows(ApiException.class, () -> publisher.publish(List.of(fulfillmentId), List.of(delivered)));
        assertTrue(lost.isTransient(), lost.getMessage());
        assertEquals(1, events().size(), "Shopify applied it although the answer was lost");

        assertEquals(new FulfillmentEventPublisher.Result(0, 1, List.of()), publisher.publish(List.of(fulfillmentId), List.of(delivered)));
        assertEquals(1, events().size());
    }

    @Test
    void eventsGoOnlyToFulfillmentsCarryingTheirNumber() {
        final ParcelEvent other = new ParcelEvent("6A15602676399", "DELIVERED", TUESDAY, null, null, null, null, null);
        assertEquals(new FulfillmentEventPublisher.Result(0, 0, List.of()), publisher.publish(List.of(fulfillmentId), List.of(other)));
        assertEquals(0, shopify.count("EVENT_CREATE"));
    }

    @Test
    void anUnknownFulfillmentIsReportedNotPosted() {
        final ParcelEvent delivered = new ParcelEvent("6A15602676300", "DELIVERED", TUESDAY, null, null, null, null, null);
        final FulfillmentEventPublisher.Result result = publisher.publish(List.of("gid://shopify/Fulfillment/404"), List.of(delivered));
        assertEquals(0, result.posted());
        assertEquals(1, result.refused().size());
        assertTrue(result.refused().getFirst().message().contains("not found"), result.refused().toString());
        assertEquals(0, shopify.count("EVENT_CREATE"));
    }
}
