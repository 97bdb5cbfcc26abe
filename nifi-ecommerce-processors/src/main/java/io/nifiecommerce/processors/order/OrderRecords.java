package io.nifiecommerce.processors.order;

import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Amount;
import io.nifiecommerce.order.Company;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts canonical orders to NiFi records and back. Reading is lenient about types (a CSV or an
 * inferred JSON schema gives numbers or strings alike) and strict about meaning: a missing name, a
 * line without quantity or price, or an unreadable amount is an {@link InvalidOrderRecordException}
 * naming the field, so the record can be routed to failure with the reason.
 */
public final class OrderRecords {

    private OrderRecords() {
    }

    public static Record toRecord(final Order order) {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("source", order.source());
        values.put("sourceId", order.sourceId());
        values.put("name", order.name());
        values.put("segment", order.segment() == null ? null : order.segment().name());
        values.put("channel", order.channel());
        values.put("createdAt", order.createdAt());
        values.put("updatedAt", order.updatedAt());
        values.put("processedAt", order.processedAt());
        values.put("cancelledAt", order.cancelledAt());
        values.put("currency", order.currency());
        values.put("taxesIncluded", order.taxesIncluded());
        values.put("financialStatus", order.financialStatus());
        values.put("fulfillmentStatus", order.fulfillmentStatus());
        values.put("poNumber", order.poNumber());
        values.put("tags", order.tags().toArray());
        values.put("email", order.email());
        values.put("note", order.note());
        values.put("customer", customer(order.customer()));
        values.put("company", company(order.company()));
        values.put("billingAddress", address(order.billingAddress()));
        values.put("shippingAddress", address(order.shippingAddress()));
        values.put("lines", order.lines().stream().map(OrderRecords::line).toArray());
        values.put("shippingLines", order.shippingLines().stream().map(OrderRecords::shippingLine).toArray());
        values.put("subtotalPrice", text(order.subtotalPrice()));
        values.put("totalDiscounts", text(order.totalDiscounts()));
        values.put("totalShipping", text(order.totalShipping()));
        values.put("totalTax", text(order.totalTax()));
        values.put("totalPrice", text(order.totalPrice()));
        return new MapRecord(OrderRecordSchema.ORDER, values);
    }

    public static Order fromRecord(final Record record) {
        final String name = string(record, "name");
        if (name == null || name.isBlank()) {
            throw new InvalidOrderRecordException("name", "the order has no name (its public reference)");
        }
        final Record company = child(record, "company");
        final String segmentText = string(record, "segment");
        final Segment segment = segmentText == null || segmentText.isBlank()
                ? (company == null ? Segment.B2C : Segment.B2B)
                : parseSegment(segmentText);
        final List<OrderLine> lines = new ArrayList<>();
        final List<Record> lineRecords = children(record, "lines");
        for (int i = 0; i < lineRecords.size(); i++) {
            lines.add(line(lineRecords.get(i), "lines[" + i + "]"));
        }
        final List<ShippingLine> shippingLines = new ArrayList<>();
        final List<Record> shippingRecords = children(record, "shippingLines");
        for (int i = 0; i < shippingRecords.size(); i++) {
            shippingLines.add(shippingLine(shippingRecords.get(i), "shippingLines[" + i + "]"));
        }
        return new Order(string(record, "source"), string(record, "sourceId"), name, segment, string(record, "channel"),
                string(record, "createdAt"), string(record, "updatedAt"), string(record, "processedAt"), string(record, "cancelledAt"),
                string(record, "currency"), bool(record, "taxesIncluded"), string(record, "financialStatus"),
                string(record, "fulfillmentStatus"), string(record, "poNumber"), strings(record, "tags"),
                string(record, "email"), string(record, "note"),
                customer(child(record, "customer")), company(company),
                address(child(record, "billingAddress")), address(child(record, "shippingAddress")),
                lines, shippingLines,
                decimal(record, "subtotalPrice", "subtotalPrice"), decimal(record, "totalDiscounts", "totalDiscounts"),
                decimal(record, "totalShipping", "totalShipping"), decimal(record, "totalTax", "totalTax"),
                decimal(record, "totalPrice", "totalPrice"));
    }

    private static Segment parseSegment(final String text) {
        try {
            return Segment.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new InvalidOrderRecordException("segment", "'" + text + "' is neither B2B nor B2C");
        }
    }

    private static OrderLine line(final Record r, final String path) {
        final Object quantity = r.getValue("quantity");
        if (quantity == null) {
            throw new InvalidOrderRecordException(path + ".quantity", "missing");
        }
        final long units = wholeNumber(quantity, path + ".quantity");
        final Object current = r.getValue("currentQuantity");
        final Long currentUnits = current == null ? null : wholeNumber(current, path + ".currentQuantity");
        final BigDecimal unitPrice = decimal(r, "unitPrice", path + ".unitPrice");
        if (unitPrice == null) {
            throw new InvalidOrderRecordException(path + ".unitPrice", "missing");
        }
        return new OrderLine(string(r, "lineId"), string(r, "sku"), string(r, "gtin"), string(r, "title"), units, unitPrice,
                decimal(r, "discountAmount", path + ".discountAmount"), decimal(r, "taxAmount", path + ".taxAmount"),
                decimal(r, "taxRate", path + ".taxRate"), currentUnits);
    }

    static long wholeNumber(final Object value, final String path) {
        try {
            return Amount.parse(value.toString()).longValueExact();
        } catch (final ArithmeticException | NumberFormatException e) {
            final String reason = e instanceof NumberFormatException ? e.getMessage() : "'" + value + "' is not a whole number";
            throw new InvalidOrderRecordException(path, reason);
        }
    }

    private static ShippingLine shippingLine(final Record r, final String path) {
        final BigDecimal price = decimal(r, "price", path + ".price");
        if (price == null) {
            throw new InvalidOrderRecordException(path + ".price", "missing");
        }
        return new ShippingLine(string(r, "code"), string(r, "title"), price, decimal(r, "discountAmount", path + ".discountAmount"),
                decimal(r, "taxAmount", path + ".taxAmount"), decimal(r, "taxRate", path + ".taxRate"));
    }

    private static Customer customer(final Record r) {
        return r == null ? null : new Customer(string(r, "id"), string(r, "email"), string(r, "firstName"), string(r, "lastName"), string(r, "phone"));
    }

    private static Company company(final Record r) {
        return r == null ? null : new Company(string(r, "id"), string(r, "externalId"), string(r, "name"), string(r, "locationId"),
                string(r, "locationExternalId"), string(r, "locationName"), string(r, "taxRegistrationNumber"));
    }

    private static Address address(final Record r) {
        return r == null ? null : new Address(string(r, "name"), string(r, "company"), string(r, "address1"), string(r, "address2"),
                string(r, "city"), string(r, "province"), string(r, "postalCode"), string(r, "countryCode"), string(r, "phone"));
    }

    private static Record customer(final Customer c) {
        return c == null ? null : record(OrderRecordSchema.CUSTOMER, "id", c.id(), "email", c.email(), "firstName", c.firstName(),
                "lastName", c.lastName(), "phone", c.phone());
    }

    private static Record company(final Company c) {
        return c == null ? null : record(OrderRecordSchema.COMPANY, "id", c.id(), "externalId", c.externalId(), "name", c.name(),
                "locationId", c.locationId(), "locationExternalId", c.locationExternalId(), "locationName", c.locationName(),
                "taxRegistrationNumber", c.taxRegistrationNumber());
    }

    private static Record address(final Address a) {
        return a == null ? null : record(OrderRecordSchema.ADDRESS, "name", a.name(), "company", a.company(), "address1", a.address1(),
                "address2", a.address2(), "city", a.city(), "province", a.province(), "postalCode", a.postalCode(),
                "countryCode", a.countryCode(), "phone", a.phone());
    }

    private static Record line(final OrderLine l) {
        return record(OrderRecordSchema.LINE, "lineId", l.lineId(), "sku", l.sku(), "gtin", l.gtin(), "title", l.title(),
                "quantity", l.quantity(), "unitPrice", text(l.unitPrice()), "discountAmount", text(l.discountAmount()),
                "taxAmount", text(l.taxAmount()), "taxRate", text(l.taxRate()), "currentQuantity", l.currentQuantity());
    }

    private static Record shippingLine(final ShippingLine s) {
        return record(OrderRecordSchema.SHIPPING_LINE, "code", s.code(), "title", s.title(), "price", text(s.price()),
                "discountAmount", text(s.discountAmount()), "taxAmount", text(s.taxAmount()), "taxRate", text(s.taxRate()));
    }

    static Record record(final RecordSchema schema, final Object... keyValues) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new MapRecord(schema, values);
    }

    static String text(final BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    static String string(final Record r, final String field) {
        final Object value = r.getValue(field);
        return value == null ? null : value.toString();
    }

    static boolean bool(final Record r, final String field) {
        final Object value = r.getValue(field);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString().trim());
    }

    static BigDecimal decimal(final Record r, final String field, final String path) {
        final Object value = r.getValue(field);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            // An inferred JSON schema reads 19.9 as a double: its shortest decimal form (toString) is what was written
            return Amount.parse(value.toString());
        } catch (final NumberFormatException e) {
            throw new InvalidOrderRecordException(path, e.getMessage());
        }
    }

    private static Record child(final Record r, final String field) {
        final Object value = r.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Record child) {
            return child;
        }
        throw new InvalidOrderRecordException(field, "expected a record, found " + value.getClass().getSimpleName());
    }

    static List<Record> children(final Record r, final String field) {
        final Object value = r.getValue(field);
        if (value == null) {
            return List.of();
        }
        final Object[] items = value instanceof Object[] array ? array
                : value instanceof List<?> list ? list.toArray() : null;
        if (items == null) {
            throw new InvalidOrderRecordException(field, "expected an array, found " + value.getClass().getSimpleName());
        }
        final List<Record> records = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof Record child)) {
                throw new InvalidOrderRecordException(field + "[" + i + "]", "expected a record");
            }
            records.add(child);
        }
        return records;
    }

    private static List<String> strings(final Record r, final String field) {
        final Object value = r.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        // A CSV column: comma-separated tags, as Shopify exports them
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
