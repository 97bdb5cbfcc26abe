package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Business Central API v2.0 {@code salesOrders} entity, with {@code salesOrderLines} expanded, as a
 * {@link ShippingOrder} (field names of Microsoft's page definitions APIV2SalesOrders / APIV2SalesOrderLines).
 * Item lines are kept with what is left to ship ({@code quantity - shippedQuantity}, 0 once shipped), and an order
 * with nothing left is no instruction; an optional
 * {@code gtin} field on a line (added by the flow, e.g. from the items page) is passed on.
 */
public final class SalesOrderShippingMapper {

    /** BC's blank date. */
    private static final String BLANK_DATE = "0001-01-01";

    private final String requiredStatus;

    /** @param requiredStatus the salesOrder.status an order must have to be shipped ("Open" is BC's Released), or null for any */
    public SalesOrderShippingMapper(final String requiredStatus) {
        this.requiredStatus = requiredStatus == null || requiredStatus.isBlank() ? null : requiredStatus.trim();
    }

    /**
     * The shipping order, or empty when the order is not to be shipped: another status, or nothing left to ship.
     *
     * @throws IllegalArgumentException when the entity lacks what a shipping order needs (number, date, a bad quantity)
     */
    public Optional<ShippingOrder> map(final Map<String, ?> salesOrder) {
        final String status = text(salesOrder, "status");
        if (requiredStatus != null && !requiredStatus.equalsIgnoreCase(status)) {
            return Optional.empty();
        }
        final String number = text(salesOrder, "number");
        if (number == null) {
            throw new IllegalArgumentException("sales order without number");
        }
        final Object rawLines = salesOrder.get("salesOrderLines");
        if (!(rawLines instanceof List<?> lineList)) {
            throw new IllegalArgumentException("sales order " + number + " has no salesOrderLines: read salesOrders with $expand=salesOrderLines");
        }
        final List<ShippingOrder.Line> lines = new ArrayList<>();
        for (final Object raw : lineList) {
            if (!(raw instanceof Map<?, ?> line)) {
                continue;
            }
            final String type = text(line, "lineType");
            if (type != null && !"Item".equalsIgnoreCase(type)) {
                continue;
            }
            final BigDecimal ordered = decimal(line, "quantity", number);
            // a line shipped completely stays, with nothing left: it is part of the order's version, not of what to pick
            final BigDecimal remaining = ordered.subtract(decimal(line, "shippedQuantity", number)).max(BigDecimal.ZERO);
            final Object sequence = line.get("sequence");
            if (!(sequence instanceof Number) && (sequence == null || !sequence.toString().matches("\\d+"))) {
                throw new IllegalArgumentException("sales order " + number + ": a line without sequence (line number)");
            }
            lines.add(new ShippingOrder.Line(Integer.parseInt(sequence.toString()), text(line, "lineObjectNumber"), text(line, "gtin"),
                    text(line, "description"), remaining, text(line, "unitOfMeasureCode"), ordered));
        }
        if (lines.stream().noneMatch(l -> l.quantity().signum() > 0)) {
            return Optional.empty();
        }
        final LocalDate orderDate = date(salesOrder, "orderDate", number);
        if (orderDate == null) {
            throw new IllegalArgumentException("sales order " + number + " without orderDate");
        }
        final ShippingOrder.ShipTo shipTo = new ShippingOrder.ShipTo(text(salesOrder, "shipToName"), text(salesOrder, "shipToContact"),
                text(salesOrder, "shipToAddressLine1"), text(salesOrder, "shipToAddressLine2"), text(salesOrder, "shipToCity"),
                text(salesOrder, "shipToState"), text(salesOrder, "shipToPostCode"), text(salesOrder, "shipToCountry"),
                text(salesOrder, "phoneNumber"), text(salesOrder, "email"));
        return Optional.of(new ShippingOrder(number, text(salesOrder, "externalDocumentNumber"), orderDate,
                date(salesOrder, "requestedDeliveryDate", number), text(salesOrder, "customerNumber"), shipTo, lines));
    }

    private static String text(final Map<?, ?> entity, final String field) {
        final Object value = entity.get(field);
        if (value == null) {
            return null;
        }
        final String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static BigDecimal decimal(final Map<?, ?> entity, final String field, final String order) {
        final String text = text(entity, field);
        if (text == null) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sales order " + order + ": " + field + " '" + text + "' is not a number");
        }
    }

    private static LocalDate date(final Map<?, ?> entity, final String field, final String order) {
        final String text = text(entity, field);
        if (text == null || BLANK_DATE.equals(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sales order " + order + ": " + field + " '" + text + "' is not a date");
        }
    }
}
