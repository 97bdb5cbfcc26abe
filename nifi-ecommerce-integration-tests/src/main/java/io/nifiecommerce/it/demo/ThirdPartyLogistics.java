package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcCustomPage;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.Variant;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Plays the 3PL and the carrier: ships the sales orders that reached Business Central (BC moves them
 * to shipments and invoices), reports their tracking in a CSV feed, and reports the warehouse stock
 * in an EDI inventory report.
 */
final class ThirdPartyLogistics {

    static final String WAREHOUSE_CODE = "WH01";

    private final BcCompany bc;
    private final BcCustomPage erpTracking;
    private final FeedFiles trackingFeeds;
    private final FeedFiles stockReports;
    private final Set<String> shipped = new HashSet<>();
    private final Map<String, String> trackingByOrder = new HashMap<>();
    private final Map<String, Set<Integer>> bcInventorySeen = new HashMap<>();
    private int feedNumber;

    /**
     * @param erpTracking the custom BC API page where the ERP records tracking numbers: every other
     *                    shipment's tracking goes there instead of the carrier feed, as when the 3PL
     *                    reports to the ERP
     */
    ThirdPartyLogistics(final BcCompany bc, final BcCustomPage erpTracking, final FeedFiles trackingFeeds, final FeedFiles stockReports) {
        this.bc = bc;
        this.erpTracking = erpTracking;
        this.trackingFeeds = trackingFeeds;
        this.stockReports = stockReports;
        observeBcInventory();
    }

    /**
     * Ships up to {@code count} open sales orders whose reference passes {@code shippable} (the shop's
     * orders not cancelled; marketplace orders ship through the marketplace) and reports their tracking.
     */
    int shipSome(final int count, final Predicate<String> shippable) throws IOException {
        final List<JsonNode> toShip = unshipped(shippable).limit(count).toList();
        if (toShip.isEmpty()) {
            return 0;
        }
        final StringBuilder csv = new StringBuilder("order_reference,tracking_number,carrier,status,status_label,event_time,city,postal_code,country\n");
        boolean feedHasRows = false;
        for (final JsonNode order : toShip) {
            final String reference = order.path("externalDocumentNumber").asText();
            final String number = order.path("number").asText();
            bc.shipAndInvoice(number);
            observeBcInventory();
            shipped.add(reference);
            final String tracking = TrackingNumbers.colissimo(1_000_000L + shipped.size() * 7919L);
            trackingByOrder.put(reference, tracking);
            if (shipped.size() % 2 == 0) {
                bc.addCustomRow(erpTracking, Map.of("trackingNumber", tracking, "carrier", "Colissimo", "orderNumber", number,
                        "externalDocumentNumber", reference));
            } else {
                csv.append(reference).append(',').append(tracking).append(",Colissimo,PICKED_UP,Pris en charge,")
                        .append(Instant.now()).append(",Lyon,69007,FR\n");
                feedHasRows = true;
            }
        }
        if (feedHasRows) {
            trackingFeeds.drop("tracking-" + (++feedNumber) + ".csv", csv.toString());
        }
        return toShip.size();
    }

    /** How many open sales orders passing {@code shippable} the 3PL has not shipped yet. */
    long leftToShip(final Predicate<String> shippable) {
        return unshipped(shippable).count();
    }

    private Stream<JsonNode> unshipped(final Predicate<String> shippable) {
        return bc.salesOrders().stream().filter(order -> {
            final String reference = order.path("externalDocumentNumber").asText("");
            return !reference.isEmpty() && !shipped.contains(reference) && shippable.test(reference);
        });
    }

    /** Reports the warehouse's stock of every SKU; returns the expected quantity per SKU. */
    Map<String, Integer> reportStock(final ShopSeedData seed, final long warehouseLocationId) throws IOException {
        final Map<String, Integer> expected = new HashMap<>();
        final List<FeedFiles.StockLine> lines = new ArrayList<>();
        for (final Variant variant : seed.variants()) {
            final boolean stockedThere = seed.stockLevels().stream()
                    .anyMatch(level -> level.inventoryItemId() == variant.inventoryItemId() && level.locationId() == warehouseLocationId);
            if (!stockedThere) {
                continue;
            }
            final int quantity = seed.stockLevels().stream()
                    .filter(level -> level.inventoryItemId() == variant.inventoryItemId() && level.locationId() == warehouseLocationId)
                    .mapToInt(StockLevel::onHand).sum() + 3;
            lines.add(new FeedFiles.StockLine(variant.sku(), variant.barcode(), quantity));
            expected.put(variant.sku(), quantity);
        }
        stockReports.drop("invrpt-" + System.currentTimeMillis() + ".edi", FeedFiles.invrpt("1001", WAREHOUSE_CODE, lines));
        return expected;
    }

    /** Only shipments change BC's inventory during the demo: recording it after each gives every value it ever held. */
    private void observeBcInventory() {
        bc.items().forEach(item -> bcInventorySeen.computeIfAbsent(item.path("number").asText(), k -> new HashSet<>())
                .add(Math.max(0, item.path("inventory").asInt())));
    }

    /** Every inventory each BC item held since the demo started (shop quantities are never negative). */
    Map<String, Set<Integer>> bcInventorySeen() {
        return bcInventorySeen;
    }

    Map<String, String> trackingByOrder() {
        return trackingByOrder;
    }

    int shippedCount() {
        return shipped.size();
    }
}
