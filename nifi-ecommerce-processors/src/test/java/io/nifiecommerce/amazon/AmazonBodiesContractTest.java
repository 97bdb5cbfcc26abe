package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every body the bundle sends to the Selling Partner API, checked against Amazon's own model of the operation
 * ({@code reference/amazon-sp-api-models/ordersV0.json}, Swagger 2.0): the operation exists at that path and method,
 * every required property is there, no property the model does not declare, types, formats and enumerations.
 */
class AmazonBodiesContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode model() throws IOException {
        final String property = System.getProperty("nifiecommerce.reference.dir");
        final Path reference = property != null ? Path.of(property) : Path.of("..", "reference");
        return MAPPER.readTree(Files.readString(reference.resolve("amazon-sp-api-models/ordersV0.json")));
    }

    /** The bodies confirmShipment sends: a listed carrier, Other with a name, a partial parcel of two items. */
    private static List<JsonNode> confirmShipmentBodies() {
        final AmazonShipments shipments = new AmazonShipments(null, new AmazonCarrierCodes(Map.of()),
                Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
        final AmazonCarrierCodes codes = new AmazonCarrierCodes(Map.of());
        final List<JsonNode> bodies = new ArrayList<>();
        final Map<String, Integer> units = new LinkedHashMap<>();
        units.put("10000000000001", 2);
        bodies.add(shipments.request("A13V1IB3VIYZZH", AmazonShipments.packageReferenceId("6A12345678901"), codes.of("colissimo", null),
                new AmazonShipments.Shipment("405-1000001-0007919", "6A12345678901", "colissimo", null, null, List.of()), units));
        bodies.add(shipments.request("A13V1IB3VIYZZH", AmazonShipments.packageReferenceId("12345678"), codes.of("mondial_relay", "Mondial Relay"),
                new AmazonShipments.Shipment("405-1000001-0007919", "12345678", "mondial_relay", "Mondial Relay",
                        Instant.parse("2026-12-06T08:30:00Z"), List.of()), units));
        final Map<String, Integer> partial = new LinkedHashMap<>(units);
        partial.put("20000000000001", 1);
        bodies.add(shipments.request("A1PA6795UKMFR9", AmazonShipments.packageReferenceId("CB123456785FR"), codes.of("chronopost", null),
                new AmazonShipments.Shipment("405-1000001-0007919", "CB123456785FR", "chronopost", null, null,
                        List.of(new AmazonShipments.Line("SKU-A", 2), new AmazonShipments.Line("SKU-B", 1))), partial));
        return bodies;
    }

    @Test
    void confirmShipmentBodiesFollowAmazonsModel() throws IOException {
        final JsonNode model = model();
        final JsonNode operation = model.path("paths").path("/orders/v0/orders/{orderId}/shipmentConfirmation").path("post");
        assertEquals("confirmShipment", operation.path("operationId").asText());
        assertTrue(operation.path("responses").has("204"), "confirmShipment answers 204");
        JsonNode schema = null;
        for (final JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("body")) {
                schema = parameter.path("schema");
            }
        }
        assertTrue(schema != null && schema.has("$ref"), "confirmShipment takes a body");
        for (final JsonNode body : confirmShipmentBodies()) {
            final List<String> problems = new ArrayList<>();
            check(model, schema, body, "$", problems);
            assertEquals(List.of(), problems, body.toString());
        }
    }

    @Test
    void theCheckSeesWhatAmazonWouldRefuse() throws IOException {
        final JsonNode model = model();
        final JsonNode schema = MAPPER.readTree("{\"$ref\": \"#/definitions/ConfirmShipmentRequest\"}");
        final List<String> problems = new ArrayList<>();
        check(model, schema, MAPPER.readTree("""
                {"marketplaceId": "A13V1IB3VIYZZH", "packageDetail": {"packageReferenceId": "1", "carrierCode": "Colissimo",
                 "trackingNumber": "X", "shipDate": "06/12/2026", "orderItems": [{"orderItemId": "1", "quantity": "2"}],
                 "carrier": "Colissimo"}}"""), "$", problems);
        assertEquals(List.of("$.packageDetail.shipDate: not an ISO-8601 date-time", "$.packageDetail.orderItems[0].quantity: not integer",
                "$.packageDetail.carrier: not in the model"), problems);
        problems.clear();
        check(model, schema, MAPPER.readTree("{\"packageDetail\": {}}"), "$", problems);
        assertFalse(problems.isEmpty());
    }

    /** A minimal Swagger 2.0 schema check: $ref, type, format date-time, enum, required, declared properties. */
    static void check(final JsonNode model, final JsonNode schema, final JsonNode value, final String where, final List<String> problems) {
        if (schema.has("$ref")) {
            final String name = schema.path("$ref").asText().substring("#/definitions/".length());
            check(model, model.path("definitions").path(name), value, where, problems);
            return;
        }
        final String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": not an object");
                    return;
                }
                schema.path("required").forEach(required -> {
                    if (!value.has(required.asText())) {
                        problems.add(where + "." + required.asText() + ": required");
                    }
                });
                value.fields().forEachRemaining(field -> {
                    final JsonNode property = schema.path("properties").path(field.getKey());
                    if (property.isMissingNode()) {
                        problems.add(where + "." + field.getKey() + ": not in the model");
                    } else {
                        check(model, property, field.getValue(), where + "." + field.getKey(), problems);
                    }
                });
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(model, schema.path("items"), value.get(i), where + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": not a string");
                    return;
                }
                if (schema.path("format").asText().equals("date-time")) {
                    try {
                        OffsetDateTime.parse(value.asText());
                    } catch (final RuntimeException e) {
                        problems.add(where + ": not an ISO-8601 date-time");
                    }
                }
                if (schema.has("enum")) {
                    final List<String> allowed = new ArrayList<>();
                    schema.path("enum").forEach(v -> allowed.add(v.asText()));
                    if (!allowed.contains(value.asText())) {
                        problems.add(where + ": not one of " + allowed);
                    }
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": not integer");
                }
            }
            case "" -> {
                // no type in the model: anything
            }
            default -> {
                if (!value.isValueNode()) {
                    problems.add(where + ": not a " + type);
                }
            }
        }
    }
}
