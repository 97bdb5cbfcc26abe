package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.fulfillment.OrderReference;
import io.nifiecommerce.shopify.fulfillment.ShipmentEvent;
import io.nifiecommerce.shopify.fulfillment.ShipmentLine;
import org.apache.nifi.serialization.record.Record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a shipment's facts sit in the incoming records. Each property names one or more fields,
 * comma-separated; the first holding a value wins, so one configuration reads both the tracking
 * records of ParseCarrierTracking ({@code orderReference}, {@code trackingNumber}) and Business
 * Central shipments ({@code externalDocumentNumber}, {@code packageTrackingNo}).
 */
final class ShipmentFields {

    /** The record does not describe a shipment; the message says why. */
    static final class InvalidShipmentException extends Exception {
        InvalidShipmentException(final String message) {
            super(message);
        }
    }

    private final List<String> orderReference;
    private final OrderReference.Kind referenceKind;
    private final List<String> trackingNumber;
    private final List<String> carrier;
    private final List<String> trackingUrl;
    private final List<String> lines;
    private final List<String> location;
    private final List<String> status;
    private final List<String> statusFinal;
    private final List<String> eventTime;

    ShipmentFields(final String orderReference, final OrderReference.Kind referenceKind, final String trackingNumber, final String carrier,
                   final String trackingUrl, final String lines, final String location, final String status, final String statusFinal,
                   final String eventTime) {
        this.orderReference = names(orderReference);
        this.referenceKind = referenceKind;
        this.trackingNumber = names(trackingNumber);
        this.carrier = names(carrier);
        this.trackingUrl = names(trackingUrl);
        this.lines = names(lines);
        this.location = names(location);
        this.status = names(status);
        this.statusFinal = names(statusFinal);
        this.eventTime = names(eventTime);
    }

    ShipmentEvent read(final int index, final Record record) throws InvalidShipmentException {
        final String reference = text(first(record, orderReference));
        if (reference == null) {
            throw new InvalidShipmentException("No order reference in field(s) " + orderReference);
        }
        final OrderReference order = new OrderReference(referenceKind, reference);
        if (referenceKind == OrderReference.Kind.ID) {
            try {
                order.gid();
            } catch (final IllegalArgumentException e) {
                throw new InvalidShipmentException(e.getMessage());
            }
        }
        final List<String> numbers = texts(first(record, trackingNumber));
        if (numbers.isEmpty()) {
            throw new InvalidShipmentException("No tracking number in field(s) " + trackingNumber
                    + " for order " + reference + ": a shipment without one cannot be recognised when replayed");
        }
        final Object finalValue = first(record, statusFinal);
        return new ShipmentEvent(index, order, numbers, text(first(record, carrier)), texts(first(record, trackingUrl)),
                readLines(first(record, lines)), text(first(record, location)), text(first(record, status)),
                finalValue == null ? null : Boolean.valueOf(finalValue.toString().strip()), instant(first(record, eventTime)));
    }

    private static List<ShipmentLine> readLines(final Object value) throws InvalidShipmentException {
        if (value == null) {
            return List.of();
        }
        final List<ShipmentLine> result = new ArrayList<>();
        if (value instanceof CharSequence text) {
            // "SKU-A:2,SKU-B:1"
            for (final String part : text.toString().split("[,;]")) {
                if (part.isBlank()) {
                    continue;
                }
                final int colon = part.lastIndexOf(':');
                if (colon < 0) {
                    throw new InvalidShipmentException("Line '" + part.strip() + "' is not SKU:QUANTITY");
                }
                result.add(ShipmentLine.ofSku(part.substring(0, colon).strip(), quantity(part.substring(colon + 1))));
            }
            return result;
        }
        for (final Object element : elements(value)) {
            final Map<String, Object> line = element instanceof Record record ? record.toMap() : element instanceof Map<?, ?> map ? stringKeys(map) : null;
            if (line == null) {
                throw new InvalidShipmentException("A shipment line is neither a record nor a map: " + element);
            }
            final String sku = text(firstOf(line, "sku", "lineObjectNumber", "itemNumber", "no"));
            final String lineItemId = text(firstOf(line, "lineItemId", "fulfillmentOrderLineItemId", "id"));
            final Object quantity = firstOf(line, "quantity", "qty");
            if (quantity == null) {
                throw new InvalidShipmentException("Shipment line " + (sku != null ? sku : lineItemId) + " has no quantity");
            }
            result.add(new ShipmentLine(sku, lineItemId != null && lineItemId.startsWith("gid://") ? lineItemId : null, quantity(quantity.toString())));
        }
        return result;
    }

    private static int quantity(final String text) throws InvalidShipmentException {
        try {
            return new BigDecimal(text.strip()).intValueExact();
        } catch (final NumberFormatException | ArithmeticException e) {
            throw new InvalidShipmentException("Quantity '" + text.strip() + "' is not a whole number");
        }
    }

    private static Map<String, Object> stringKeys(final Map<?, ?> map) {
        final Map<String, Object> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static Object firstOf(final Map<String, Object> map, final String... keys) {
        for (final String key : keys) {
            final Object value = map.get(key);
            if (value != null && !value.toString().isBlank()) {
                return value;
            }
        }
        return null;
    }

    static Object first(final Record record, final List<String> fields) {
        for (final String field : fields) {
            final Object value = record.getValue(field);
            if (value != null && !(value instanceof CharSequence s && s.toString().isBlank())
                    && !(value instanceof Object[] array && array.length == 0)) {
                return value;
            }
        }
        return null;
    }

    private static List<Object> elements(final Object value) {
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        return List.of(value);
    }

    /** One value or several: an array, a collection, or a string separated by commas or semicolons. */
    static List<String> texts(final Object value) {
        if (value == null) {
            return List.of();
        }
        final List<String> result = new ArrayList<>();
        for (final Object element : elements(value)) {
            if (element == null) {
                continue;
            }
            for (final String part : element.toString().split("[,;]")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        }
        return result;
    }

    static String text(final Object value) {
        if (value == null) {
            return null;
        }
        final String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    static Instant instant(final Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof TemporalAccessor temporal) {
            try {
                return Instant.from(temporal);
            } catch (final RuntimeException e) {
                return null;
            }
        }
        if (value instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        final String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (final DateTimeParseException ignored) {
                return null; // unknown format: the record order decides which event is latest
            }
        }
    }

    static List<String> names(final String property) {
        if (property == null || property.isBlank()) {
            return List.of();
        }
        return Arrays.stream(property.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
