package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.shopify.ShopifyAdminSdl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.UserError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing against the shapes of real Shopify answers captured from a development store. */
class ShopifyFulfillmentApiParsingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode capture(final String name) throws IOException {
        final Path path = ShopifyAdminSdl.referenceDir().resolve("shopify-admin-graphql").resolve(name);
        return MAPPER.readTree(path.toFile());
    }

    @Test
    void readsFulfillmentOrdersOfACapturedOrderAndPlansOneGroupLikeTheCapturedCall() throws IOException {
        final JsonNode root = capture("captures-2026-04/fulfillment-create-multi-group.json");
        final FulfillableOrder order = ShopifyFulfillmentApi.parseOrder(root.at("/setup/valid/read/response/data/order"));

        assertEquals("#1859", order.name());
        assertEquals(2, order.fulfillmentOrders().size());
        final FulfillmentOrder first = order.fulfillmentOrders().getFirst();
        assertEquals("gid://shopify/FulfillmentOrder/9921140097330", first.id());
        assertEquals("gid://shopify/Location/114038047026", first.locationId());
        assertEquals("Storefront Enrichment 20260719125625", first.locationName());
        assertTrue(first.fulfillable());
        assertEquals(List.of(new FulfillmentOrder.Line("gid://shopify/FulfillmentOrderLineItem/20282999177522", 1,
                "gid://shopify/LineItem/20109841301810", null)), first.lines());

        final Shipment shipment = new Shipment(OrderReference.name("1859"), List.of("FCMG-VALID"), "Hermes", List.of(), List.of(), null);
        final FulfillmentPlan plan = new FulfillmentPlanner().plan(shipment, order);
        assertEquals(1, plan.groups().size());
        final List<String> captured = root.at("/cases/validMultiGroup/variables/fulfillment/lineItemsByFulfillmentOrder")
                .findValuesAsText("fulfillmentOrderId");
        assertEquals(captured, plan.groups().getFirst().parts().stream().map(FulfillmentPlan.Part::fulfillmentOrderId).toList());
    }

    @Test
    void readsExistingFulfillmentsWithSeveralTrackingNumbers() throws IOException {
        final JsonNode root = capture("captures-2025-01/fulfillment-multi-tracking-info.json");
        final FulfillableOrder order = ShopifyFulfillmentApi.parseOrder(root.at("/downstreamRead/response/data/order"));

        assertEquals(1, order.fulfillments().size());
        final Fulfillment fulfillment = order.fulfillments().getFirst();
        assertEquals("gid://shopify/Fulfillment/8086547988786", fulfillment.id());
        assertFalse(fulfillment.cancelled());
        assertEquals("UPS", fulfillment.company());
        assertTrue(fulfillment.carries("MULTI-UPDATE-1783751369060-2"));
        assertEquals("https://example.com/track/MULTI-UPDATE-1783751369060-1", fulfillment.tracking().getFirst().url());
    }

    @Test
    void readsCreatedFulfillment() throws IOException {
        final JsonNode root = capture("captures-2026-04/fulfillment-create-multi-group.json");
        final ShopifyFulfillmentApi.MutationResult result = ShopifyFulfillmentApi.parseMutation(
                root.at("/cases/validMultiGroup/response/data/fulfillmentCreate"));
        assertFalse(result.refused());
        assertEquals("gid://shopify/Fulfillment/8123962229042", result.fulfillment().id());
        assertEquals("SUCCESS", result.fulfillment().status());
        assertTrue(result.fulfillment().carries("FCMG-VALID-1784498466446"));
    }

    @Test
    void readsUserErrorsWithTheirFieldPaths() throws IOException {
        final JsonNode root = capture("captures-2026-04/fulfillment-create-multi-group.json");
        final ShopifyFulfillmentApi.MutationResult location = ShopifyFulfillmentApi.parseMutation(
                root.at("/cases/differentLocationLater/response/data/fulfillmentCreate"));
        assertTrue(location.refused());
        assertNull(location.fulfillment());
        assertEquals(List.of("fulfillment"), location.userErrors().getFirst().field());
        assertTrue(location.userErrors().getFirst().message().startsWith("All fulfillment orders must be assigned to a single location"));

        final ShopifyFulfillmentApi.MutationResult quantity = ShopifyFulfillmentApi.parseMutation(
                root.at("/cases/laterNonPositive/response/data/fulfillmentCreate"));
        final UserError error = quantity.userErrors().getFirst();
        assertEquals(List.of("fulfillment", "lineItemsByFulfillmentOrder", "1", "fulfillmentOrderLineItems", "0", "quantity"), error.field());
        assertEquals("fulfillment.lineItemsByFulfillmentOrder.1.fulfillmentOrderLineItems.0.quantity: Quantity must be greater than 0", error.toString());
    }

    @Test
    void trackingInputHasTheCapturedShape() throws IOException {
        final JsonNode root = capture("captures-2025-01/fulfillment-multi-tracking-info.json");
        final JsonNode captured = root.at("/fulfillmentTrackingInfoUpdate/variables/trackingInfoInput");
        final List<TrackingInfo> tracking = List.of(
                new TrackingInfo("MULTI-UPDATE-1783751369060-1", "UPS", "https://example.com/track/MULTI-UPDATE-1783751369060-1"),
                new TrackingInfo("MULTI-UPDATE-1783751369060-2", "UPS", "https://example.com/track/MULTI-UPDATE-1783751369060-2"));
        assertEquals(captured, MAPPER.valueToTree(ShopifyFulfillmentApi.trackingInput(tracking, "UPS")));

        // without a URL for every number, none is sent: Shopify builds them from the company
        final JsonNode partial = MAPPER.valueToTree(ShopifyFulfillmentApi.trackingInput(
                List.of(new TrackingInfo("1", "UPS", "https://u/1"), new TrackingInfo("2", "UPS", null)), "UPS"));
        assertFalse(partial.has("urls"));
        assertEquals(2, partial.get("numbers").size());
    }
}
