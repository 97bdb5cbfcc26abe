package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.ShipmentConfirmation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shipment confirmations rebuilt from shipped-line records (the ReadShipmentConfirmationEdi schema), and back. */
final class ShipmentConfirmations {

    private ShipmentConfirmations() {
    }

    /** Groups line records by confirmation (message type, interchange, message, shipment, order), in input order. */
    static List<ShipmentConfirmation> fromLines(final List<Map<String, Object>> lines) {
        final Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (final Map<String, Object> line : lines) {
            final String key = text(line, "messageType") + '|' + text(line, "interchangeReference") + '|' + text(line, "messageReference")
                    + '|' + text(line, "shipmentId") + '|' + text(line, "orderNumber");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        final List<ShipmentConfirmation> confirmations = new ArrayList<>();
        for (final List<Map<String, Object>> group : groups.values()) {
            final Map<String, Object> first = group.get(0);
            final List<ShipmentConfirmation.Line> shipped = new ArrayList<>();
            for (final Map<String, Object> line : group) {
                final String quantity = text(line, "quantityShipped");
                if (quantity == null) {
                    throw new IllegalArgumentException("a shipped line without quantityShipped");
                }
                final String ordered = text(line, "quantityOrdered");
                final String lineNumber = text(line, "lineNumber");
                shipped.add(new ShipmentConfirmation.Line(lineNumber == null ? null : Integer.valueOf(lineNumber), text(line, "itemNumber"),
                        text(line, "gtin"), new BigDecimal(quantity), ordered == null ? null : new BigDecimal(ordered), text(line, "lot"),
                        text(line, "sscc")));
            }
            final List<String> tracking = new ArrayList<>();
            if (first.get("trackingNumbers") instanceof List<?> numbers) {
                numbers.forEach(n -> tracking.add(String.valueOf(n)));
            } else if (text(first, "trackingNumber") != null) {
                tracking.add(text(first, "trackingNumber"));
            }
            final String date = text(first, "shipDate");
            confirmations.add(new ShipmentConfirmation(text(first, "messageType"), text(first, "interchangeReference"),
                    text(first, "messageReference"), text(first, "shipmentId"), text(first, "orderNumber"), text(first, "externalDocumentNumber"),
                    date == null ? null : LocalDate.parse(date), text(first, "carrier"), tracking, shipped));
        }
        return confirmations;
    }

    /** The line records of one confirmation, as plain maps (for JSON). */
    static List<Map<String, Object>> toLines(final ShipmentConfirmation confirmation) {
        final List<Map<String, Object>> lines = new ArrayList<>();
        for (final ShipmentConfirmation.Line line : confirmation.lines()) {
            lines.add(lineValues(confirmation, line));
        }
        return lines;
    }

    /** One shipped line with its confirmation's header fields, by the field names of ShipmentConfirmationRecords.SCHEMA. */
    static Map<String, Object> lineValues(final ShipmentConfirmation confirmation, final ShipmentConfirmation.Line line) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("messageType", confirmation.messageType());
        values.put("interchangeReference", confirmation.interchangeReference());
        values.put("messageReference", confirmation.messageReference());
        values.put("shipmentId", confirmation.shipmentId());
        values.put("orderNumber", confirmation.orderNumber());
        values.put("externalDocumentNumber", confirmation.customerReference());
        values.put("shipDate", confirmation.shipDate() == null ? null : confirmation.shipDate().toString());
        values.put("carrier", confirmation.carrier());
        values.put("trackingNumber", confirmation.trackingNumbers().isEmpty() ? null : confirmation.trackingNumbers().get(0));
        values.put("trackingNumbers", confirmation.trackingNumbers());
        values.put("lineNumber", line.lineNumber());
        values.put("itemNumber", line.itemNumber());
        values.put("gtin", line.gtin());
        values.put("quantityShipped", line.quantityShipped().toPlainString());
        values.put("quantityOrdered", line.quantityOrdered() == null ? null : line.quantityOrdered().toPlainString());
        values.put("lot", line.lot());
        values.put("sscc", line.sscc());
        return values;
    }

    /** The key a confirmation is remembered by once posted. */
    static String key(final ShipmentConfirmation confirmation) {
        return confirmation.orderNumber() + ':' + (confirmation.shipmentId() != null ? confirmation.shipmentId()
                : confirmation.interchangeReference() + '/' + confirmation.messageReference());
    }

    private static String text(final Map<String, Object> values, final String field) {
        final Object value = values.get(field);
        if (value == null) {
            return null;
        }
        final String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
