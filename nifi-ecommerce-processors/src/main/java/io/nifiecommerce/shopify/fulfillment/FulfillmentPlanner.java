package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what a shipment fulfills on an order, without talking to Shopify. A shipment without
 * lines takes everything remaining on the fulfillable fulfillment orders (of its location, if it
 * names one); a shipment with lines takes the quantities given, drawn from the matching lines in
 * the order Shopify lists them. The result is grouped by location.
 */
public final class FulfillmentPlanner {

    public FulfillmentPlan plan(final Shipment shipment, final FulfillableOrder order) {
        final List<FulfillmentOrder> open = order.fulfillmentOrders().stream().filter(FulfillmentOrder::fulfillable).toList();
        return shipment.partial() ? planLines(shipment, order, open) : planWhole(shipment, order, open);
    }

    private FulfillmentPlan planWhole(final Shipment shipment, final FulfillableOrder order, final List<FulfillmentOrder> open) {
        final List<FulfillmentOrder> withRemaining = open.stream().filter(fo -> fo.remainingQuantity() > 0).toList();
        final List<FulfillmentOrder> chosen = withRemaining.stream().filter(fo -> fo.atLocation(shipment.location())).toList();
        if (chosen.isEmpty()) {
            if (!withRemaining.isEmpty()) {
                return FulfillmentPlan.rejected(Status.LOCATION_MISMATCH, "Order " + order.name() + " has nothing left to fulfill at location '"
                        + shipment.location() + "'; what remains is assigned to " + locationNames(withRemaining));
            }
            return FulfillmentPlan.rejected(Status.NOTHING_TO_FULFILL, "Order " + order.name() + " has nothing left to fulfill" + blockedSuffix(order));
        }
        final Map<String, List<FulfillmentPlan.Part>> parts = new LinkedHashMap<>();
        final Map<String, FulfillmentOrder> firstOfLocation = new HashMap<>();
        for (final FulfillmentOrder fo : chosen) {
            parts.computeIfAbsent(locationKey(fo), k -> new ArrayList<>()).add(new FulfillmentPlan.Part(fo.id(), Map.of()));
            firstOfLocation.putIfAbsent(locationKey(fo), fo);
        }
        return FulfillmentPlan.of(groups(parts, firstOfLocation));
    }

    private FulfillmentPlan planLines(final Shipment shipment, final FulfillableOrder order, final List<FulfillmentOrder> open) {
        final Map<String, Integer> left = new HashMap<>();
        open.forEach(fo -> fo.lines().forEach(line -> left.put(line.id(), Math.max(0, line.remainingQuantity()))));
        // fulfillment order id -> (fulfillment order line id -> quantity), in Shopify's order
        final Map<String, Map<String, Integer>> taken = new LinkedHashMap<>();
        for (final ShipmentLine wanted : shipment.lines()) {
            if (wanted.quantity() <= 0) {
                return FulfillmentPlan.rejected(Status.INVALID_LINES, "Quantity of " + wanted.describe() + " must be greater than 0, got " + wanted.quantity());
            }
            if (wanted.sku() == null && wanted.lineItemId() == null) {
                return FulfillmentPlan.rejected(Status.INVALID_LINES, "A shipment line names neither a SKU nor a line item id");
            }
            final boolean onOrder = order.fulfillmentOrders().stream().flatMap(fo -> fo.lines().stream()).anyMatch(wanted::matches);
            if (!onOrder) {
                return FulfillmentPlan.rejected(Status.INVALID_LINES, wanted.describe() + " is not on order " + order.name()
                        + (order.complete() ? "" : " as far as it was read (the order has more than 8 fulfillment orders or 40 lines per fulfillment order)"));
            }
            int needed = wanted.quantity();
            for (final FulfillmentOrder fo : open) {
                if (!fo.atLocation(shipment.location())) {
                    continue;
                }
                for (final FulfillmentOrder.Line line : fo.lines()) {
                    if (needed == 0 || !wanted.matches(line)) {
                        continue;
                    }
                    final int take = Math.min(needed, left.get(line.id()));
                    if (take > 0) {
                        left.merge(line.id(), -take, Integer::sum);
                        taken.computeIfAbsent(fo.id(), k -> new LinkedHashMap<>()).merge(line.id(), take, Integer::sum);
                        needed -= take;
                    }
                }
            }
            if (needed > 0) {
                return shortOf(shipment, order, open, wanted, left, needed);
            }
        }
        final Map<String, List<FulfillmentPlan.Part>> parts = new LinkedHashMap<>();
        final Map<String, FulfillmentOrder> firstOfLocation = new HashMap<>();
        for (final FulfillmentOrder fo : open) {
            final Map<String, Integer> quantities = taken.get(fo.id());
            if (quantities != null) {
                parts.computeIfAbsent(locationKey(fo), k -> new ArrayList<>()).add(new FulfillmentPlan.Part(fo.id(), quantities));
                firstOfLocation.putIfAbsent(locationKey(fo), fo);
            }
        }
        return FulfillmentPlan.of(groups(parts, firstOfLocation));
    }

    /** Why a line could not be drawn in full: it is elsewhere, it is all fulfilled, or more is asked than remains. */
    private FulfillmentPlan shortOf(final Shipment shipment, final FulfillableOrder order, final List<FulfillmentOrder> open,
                                    final ShipmentLine wanted, final Map<String, Integer> left, final int missing) {
        final List<FulfillmentOrder> elsewhere = open.stream()
                .filter(fo -> !fo.atLocation(shipment.location()))
                .filter(fo -> fo.lines().stream().anyMatch(l -> wanted.matches(l) && left.get(l.id()) > 0))
                .toList();
        if (shipment.location() != null && !elsewhere.isEmpty()) {
            return FulfillmentPlan.rejected(Status.LOCATION_MISMATCH, wanted.describe() + " of order " + order.name()
                    + " remains to fulfill at " + locationNames(elsewhere) + ", not at location '" + shipment.location() + "'");
        }
        final int remaining = open.stream().flatMap(fo -> fo.lines().stream()).filter(wanted::matches).mapToInt(FulfillmentOrder.Line::remainingQuantity).sum();
        if (remaining == 0) {
            return FulfillmentPlan.rejected(Status.NOTHING_TO_FULFILL, wanted.describe() + " of order " + order.name()
                    + " has nothing left to fulfill" + blockedSuffix(order));
        }
        return FulfillmentPlan.rejected(Status.INVALID_LINES, "Shipment asks " + wanted.quantity() + " of " + wanted.describe()
                + " but only " + (wanted.quantity() - missing) + " remain to fulfill on order " + order.name()
                + (shipment.location() == null ? "" : " at location '" + shipment.location() + "'"));
    }

    private static List<FulfillmentPlan.Group> groups(final Map<String, List<FulfillmentPlan.Part>> parts,
                                                      final Map<String, FulfillmentOrder> firstOfLocation) {
        final List<FulfillmentPlan.Group> groups = new ArrayList<>();
        parts.forEach((location, locationParts) -> {
            final FulfillmentOrder first = firstOfLocation.get(location);
            groups.add(new FulfillmentPlan.Group(first.locationId(), first.locationName(), locationParts));
        });
        return groups;
    }

    private static String locationKey(final FulfillmentOrder fo) {
        return fo.locationId() != null ? fo.locationId() : "name:" + fo.locationName();
    }

    private static String locationNames(final List<FulfillmentOrder> fulfillmentOrders) {
        final Set<String> names = new LinkedHashSet<>();
        fulfillmentOrders.forEach(fo -> names.add("'" + (fo.locationName() != null ? fo.locationName() : fo.locationId()) + "'"));
        return String.join(", ", names);
    }

    /** Mentions fulfillment orders that still hold quantities but cannot be fulfilled now (on hold, scheduled...). */
    private static String blockedSuffix(final FulfillableOrder order) {
        final String blocked = order.fulfillmentOrders().stream()
                .filter(fo -> !fo.fulfillable() && fo.remainingQuantity() > 0)
                .map(fo -> fo.id() + " is " + fo.status())
                .collect(Collectors.joining(", "));
        return blocked.isEmpty() ? "" : " (" + blocked + ")";
    }
}
