package io.nifiecommerce.shopify.fulfillment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the events of one FlowFile into shipments, so that the successive scans of a parcel make one
 * shipment and not one Shopify call each. Grouped by order, the events of one order without lines
 * make one shipment carrying all their tracking numbers (a multi-parcel shipment); events with lines
 * are separate shipments per tracking number. Only the latest event of each tracking number counts
 * (by event time, then record order). Every event belongs to exactly one group.
 */
public final class ShipmentGrouping {

    /** A shipment, the records it came from, and whether its latest statuses call for a fulfillment. */
    public record Group(Shipment shipment, List<Integer> recordIndexes, boolean admitted, String latestStatus) {
    }

    private static final Comparator<ShipmentEvent> CHRONOLOGICAL = Comparator
            .comparing(ShipmentEvent::eventTime, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(ShipmentEvent::index);

    private final boolean byOrder;
    private final StatusPolicy policy;

    public ShipmentGrouping(final boolean byOrder, final StatusPolicy policy) {
        this.byOrder = byOrder;
        this.policy = policy;
    }

    public List<Group> group(final List<ShipmentEvent> events) {
        final Map<String, List<ShipmentEvent>> byKey = new LinkedHashMap<>();
        for (final ShipmentEvent event : events) {
            byKey.computeIfAbsent(key(event), k -> new ArrayList<>()).add(event);
        }
        final List<Group> groups = new ArrayList<>();
        byKey.values().forEach(members -> groups.add(fold(members)));
        return groups;
    }

    private String key(final ShipmentEvent event) {
        if (!byOrder) {
            return "record:" + event.index();
        }
        final String order = event.order().key() + "|" + event.location();
        return event.lines().isEmpty() ? order : order + "|" + String.join(",", event.trackingNumbers());
    }

    private Group fold(final List<ShipmentEvent> members) {
        final List<ShipmentEvent> chronological = members.stream().sorted(CHRONOLOGICAL).toList();
        final ShipmentEvent latest = chronological.getLast();
        final Set<String> numbers = new LinkedHashSet<>();
        members.forEach(e -> numbers.addAll(e.trackingNumbers()));
        // latest event per tracking number: its URL and status count
        final Map<String, ShipmentEvent> latestOf = new LinkedHashMap<>();
        chronological.forEach(e -> e.trackingNumbers().forEach(n -> latestOf.put(n, e)));
        final List<String> urls = new ArrayList<>();
        for (final String number : numbers) {
            final String url = chronological.reversed().stream().map(e -> e.urlOf(number)).filter(u -> u != null).findFirst().orElse(null);
            urls.add(url);
        }
        final String carrier = chronological.reversed().stream().map(ShipmentEvent::carrier).filter(c -> c != null && !c.isBlank())
                .findFirst().orElse(null);
        boolean admitted = latestOf.isEmpty() && policy.admits(latest.status(), latest.statusFinal());
        for (final ShipmentEvent event : latestOf.values()) {
            admitted |= policy.admits(event.status(), event.statusFinal());
        }
        final Shipment shipment = new Shipment(latest.order(), List.copyOf(numbers), carrier, urls, latest.lines(), latest.location());
        return new Group(shipment, members.stream().map(ShipmentEvent::index).toList(), admitted, latest.status());
    }
}
