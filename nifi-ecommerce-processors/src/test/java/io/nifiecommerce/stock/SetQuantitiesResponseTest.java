package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of real responses, captured from a Shopify store (captures-2026-04). */
class SetQuantitiesResponseTest {

    private static final JsonNode CAPTURES = FakeShopifyInventory.loadCaptures();

    private static JsonNode contract(String... path) {
        JsonNode node = CAPTURES.path("contracts");
        for (String step : path) {
            node = node.path(step);
        }
        return node.path("response");
    }

    private static JsonNode caseOf(String file, String name) {
        return CAPTURES.path(file).path("cases").path(name).path("response");
    }

    @Test
    void appliedBatch() {
        final SetQuantitiesResponse response = SetQuantitiesResponse.parse(contract("inventorySetQuantities"));

        assertTrue(response.applied());
        assertTrue(response.changeErrors().isEmpty());
    }

    @Test
    void unknownItemAndLocationNameTheChange() {
        final SetQuantitiesResponse item = SetQuantitiesResponse.parse(contract("unknownIdValidation", "setUnknownInventoryItem"));
        final SetQuantitiesResponse location = SetQuantitiesResponse.parse(contract("unknownIdValidation", "setUnknownLocation"));

        assertFalse(item.applied());
        assertEquals("INVALID_INVENTORY_ITEM", item.changeErrors().get(0).code());
        assertEquals("The specified inventory item could not be found.", item.changeErrors().get(0).message());
        assertEquals("INVALID_LOCATION", location.changeErrors().get(0).code());
        assertTrue(location.batchErrors().isEmpty());
    }

    @Test
    void duplicatePairNamesBothChanges() {
        final SetQuantitiesResponse response = SetQuantitiesResponse.parse(caseOf("names", "duplicatePair"));

        assertEquals(2, response.changeErrors().size());
        assertEquals("NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", response.changeErrors().get(1).code());
    }

    @Test
    void quantityBoundsNameTheChange() {
        assertEquals("INVALID_QUANTITY_NEGATIVE",
                SetQuantitiesResponse.parse(caseOf("bounds", "onHandNegative")).changeErrors().get(0).code());
        assertEquals("INVALID_QUANTITY_TOO_LOW",
                SetQuantitiesResponse.parse(caseOf("bounds", "availableTooLow")).changeErrors().get(0).code());
        assertEquals("INVALID_QUANTITY_TOO_HIGH",
                SetQuantitiesResponse.parse(caseOf("names", "availableTooHigh")).changeErrors().get(0).code());
        assertTrue(SetQuantitiesResponse.parse(caseOf("bounds", "availableNegativeWithinBounds")).applied());
    }

    @Test
    void invalidNameConcernsTheWholeBatch() {
        final SetQuantitiesResponse response = SetQuantitiesResponse.parse(caseOf("names", "committed"));

        assertFalse(response.applied());
        assertTrue(response.changeErrors().isEmpty());
        assertEquals("INVALID_NAME", response.batchErrors().getFirst().code());
    }

    @Test
    void onHandIsAccepted() {
        assertTrue(SetQuantitiesResponse.parse(caseOf("names", "onHand")).applied());
    }

    @Test
    void topLevelErrorsArePermanentFailures() {
        final InventoryApiException missingDirective = assertThrows(InventoryApiException.class,
                () -> SetQuantitiesResponse.parse(contract("missingSetIdempotency")));
        final InventoryApiException missingChangeFrom = assertThrows(InventoryApiException.class,
                () -> SetQuantitiesResponse.parse(contract("missingSetChangeFromQuantity")));
        final InventoryApiException legacy = assertThrows(InventoryApiException.class,
                () -> SetQuantitiesResponse.parse(contract("legacySetShape")));

        assertEquals("BAD_REQUEST", missingDirective.code());
        assertFalse(missingDirective.isTransient());
        assertEquals("INVALID_FIELD_ARGUMENTS", missingChangeFrom.code());
        assertEquals("INVALID_VARIABLE", legacy.code());
        assertTrue(legacy.getMessage().contains("ignoreCompareQuantity"));
    }

    @Test
    void throttledIsTransient() throws Exception {
        final JsonNode throttled = new ObjectMapper().readTree("""
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
                 "extensions":{"cost":{"requestedQueryCost":13,"actualQueryCost":null,
                   "throttleStatus":{"maximumAvailable":2000,"currentlyAvailable":3,"restoreRate":100}}}}""");

        final InventoryApiException e = assertThrows(InventoryApiException.class, () -> SetQuantitiesResponse.parse(throttled));

        assertTrue(e.isTransient());
    }

    @Test
    void concurrentIdempotentRequestIsTransient() {
        final JsonNode response = new ObjectMapper().valueToTree(Map.of("data", Map.of("inventorySetQuantities", Map.of(
                "userErrors", List.of(Map.of("field", List.of("input"), "message", "in progress", "code", "IDEMPOTENCY_CONCURRENT_REQUEST"))))));

        assertTrue(assertThrows(InventoryApiException.class, () -> SetQuantitiesResponse.parse(response)).isTransient());
    }
}
