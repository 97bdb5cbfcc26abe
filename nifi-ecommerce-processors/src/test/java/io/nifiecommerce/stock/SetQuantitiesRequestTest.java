package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetQuantitiesRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode CAPTURES = FakeShopifyInventory.loadCaptures().path("contracts");

    private static InventoryBatch batch(Long changeFrom) {
        return new InventoryBatch(QuantityName.AVAILABLE, "correction", "logistics://har-408/set/1782351234393",
                List.of(new InventoryChange("gid://shopify/InventoryItem/53469430055218", "gid://shopify/Location/106318430514", 5, changeFrom)));
    }

    private static List<String> fieldNames(JsonNode node) {
        final List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.sort(null);
        return names;
    }

    @Test
    void current2026_04ShapeMatchesTheAcceptedCapture() {
        final SetQuantitiesRequest request = SetQuantitiesRequest.of(batch(0L), "2026-04", "har-408-set-1782351234393");
        final JsonNode sent = MAPPER.valueToTree(request.variables());

        // the request Shopify accepted in the capture, variable for variable
        assertEquals(CAPTURES.path("inventorySetQuantities").path("variables"), sent);
        assertTrue(request.document().contains("@idempotent(key: $idempotencyKey)"));
    }

    @Test
    void withoutCompareAndSetChangeFromQuantityIsAnExplicitNull() throws Exception {
        final SetQuantitiesRequest request = SetQuantitiesRequest.of(batch(null), "2026-07", "k");

        final String json = MAPPER.writeValueAsString(request.variables());

        assertTrue(json.contains("\"changeFromQuantity\":null"), json);
        // leaving it out is what Shopify refused in the capture
        final JsonNode refused = CAPTURES.path("missingSetChangeFromQuantity");
        assertFalse(refused.path("variables").path("input").path("quantities").get(0).has("changeFromQuantity"));
        assertEquals("INVALID_FIELD_ARGUMENTS", refused.path("response").path("errors").get(0).path("extensions").path("code").asText());
    }

    @Test
    void legacyShapeBefore2026_04() {
        final SetQuantitiesRequest unconditional = SetQuantitiesRequest.of(batch(null), "2026-01", null);
        final JsonNode input = MAPPER.valueToTree(unconditional.variables()).path("input");

        // the legacy input of the capture (which 2026-04 refused): same fields
        final JsonNode legacy = CAPTURES.path("legacySetShape").path("variables").path("input");
        assertEquals(fieldNames(legacy), fieldNames(input).stream().filter(n -> !n.equals("referenceDocumentUri")).toList());
        assertEquals(fieldNames(legacy.path("quantities").get(0)), fieldNames(input.path("quantities").get(0)));
        assertTrue(input.path("ignoreCompareQuantity").asBoolean());
        assertFalse(unconditional.document().contains("@idempotent"));

        final JsonNode compared = MAPPER.valueToTree(SetQuantitiesRequest.of(batch(3L), "2026-01", null).variables()).path("input");
        assertFalse(compared.path("ignoreCompareQuantity").asBoolean());
        assertEquals(3, compared.path("quantities").get(0).path("compareQuantity").asInt());
    }

    @Test
    void versionSelectsTheShape() {
        assertFalse(SetQuantitiesRequest.usesChangeFromQuantity("2025-10"));
        assertFalse(SetQuantitiesRequest.usesChangeFromQuantity("2026-01"));
        assertTrue(SetQuantitiesRequest.usesChangeFromQuantity("2026-04"));
        assertTrue(SetQuantitiesRequest.usesChangeFromQuantity("2026-10"));
        assertTrue(SetQuantitiesRequest.usesChangeFromQuantity("unstable"));
    }

    @Test
    void idempotencyKeyIsMandatoryFrom2026_04() {
        assertThrows(IllegalArgumentException.class, () -> SetQuantitiesRequest.of(batch(null), "2026-04", " "));
    }
}
