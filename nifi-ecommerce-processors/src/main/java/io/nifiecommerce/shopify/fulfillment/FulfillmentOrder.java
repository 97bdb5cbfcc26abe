package io.nifiecommerce.shopify.fulfillment;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Shopify fulfillment order: the part of an order assigned to one location, with what remains to
 * fulfill per line. Only OPEN and IN_PROGRESS fulfillment orders accept a fulfillment; the others
 * (CLOSED, CANCELLED, ON_HOLD, SCHEDULED, INCOMPLETE) are refused by {@code fulfillmentCreate}.
 */
public record FulfillmentOrder(String id, String status, String locationId, String locationName, List<Line> lines) {

    private static final Set<String> FULFILLABLE = Set.of("OPEN", "IN_PROGRESS");

    /** A fulfillment order line: its own id (sent back in {@code fulfillmentOrderLineItems}), what remains, and the order line it fulfills. */
    public record Line(String id, int remainingQuantity, String lineItemId, String sku) {
    }

    public FulfillmentOrder {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public boolean fulfillable() {
        return status != null && FULFILLABLE.contains(status.toUpperCase(Locale.ROOT));
    }

    public int remainingQuantity() {
        return lines.stream().mapToInt(Line::remainingQuantity).sum();
    }

    /**
     * Whether this fulfillment order is assigned to the location a shipment names: its gid, the
     * numeric id at the end of the gid, or its name (case-insensitive).
     */
    public boolean atLocation(final String location) {
        if (location == null) {
            return true;
        }
        if (locationId != null && (locationId.equals(location) || locationId.endsWith("/" + location))) {
            return true;
        }
        return locationName != null && locationName.equalsIgnoreCase(location);
    }
}
