package io.nifiecommerce.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One selling partner's orders on Amazon, as the Orders API v0 shows them. An order is placed {@code Pending} (payment
 * not authorised yet), becomes {@code Unshipped} once its payment is authorised ({@code paymentDelay} later), then
 * {@code PartiallyShipped} or {@code Shipped}; it may be {@code Canceled} before it ships. FBA orders Amazon cannot
 * fulfil are {@code Unfulfillable}. Every change moves {@code LastUpdateDate}.
 * <p>
 * Prices are those of an EU marketplace: {@code ItemPrice} is the price of the line (unit price times quantity), VAT
 * included, and {@code ItemTax} the VAT within it; the same for shipping and promotions. Without a Restricted Data
 * Token, an order carries no buyer name, e-mail or street: its {@code ShippingAddress} has only the city, postal code,
 * region and country, and only once the order is no longer Pending; {@code BuyerInfo} is empty.
 */
public final class AmazonSeller {

    /** Amazon France. */
    public static final String MARKETPLACE_FR = "A13V1IB3VIYZZH";

    private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Clock clock;
    private final Duration paymentDelay;
    private final Map<String, SellerOrder> orders = new LinkedHashMap<>();
    private long sequence;

    public AmazonSeller(final Clock clock, final Duration paymentDelay) {
        this.clock = clock;
        this.paymentDelay = paymentDelay;
    }

    /** One line as the buyer ordered it: unit price VAT included, the VAT rate as a fraction, shipping and promotion of the line. */
    public record NewItem(String sellerSku, String title, int quantity, BigDecimal unitPrice, BigDecimal vatRate, BigDecimal shipping,
                          BigDecimal promotion) {
    }

    /** Where the order ships: only what SP-API shows without a Restricted Data Token. */
    public record Destination(String city, String postalCode, String countryCode) {
    }

    private static final class SellerOrder {
        final String id;
        final Instant purchased;
        final String marketplaceId;
        final String fulfillmentChannel;
        final Destination destination;
        final List<NewItem> items;
        final List<String> itemIds = new ArrayList<>();
        /** The packages confirmed, by packageReferenceId: orderItemId → units. */
        final Map<String, Map<String, Integer>> packages = new LinkedHashMap<>();
        final Map<String, JsonNode> packageDetails = new LinkedHashMap<>();
        String status = "Pending";
        Instant updated;

        int shipped(final String itemId, final String exceptPackage) {
            return packages.entrySet().stream().filter(p -> !p.getKey().equals(exceptPackage))
                    .mapToInt(p -> p.getValue().getOrDefault(itemId, 0)).sum();
        }

        int shippedItems() {
            return itemIds.stream().mapToInt(id -> shipped(id, null)).sum();
        }

        SellerOrder(final String id, final Instant purchased, final String marketplaceId, final String fulfillmentChannel,
                    final Destination destination, final List<NewItem> items) {
            this.id = id;
            this.purchased = purchased;
            this.updated = purchased;
            this.marketplaceId = marketplaceId;
            this.fulfillmentChannel = fulfillmentChannel;
            this.destination = destination;
            this.items = List.copyOf(items);
        }
    }

    public Clock clock() {
        return clock;
    }

    /** Places an MFN order on a marketplace; its AmazonOrderId (3-7-7 digits) is returned. */
    public synchronized String placeOrder(final String marketplaceId, final Destination destination, final List<NewItem> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("An order has at least one item");
        }
        sequence++;
        final String id = String.format("405-%07d-%07d", 1_000_000 + sequence, (sequence * 7_919) % 10_000_000);
        final SellerOrder order = new SellerOrder(id, now(), marketplaceId, "MFN", destination, items);
        for (int i = 0; i < items.size(); i++) {
            order.itemIds.add(String.format("%014d", 10_000_000_000L * (i + 1) + sequence));
        }
        orders.put(id, order);
        return id;
    }

    /** Ships {@code quantity} more units (every unit when null): PartiallyShipped, then Shipped. */
    public synchronized void ship(final String orderId, final Integer quantity) {
        final SellerOrder order = require(orderId);
        settle();
        if (!order.status.equals("Unshipped") && !order.status.equals("PartiallyShipped")) {
            throw AmazonApiError.invalidInput("Order " + orderId + " is " + order.status + " and cannot ship");
        }
        // the seller confirms in Seller Central: one package of the next units not shipped, in item order
        int left = quantity == null ? Integer.MAX_VALUE : quantity;
        final Map<String, Integer> units = new LinkedHashMap<>();
        for (int i = 0; i < order.items.size() && left > 0; i++) {
            final int open = order.items.get(i).quantity() - order.shipped(order.itemIds.get(i), null);
            if (open > 0) {
                units.put(order.itemIds.get(i), Math.min(open, left));
                left -= Math.min(open, left);
            }
        }
        order.packages.put("seller-central-" + (order.packages.size() + 1), units);
        changeShipped(order);
    }

    /** One package of a shipment confirmation (confirmShipment's packageDetail, the fields the simulator keeps). */
    public record Package(String packageReferenceId, String carrierCode, String carrierName, String trackingNumber, Instant shipDate,
                          Map<String, Integer> units) {
    }

    /**
     * Amazon's checks of a package (Orders API v0 {@code confirmShipment}) and its effect: the order becomes
     * PartiallyShipped or Shipped. A package whose reference the order already has replaces it (a repeat changes nothing).
     */
    public synchronized void confirmShipment(final String orderId, final String marketplaceId, final Package confirmed) {
        final SellerOrder order = orders.get(orderId);
        if (order == null) {
            throw AmazonApiError.notFound("Order " + orderId + " is not found.");
        }
        settle();
        if (!order.marketplaceId.equals(marketplaceId)) {
            throw AmazonApiError.invalidInput("MarketplaceId " + marketplaceId + " does not match the order's marketplace.");
        }
        if (order.fulfillmentChannel.equals("AFN")) {
            throw AmazonApiError.invalidInput("Order " + orderId + " is fulfilled by Amazon.");
        }
        final boolean known = order.packages.containsKey(confirmed.packageReferenceId());
        switch (order.status) {
            case "Unshipped", "PartiallyShipped" -> {
                // shippable
            }
            case "Shipped" -> {
                if (!known) {
                    throw AmazonApiError.invalidInput("Failed to create package due to not finding a matching package or order already fulfilled.");
                }
            }
            case "Canceled" -> throw AmazonApiError.invalidInput("Order " + orderId + " is canceled and cannot be shipped.");
            default -> throw AmazonApiError.invalidInput("Order " + orderId + " is " + order.status + " and cannot be shipped yet.");
        }
        for (final Map.Entry<String, Integer> unit : confirmed.units().entrySet()) {
            final int index = order.itemIds.indexOf(unit.getKey());
            if (index < 0) {
                throw AmazonApiError.invalidInput("OrderItemId " + unit.getKey()
                        + " is invalid, please obtain the value through the getOrderItems API or Manage Orders page");
            }
            if (unit.getValue() < 1 || order.shipped(unit.getKey(), confirmed.packageReferenceId()) + unit.getValue() > order.items.get(index).quantity()) {
                throw AmazonApiError.invalidInput("Quantity " + unit.getValue() + " of OrderItemId " + unit.getKey() + " exceeds the quantity left to ship.");
            }
        }
        order.packages.put(confirmed.packageReferenceId(), Map.copyOf(confirmed.units()));
        final ObjectNode detail = MAPPER.createObjectNode().put("packageReferenceId", confirmed.packageReferenceId())
                .put("carrierCode", confirmed.carrierCode()).put("carrierName", confirmed.carrierName())
                .put("trackingNumber", confirmed.trackingNumber()).put("shipDate", confirmed.shipDate().toString());
        confirmed.units().forEach((id, quantity) -> detail.withArray("orderItems").addObject().put("orderItemId", id).put("quantity", quantity));
        order.packageDetails.put(confirmed.packageReferenceId(), detail);
        changeShipped(order);
    }

    /** The packages confirmed for an order, as the simulator keeps them. */
    public synchronized List<JsonNode> packages(final String orderId) {
        return List.copyOf(require(orderId).packageDetails.values());
    }

    private void changeShipped(final SellerOrder order) {
        final int total = order.items.stream().mapToInt(NewItem::quantity).sum();
        final int shipped = order.shippedItems();
        final String status = shipped >= total ? "Shipped" : shipped > 0 ? "PartiallyShipped" : order.status;
        if (!status.equals(order.status)) {
            change(order, status);
        }
    }

    /** The buyer or the seller cancels an order not shipped yet. */
    public synchronized void cancel(final String orderId) {
        final SellerOrder order = require(orderId);
        settle();
        if (!order.status.equals("Pending") && !order.status.equals("Unshipped")) {
            throw AmazonApiError.invalidInput("Order " + orderId + " is " + order.status + " and cannot be cancelled");
        }
        change(order, "Canceled");
    }

    /** An order as getOrder shows it. */
    public synchronized Optional<ObjectNode> order(final String orderId) {
        settle();
        return Optional.ofNullable(orders.get(orderId)).map(this::json);
    }

    /** The status of an order now (payment authorisations due applied first). */
    public synchronized String status(final String orderId) {
        settle();
        return require(orderId).status;
    }

    /** Ids of the orders in one of {@code statuses}, oldest first. */
    public synchronized List<String> orderIdsIn(final Set<String> statuses) {
        settle();
        return orders.values().stream().filter(order -> statuses.contains(order.status)).map(order -> order.id).toList();
    }

    /**
     * The orders matching {@code filter} as getOrders shows them, by LastUpdateDate then id: a stable order for
     * NextToken pages.
     */
    public synchronized List<ObjectNode> orders(final Predicate<ObjectNode> filter) {
        settle();
        return orders.values().stream().sorted(Comparator.comparing((SellerOrder order) -> order.updated).thenComparing(order -> order.id))
                .map(this::json).filter(filter).toList();
    }

    /** The items of an order as getOrderItems shows them. */
    public synchronized Optional<List<ObjectNode>> items(final String orderId) {
        settle();
        final SellerOrder order = orders.get(orderId);
        if (order == null) {
            return Optional.empty();
        }
        final List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < order.items.size(); i++) {
            items.add(itemJson(order, order.items.get(i), order.itemIds.get(i), order.shipped(order.itemIds.get(i), null)));
        }
        return Optional.of(items);
    }

    public synchronized void reset() {
        orders.clear();
        sequence = 0;
    }

    /** Payments are authorised {@code paymentDelay} after the purchase: Pending orders become Unshipped. */
    private void settle() {
        final Instant due = now().minus(paymentDelay);
        for (final SellerOrder order : orders.values()) {
            if (order.status.equals("Pending") && !order.purchased.isAfter(due)) {
                order.status = "Unshipped";
                order.updated = order.purchased.plus(paymentDelay);
            }
        }
    }

    private void change(final SellerOrder order, final String status) {
        order.status = status;
        // LastUpdateDate strictly moves, so that each change is a new version even within one clock tick
        final Instant now = now();
        order.updated = now.isAfter(order.updated) ? now : order.updated.plusSeconds(1);
    }

    private SellerOrder require(final String orderId) {
        final SellerOrder order = orders.get(orderId);
        if (order == null) {
            throw AmazonApiError.notFound("Order " + orderId + " not found");
        }
        return order;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private ObjectNode json(final SellerOrder order) {
        final ObjectNode json = MAPPER.createObjectNode();
        json.put("AmazonOrderId", order.id);
        json.put("PurchaseDate", order.purchased.toString());
        json.put("LastUpdateDate", order.updated.toString());
        json.put("OrderStatus", order.status);
        json.put("FulfillmentChannel", order.fulfillmentChannel);
        json.put("SalesChannel", "Amazon.fr");
        json.put("ShipServiceLevel", "Std FR Dom_1");
        if (!order.status.equals("Canceled")) {
            money(json, "OrderTotal", orderTotal(order));
        }
        final int total = order.items.stream().mapToInt(NewItem::quantity).sum();
        json.put("NumberOfItemsShipped", order.shippedItems());
        json.put("NumberOfItemsUnshipped", order.status.equals("Canceled") ? 0 : total - order.shippedItems());
        json.put("PaymentMethod", "Other");
        json.putArray("PaymentMethodDetails").add("Standard");
        json.put("MarketplaceId", order.marketplaceId);
        json.put("ShipmentServiceLevelCategory", "Standard");
        json.put("OrderType", "StandardOrder");
        json.put("EarliestShipDate", order.purchased.plus(Duration.ofDays(1)).toString());
        json.put("LatestShipDate", order.purchased.plus(Duration.ofDays(3)).toString());
        json.put("IsBusinessOrder", false);
        json.put("IsPrime", false);
        json.put("IsPremiumOrder", false);
        json.put("IsGlobalExpressEnabled", false);
        json.put("IsReplacementOrder", false);
        json.put("IsSoldByAB", false);
        json.put("IsISPU", false);
        json.put("IsAccessPointOrder", false);
        json.put("HasRegulatedItems", false);
        if (!order.status.equals("Pending") && order.destination != null) {
            final ObjectNode address = json.putObject("ShippingAddress");
            address.put("City", order.destination.city());
            address.put("PostalCode", order.destination.postalCode());
            address.put("CountryCode", order.destination.countryCode());
        }
        json.putObject("BuyerInfo");
        return json;
    }

    private ObjectNode itemJson(final SellerOrder order, final NewItem item, final String itemId, final int shipped) {
        final ObjectNode json = MAPPER.createObjectNode();
        json.put("ASIN", "B0" + String.format("%08X", Math.abs(java.util.Objects.hashCode(item.title()))));
        json.put("SellerSKU", item.sellerSku());
        json.put("OrderItemId", itemId);
        json.put("Title", item.title());
        final boolean cancelled = order.status.equals("Canceled");
        json.put("QuantityOrdered", cancelled ? 0 : item.quantity());
        json.put("QuantityShipped", shipped);
        json.putObject("ProductInfo").put("NumberOfItems", "1");
        // pricing is not returned for Pending orders, nor for cancelled ones
        if (!order.status.equals("Pending") && !cancelled) {
            final BigDecimal price = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity()));
            money(json, "ItemPrice", price);
            money(json, "ItemTax", vat(price, item.vatRate()));
            money(json, "ShippingPrice", item.shipping());
            money(json, "ShippingTax", vat(item.shipping(), item.vatRate()));
            money(json, "ShippingDiscount", BigDecimal.ZERO);
            money(json, "ShippingDiscountTax", BigDecimal.ZERO);
            money(json, "PromotionDiscount", item.promotion());
            money(json, "PromotionDiscountTax", vat(item.promotion(), item.vatRate()));
            if (item.promotion().signum() > 0) {
                json.putArray("PromotionIds").add("SANDBOX-PROMO");
            }
        }
        json.put("IsGift", false);
        json.put("ConditionId", "New");
        json.put("ConditionSubtypeId", "New");
        json.put("IsTransparency", false);
        return json;
    }

    private static BigDecimal orderTotal(final SellerOrder order) {
        BigDecimal total = BigDecimal.ZERO;
        for (final NewItem item : order.items) {
            total = total.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity()))).add(item.shipping()).subtract(item.promotion());
        }
        return total;
    }

    /** The VAT within a price that includes it. */
    private static BigDecimal vat(final BigDecimal gross, final BigDecimal rate) {
        return gross.multiply(rate).divide(BigDecimal.ONE.add(rate), 2, RoundingMode.HALF_UP);
    }

    private static void money(final ObjectNode parent, final String field, final BigDecimal amount) {
        parent.putObject(field).put("CurrencyCode", "EUR").put("Amount", amount.setScale(2, RoundingMode.HALF_UP).toPlainString());
    }
}
