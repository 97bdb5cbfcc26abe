package io.nifiecommerce.shopify.fulfillment;

import java.time.Instant;
import java.util.List;

/**
 * One input record read as a shipment fact: a carrier tracking event or an ERP shipment. Several
 * events may describe the same shipment (a parcel's successive scans); {@link ShipmentGrouping}
 * folds them.
 *
 * @param index the record's position in its FlowFile, to route its result back to it
 * @param status canonical carrier status (IN_TRANSIT, DELIVERED...), null for ERP shipments
 * @param statusFinal whether the carrier says the status is final, null when unknown
 * @param eventTime when the carrier saw it, null when unknown (the record order decides then)
 */
public record ShipmentEvent(int index, OrderReference order, List<String> trackingNumbers, String carrier, List<String> trackingUrls,
                            List<ShipmentLine> lines, String location, String status, Boolean statusFinal, Instant eventTime) {

    public ShipmentEvent {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
        trackingUrls = trackingUrls == null ? List.of() : trackingUrls.stream().map(u -> u == null ? "" : u).toList();
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    String urlOf(final String trackingNumber) {
        final int i = trackingNumbers.indexOf(trackingNumber);
        return i >= 0 && i < trackingUrls.size() && !trackingUrls.get(i).isBlank() ? trackingUrls.get(i) : null;
    }
}
