package io.nifiecommerce.shopify.fulfillment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A parcel (or several) that left for one order: what the carrier or the ERP reports. Without
 * lines it ships everything still to fulfill on the order (at its location, when one is given).
 *
 * @param order the order shipped
 * @param trackingNumbers one or more, distinct, in the carrier's order; at least one is required
 *                        because the tracking number is what makes a replay recognisable
 * @param carrier the tracking company exactly as Shopify spells it (e.g. {@code DHL Express}), or null
 * @param trackingUrls parallel to the tracking numbers when known; may be shorter or empty
 * @param lines the lines shipped; empty means all remaining quantities
 * @param location the location shipped from (gid, numeric id or name), or null for any
 */
public record Shipment(OrderReference order, List<String> trackingNumbers, String carrier, List<String> trackingUrls,
                       List<ShipmentLine> lines, String location) {

    public Shipment {
        Objects.requireNonNull(order, "order");
        trackingNumbers = distinctNonBlank(trackingNumbers);
        if (trackingNumbers.isEmpty()) {
            throw new IllegalArgumentException("a shipment needs at least one tracking number");
        }
        carrier = carrier == null || carrier.isBlank() ? null : carrier.strip();
        trackingUrls = trackingUrls == null ? List.of() : trackingUrls.stream().map(u -> u == null || u.isBlank() ? null : u.strip()).toList();
        lines = lines == null ? List.of() : List.copyOf(lines);
        location = location == null || location.isBlank() ? null : location.strip();
    }

    public boolean partial() {
        return !lines.isEmpty();
    }

    /** The tracking of this shipment, numbers paired with their URLs. */
    public List<TrackingInfo> tracking() {
        final List<TrackingInfo> tracking = new ArrayList<>(trackingNumbers.size());
        for (int i = 0; i < trackingNumbers.size(); i++) {
            final String url = i < trackingUrls.size() ? trackingUrls.get(i) : null;
            tracking.add(new TrackingInfo(trackingNumbers.get(i), carrier, url));
        }
        return tracking;
    }

    private static List<String> distinctNonBlank(final List<String> values) {
        if (values == null) {
            return List.of();
        }
        final LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (final String value : values) {
            if (value != null && !value.isBlank()) {
                distinct.add(value.strip());
            }
        }
        return List.copyOf(distinct);
    }
}
