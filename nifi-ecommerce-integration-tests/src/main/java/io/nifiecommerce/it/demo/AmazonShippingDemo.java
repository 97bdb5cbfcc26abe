package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.amazon.AmazonSimulator;
import io.nifiecommerce.sandbox.bc.BcCompany;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seller's warehouse for Amazon orders (merchant fulfilled): once an order paid on Amazon is a sales order in BC, it
 * ships it with Colissimo, and the carrier's tracking feed (two events per parcel) lands where the marketplace flow lists
 * marketplace parcels; the flow confirms each on Amazon (confirmShipment). The run is complete once every order shipped
 * this way is Shipped on Amazon, each with one package.
 */
final class AmazonShippingDemo {

    private final AmazonSimulator amazon;
    private final FeedFiles feeds;
    /** Amazon order id → the tracking number of its parcel. */
    private final Map<String, String> shipped = new LinkedHashMap<>();

    AmazonShippingDemo(final AmazonSimulator amazon, final FeedFiles feeds) {
        this.amazon = amazon;
        this.feeds = feeds;
    }

    /** Ships the Amazon orders now in BC and not shipped yet, in one carrier feed. */
    void step(final BcCompany bc) throws IOException {
        final Set<String> inBc = new HashSet<>();
        bc.salesOrders().forEach(order -> inBc.add(order.path("externalDocumentNumber").asText()));
        final List<String> toShip = amazon.seller().orderIdsIn(Set.of("Unshipped")).stream()
                .filter(id -> inBc.contains(id) && !shipped.containsKey(id)).toList();
        if (toShip.isEmpty()) {
            return;
        }
        final StringBuilder csv = new StringBuilder("order_reference,tracking_number,carrier,status,status_label,event_time,city,postal_code,country\n");
        final Instant now = Instant.now();
        for (final String order : toShip) {
            final String tracking = TrackingNumbers.colissimo(5_000_000L + (shipped.size() + 1) * 7919L);
            shipped.put(order, tracking);
            csv.append(order).append(',').append(tracking).append(",Colissimo,PICKED_UP,Pris en charge,").append(now.minusSeconds(60))
                    .append(",Lyon,69007,FR\n");
            csv.append(order).append(',').append(tracking).append(",Colissimo,IN_TRANSIT,En cours d'acheminement,").append(now)
                    .append(",Lyon,69007,FR\n");
        }
        feeds.drop("amazon-parcels-" + now.toEpochMilli() + ".csv", csv.toString());
    }

    /** Every Amazon order the warehouse shipped is Shipped on Amazon, and there was at least one. */
    boolean complete() {
        return !shipped.isEmpty() && confirmed() == shipped.size();
    }

    private long confirmed() {
        return shipped.keySet().stream().filter(id -> amazon.seller().status(id).equals("Shipped")).count();
    }

    /** The summary's {@code amazonShipments} section. */
    void addTo(final ObjectNode json) {
        final ObjectNode section = json.putObject("amazonShipments");
        section.put("ordersShipped", shipped.size());
        section.put("confirmedOnAmazon", confirmed());
        final long packages = shipped.keySet().stream().mapToLong(id -> amazon.seller().packages(id).size()).sum();
        section.put("packages", packages);
        section.put("packageDuplicates", packages - shipped.size());
        section.put("trackingMatching", shipped.entrySet().stream().filter(e -> amazon.seller().packages(e.getKey()).stream()
                .map(p -> p.path("trackingNumber").asText()).allMatch(e.getValue()::equals)).count());
        section.put("carrierCodes", String.join(",", shipped.keySet().stream().flatMap(id -> amazon.seller().packages(id).stream())
                .map(p -> p.path("carrierCode").asText()).distinct().sorted().toList()));
        section.put("confirmShipmentCalls", amazon.calls().getOrDefault("confirmShipment", 0L));
    }
}
