package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.sandbox.shopify.Shop;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the shop with Business Central: every shop order must be in BC exactly once (as an open
 * order, or shipped and invoiced), for the same amount to the cent; stock published to the shop must
 * equal its sources; shipped orders must carry their tracking in Shopify.
 *
 * @param shopOrders orders in the shop that must reach BC
 * @param ordersInBc shop orders found in BC at least once
 * @param duplicates BC documents beyond the first per external document number
 * @param amountMismatches orders whose BC total differs from the shop total
 * @param b2bWaiting B2B orders still waiting for validation (not expected in BC yet)
 * @param elapsed time since the flows were started
 * @param b2bFulfilledWithTracking of the orders fulfilled with tracking, those BC holds under their draft's name (#D12)
 * @param b2b the B2B orders approved as drafts: in BC once, with BC's carrier price in Shopify
 * @param lifecycle cancellations and refunds (cancelled orders are not among the shop orders that must reach BC)
 */
public record SyncReport(int shopOrders, int ordersInBc, int duplicates, List<String> amountMismatches, long b2bWaiting,
                         int marketplaceExpected, int marketplaceInBc, int stockExpected, int stockMatching,
                         int shipped, int fulfilledWithTracking, int b2bFulfilledWithTracking, Map<String, Long> sandbox, Duration elapsed, B2bReview.Counts b2b,
                         LifecycleReport lifecycle) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Everything validated has reached BC once, for the right amount. */
    public boolean ordersSynced() {
        return b2bWaiting == 0 && ordersInBc == shopOrders && duplicates == 0 && amountMismatches.isEmpty()
                && marketplaceInBc == marketplaceExpected && b2b.inBcOnce() == b2b.approved() && b2b.withErpCarrierPrice() == b2b.approved();
    }

    public boolean complete() {
        return ordersSynced() && stockMatching == stockExpected && fulfilledWithTracking == shipped && lifecycle.settled();
    }

    /**
     * @param bcInventorySeen every inventory each BC item held since the flows started: shipments lower it
     *                        and the shop follows at the next hourly read, so the shop must hold one of
     *                        them (what BC held when the flow last read it), not any other number
     */
    static SyncReport of(final Sandbox sandbox, final BcCompany bc, final long b2bWaiting, final List<String> marketplaceNames,
                         final Map<String, Integer> warehouseStock, final long warehouseLocationId, final Map<String, Set<Integer>> bcInventorySeen,
                         final long bcStockLocationId, final Map<String, String> trackingByOrder, final Duration elapsed,
                         final CustomerService customerService) {
        final Map<String, List<JsonNode>> documents = new HashMap<>();
        for (final List<JsonNode> set : List.of(bc.salesOrders(), bc.salesInvoices())) {
            for (final JsonNode document : set) {
                documents.computeIfAbsent(document.path("externalDocumentNumber").asText(""), k -> new ArrayList<>()).add(document);
            }
        }
        final Shop shop = sandbox.shopify().shop();
        final Map<Long, String> bcReferences = B2bReview.bcReferences(shop);
        int expected = 0;
        int found = 0;
        int duplicates = 0;
        final List<String> mismatches = new ArrayList<>();
        for (final Order order : shop.orders()) {
            if (order.cancelledAt() != null) {
                continue; // cancelled: must not be open in BC (LifecycleReport), need not be there at all
            }
            expected++;
            // an order completed from an approved draft went to BC under the draft's name
            final List<JsonNode> copies = documents.getOrDefault(bcReferences.getOrDefault(order.id(), order.name()), List.of());
            if (copies.isEmpty()) {
                continue;
            }
            found++;
            duplicates += copies.size() - 1;
            // BC computes its own tax from its VAT setup: the ERP reconciliation is on the amount excluding tax
            final BigDecimal bcNet = copies.get(0).path("totalAmountExcludingTax").decimalValue();
            final BigDecimal shopNet = order.totalPrice().subtract(order.totalTax());
            if (bcNet.compareTo(shopNet) != 0) {
                mismatches.add(order.name() + ": shop " + shopNet + " vs BC " + bcNet + " excluding tax");
            }
        }
        final int marketplaceInBc = (int) marketplaceNames.stream().filter(documents::containsKey).count();
        int stockExpected = 0;
        int stockMatching = 0;
        for (final Variant variant : sandbox.seed().variants()) {
            final Integer warehouse = warehouseStock.get(variant.sku());
            if (warehouse != null) {
                stockExpected++;
                if (quantity(shop, variant, warehouseLocationId).filter(warehouse::equals).isPresent()) {
                    stockMatching++;
                }
            }
            final Set<Integer> inventory = bcInventorySeen.get(variant.sku());
            final boolean stockedAtBcLocation = sandbox.seed().stockLevels().stream()
                    .anyMatch(l -> l.inventoryItemId() == variant.inventoryItemId() && l.locationId() == bcStockLocationId);
            if (inventory != null && stockedAtBcLocation) {
                stockExpected++;
                if (quantity(shop, variant, bcStockLocationId).filter(inventory::contains).isPresent()) {
                    stockMatching++;
                }
            }
        }
        int fulfilled = 0;
        int fulfilledFromDrafts = 0;
        int shipped = 0;
        for (final Order order : shop.orders()) {
            final String tracking = trackingByOrder.get(bcReferences.getOrDefault(order.id(), order.name()));
            shipped += tracking == null ? 0 : 1;
            if (tracking != null && shop.fulfillmentsOf(order.id()).stream()
                    .anyMatch(f -> f.tracking().stream().anyMatch(t -> tracking.equals(t.number())))) {
                fulfilled++;
                fulfilledFromDrafts += bcReferences.containsKey(order.id()) ? 1 : 0;
            }
        }
        return new SyncReport(expected, found, duplicates, mismatches, b2bWaiting, marketplaceNames.size(), marketplaceInBc,
                stockExpected, stockMatching, shipped, fulfilled, fulfilledFromDrafts, sandbox.stats().snapshot(), elapsed, B2bReview.count(shop, documents),
                LifecycleReport.of(shop, bc, customerService));
    }

    /** The shop's quantity of the SKU: its inventory item is the one the ERP's product sync made, not the seed's. */
    private static Optional<Integer> quantity(final Shop shop, final Variant variant, final long locationId) {
        return shop.variants().stream().filter(v -> v.sku().equals(variant.sku())).findFirst()
                .flatMap(synced -> shop.quantity(synced.inventoryItemId(), locationId, "available"));
    }

    /** One line of JSON: the demo's last line, for scripts. */
    public String toJson(final boolean synced, final String reason) {
        final ObjectNode json = MAPPER.createObjectNode();
        json.put("synced", synced);
        if (reason != null) {
            json.put("reason", reason);
        }
        json.put("shopOrders", shopOrders);
        json.put("ordersInBusinessCentral", ordersInBc);
        json.put("duplicates", duplicates);
        json.put("amountMismatches", amountMismatches.size());
        json.put("b2bWaitingValidation", b2bWaiting);
        json.put("approvedB2bOrders", b2b.approved());
        json.put("approvedB2bOrdersInBusinessCentralOnce", b2b.inBcOnce());
        json.put("approvedB2bOrdersWithErpCarrierPrice", b2b.withErpCarrierPrice());
        json.put("marketplaceOrders", marketplaceExpected);
        json.put("marketplaceOrdersInBusinessCentral", marketplaceInBc);
        json.put("stockLevelsExpected", stockExpected);
        json.put("stockLevelsMatching", stockMatching);
        json.put("ordersShipped", shipped);
        json.put("fulfillmentsWithTracking", fulfilledWithTracking);
        json.put("approvedB2bOrdersFulfilledWithTracking", b2bFulfilledWithTracking);
        // the carriers' statuses posted to those fulfillments (PutShopifyFulfillment, fulfillmentEventCreate)
        json.put("fulfillmentEvents", sandbox.getOrDefault("shopify.fulfillmentEvents.created", 0L));
        lifecycle.writeTo(json);
        json.put("elapsedSeconds", elapsed.toSeconds());
        final ObjectNode counters = json.putObject("sandbox");
        sandbox.forEach((key, value) -> {
            if (key.startsWith("faults.") || key.contains(".throttled") || key.startsWith("bc.duplicates") || key.startsWith("mirakl.")
                    || key.startsWith("amazon.")
                    || key.equals("shopify.fulfillments") || key.startsWith("shopify.inventory")) {
                counters.put(key, value);
            }
        });
        return json.toString();
    }

    /** The progress line printed while the flows run. */
    public String progress() {
        return String.format("orders in BC %d/%d (B2B drafts waiting: %d, approved in BC once %d/%d, with ERP carrier price %d, duplicates: %d, "
                        + "amount mismatches: %d%s) | marketplace files %d/%d, Amazon %d/%d, Mirakl %d/%d | stock %d/%d | fulfillments with tracking %d/%d",
                ordersInBc, shopOrders, b2bWaiting, b2b.inBcOnce(), b2b.approved(), b2b.withErpCarrierPrice(), duplicates, amountMismatches.size(),
                amountMismatches.isEmpty() ? "" : ", e.g. " + amountMismatches.get(0), marketplaceInBc, marketplaceExpected,
                sandbox.getOrDefault("amazon.ordersInBusinessCentral", 0L), sandbox.getOrDefault("amazon.ordersToFulfil", 0L),
                sandbox.getOrDefault("mirakl.ordersInBusinessCentral", 0L), sandbox.getOrDefault("mirakl.ordersToFulfil", 0L),
                stockMatching, stockExpected, fulfilledWithTracking, shipped) + lifecycle.progress();
    }
}
