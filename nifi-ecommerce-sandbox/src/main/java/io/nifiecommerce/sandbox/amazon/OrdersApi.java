package io.nifiecommerce.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Orders API v0 operations the bundle reads (Amazon SP-API reference, ordersV0 model):
 * <ul>
 *   <li>{@code getOrders}, {@code GET /orders/v0/orders}: {@code MarketplaceIds} (required, at most 50), exactly one of
 *       {@code CreatedAfter} and {@code LastUpdatedAfter}, {@code LastUpdatedBefore} no later than two minutes before the
 *       request (Amazon's systematic delay; the default when absent), {@code OrderStatuses}, {@code MaxResultsPerPage}
 *       1..100 (100 by default), {@code NextToken} (which then stands for the other criteria); answer
 *       {@code payload: {Orders, NextToken, LastUpdatedBefore}}; usage plan 0.0167 requests/s, burst 20;</li>
 *   <li>{@code getOrderItems}, {@code GET /orders/v0/orders/{orderId}/orderItems}: {@code NextToken}; answer
 *       {@code payload: {AmazonOrderId, OrderItems, NextToken}}; usage plan 0.5 requests/s, burst 30;</li>
 *   <li>{@code getOrder}, {@code GET /orders/v0/orders/{orderId}}: answer {@code payload}, the order; 0.5 requests/s, burst 30;</li>
 *   <li>{@code confirmShipment}, {@code POST /orders/v0/orders/{orderId}/shipmentConfirmation}: a ConfirmShipmentRequest
 *       ({@code marketplaceId}, {@code packageDetail} with {@code packageReferenceId} (a positive number), {@code carrierCode},
 *       {@code carrierName} when the code is Other, {@code trackingNumber}, {@code shipDate} (ISO 8601), {@code orderItems}
 *       ({@code orderItemId}, {@code quantity})); 204 without a body, 400 InvalidInput, 404 NotFound; 2 requests/s, burst 10.</li>
 * </ul>
 */
final class OrdersApi {

    static final int MAX_RESULTS_PER_PAGE = 100;
    static final int MAX_MARKETPLACES = 50;
    /** getOrders: "most updated orders data are available two minutes after an order is created or last updated". */
    static final Duration SYSTEMATIC_DELAY = Duration.ofMinutes(2);
    static final Set<String> STATUSES = Set.of("PendingAvailability", "Pending", "Unshipped", "PartiallyShipped", "Shipped",
            "InvoiceUnconfirmed", "Canceled", "Unfulfillable");

    private final AmazonSeller seller;
    private final Clock clock;
    private volatile int itemsPerPage = 10;

    OrdersApi(final AmazonSeller seller, final Clock clock) {
        this.seller = seller;
        this.clock = clock;
    }

    void register(final AmazonSimulator simulator, final double rateFactor) {
        simulator.route("GET", "/orders/v0/orders", "getOrders", UsagePlan.GET_ORDERS.scaled(rateFactor), this::getOrders);
        simulator.route("GET", "/orders/v0/orders/([^/]+)", "getOrder", UsagePlan.GET_ORDER.scaled(rateFactor), this::getOrder);
        simulator.route("POST", "/orders/v0/orders/([^/]+)/shipmentConfirmation", "confirmShipment",
                UsagePlan.CONFIRM_SHIPMENT.scaled(rateFactor), this::confirmShipment);
        simulator.route("GET", "/orders/v0/orders/([^/]+)/orderItems", "getOrderItems", UsagePlan.GET_ORDER_ITEMS.scaled(rateFactor),
                this::getOrderItems);
    }

    /** The filter of a getOrders search, carried by its NextToken so that later pages answer the same question. */
    private record Search(Set<String> marketplaces, boolean byUpdate, Instant after, Instant before, Set<String> statuses, int max) {

        Predicate<ObjectNode> filter() {
            return order -> {
                final Instant at = Instant.parse(order.path(byUpdate ? "LastUpdateDate" : "PurchaseDate").asText());
                return marketplaces.contains(order.path("MarketplaceId").asText()) && !at.isBefore(after) && !at.isAfter(before)
                        && (statuses.isEmpty() || statuses.contains(order.path("OrderStatus").asText()));
            };
        }

        String token(final int offset) {
            final String plain = String.join("|", String.join(",", marketplaces), Boolean.toString(byUpdate), after.toString(),
                    before.toString(), String.join(",", statuses), Integer.toString(max), Integer.toString(offset));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Map.Entry<Search, Integer> fromToken(final String token) {
            try {
                final String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
                return Map.entry(new Search(csv(parts[0]), Boolean.parseBoolean(parts[1]), Instant.parse(parts[2]), Instant.parse(parts[3]),
                        csv(parts[4]), Integer.parseInt(parts[5])), Integer.parseInt(parts[6]));
            } catch (final RuntimeException e) {
                throw AmazonApiError.invalidInput("Invalid NextToken.");
            }
        }
    }

    void itemsPerPage(final int size) {
        this.itemsPerPage = size;
    }

    private void getOrders(final AmazonSimulator.Call call) throws IOException {
        final Map<String, String> query = call.query();
        final Set<String> marketplaces = csv(query.get("MarketplaceIds"));
        if (marketplaces.isEmpty()) {
            throw AmazonApiError.invalidInput("Missing required parameter: MarketplaceIds.");
        }
        if (marketplaces.size() > MAX_MARKETPLACES) {
            throw AmazonApiError.invalidInput("MarketplaceIds can contain at most " + MAX_MARKETPLACES + " values.");
        }
        final Search search;
        final int offset;
        if (query.containsKey("NextToken")) {
            final Map.Entry<Search, Integer> page = Search.fromToken(query.get("NextToken"));
            search = page.getKey();
            offset = page.getValue();
        } else {
            search = search(query, marketplaces);
            offset = 0;
        }
        final List<ObjectNode> all = seller.orders(search.filter());
        final int end = Math.min(all.size(), offset + search.max());
        final ObjectNode payload = AmazonSimulator.MAPPER.createObjectNode();
        final ArrayNode orders = payload.putArray("Orders");
        all.subList(Math.min(offset, all.size()), end).forEach(orders::add);
        if (end < all.size()) {
            payload.put("NextToken", search.token(end));
        }
        payload.put(search.byUpdate() ? "LastUpdatedBefore" : "CreatedBefore", search.before().toString());
        call.payload(payload);
    }

    private Search search(final Map<String, String> query, final Set<String> marketplaces) {
        final Instant createdAfter = date(query, "CreatedAfter");
        final Instant updatedAfter = date(query, "LastUpdatedAfter");
        if ((createdAfter == null) == (updatedAfter == null)) {
            throw AmazonApiError.invalidInput("Exactly one of CreatedAfter and LastUpdatedAfter is required.");
        }
        final boolean byUpdate = updatedAfter != null;
        final Instant latest = clock.instant().minus(SYSTEMATIC_DELAY).truncatedTo(ChronoUnit.SECONDS);
        final Instant given = date(query, byUpdate ? "LastUpdatedBefore" : "CreatedBefore");
        if (given != null && given.isAfter(latest)) {
            throw AmazonApiError.invalidInput((byUpdate ? "LastUpdatedBefore" : "CreatedBefore")
                    + " must be no later than two minutes before the time of the request.");
        }
        final Instant after = byUpdate ? updatedAfter : createdAfter;
        final Instant before = given == null ? latest : given;
        if (!before.isAfter(after)) {
            throw AmazonApiError.invalidInput((byUpdate ? "LastUpdatedAfter" : "CreatedAfter") + " must be before "
                    + (byUpdate ? "LastUpdatedBefore" : "CreatedBefore") + ".");
        }
        final Set<String> statuses = csv(query.get("OrderStatuses"));
        for (final String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw AmazonApiError.invalidInput("Invalid OrderStatuses value: " + status + ".");
            }
        }
        final int max = integer(query, "MaxResultsPerPage", MAX_RESULTS_PER_PAGE);
        if (max < 1 || max > MAX_RESULTS_PER_PAGE) {
            throw AmazonApiError.invalidInput("MaxResultsPerPage must be between 1 and " + MAX_RESULTS_PER_PAGE + ".");
        }
        return new Search(marketplaces, byUpdate, after, before, statuses, max);
    }

    private void getOrderItems(final AmazonSimulator.Call call) throws IOException {
        final String orderId = call.path().group(1);
        final List<ObjectNode> items = seller.items(orderId).orElseThrow(() -> AmazonApiError.notFound("Invalid AmazonOrderId: " + orderId));
        int offset = 0;
        final String token = call.query().get("NextToken");
        if (token != null) {
            try {
                final String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                if (!parts[0].equals(orderId)) {
                    throw new IllegalArgumentException();
                }
                offset = Integer.parseInt(parts[1]);
            } catch (final RuntimeException e) {
                throw AmazonApiError.invalidInput("Invalid NextToken.");
            }
        }
        final int end = Math.min(items.size(), offset + itemsPerPage);
        final ObjectNode payload = AmazonSimulator.MAPPER.createObjectNode();
        payload.put("AmazonOrderId", orderId);
        final ArrayNode page = payload.putArray("OrderItems");
        items.subList(Math.min(offset, items.size()), end).forEach(page::add);
        if (end < items.size()) {
            payload.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((orderId + "|" + end).getBytes(StandardCharsets.UTF_8)));
        }
        call.payload(payload);
    }

    private void getOrder(final AmazonSimulator.Call call) throws IOException {
        final String orderId = call.path().group(1);
        call.payload(seller.order(orderId).orElseThrow(() -> AmazonApiError.notFound("Invalid AmazonOrderId: " + orderId)));
    }

    private void confirmShipment(final AmazonSimulator.Call call) throws IOException {
        final String orderId = call.path().group(1);
        final JsonNode body = call.body();
        final String marketplaceId = required(body, "marketplaceId", "");
        final JsonNode detail = body.path("packageDetail");
        if (!detail.isObject()) {
            throw AmazonApiError.invalidInput("Missing required field: packageDetail.");
        }
        final String reference = required(detail, "packageReferenceId", "packageDetail.");
        if (!reference.matches("[0-9]+") || reference.matches("0+")) {
            throw AmazonApiError.invalidInput("PackageReferenceId: is invalid, must be a positive numeric value.");
        }
        final String carrierCode = required(detail, "carrierCode", "packageDetail.");
        final String carrierName = detail.path("carrierName").asText("");
        if (carrierCode.equals("Other") && carrierName.isBlank()) {
            throw AmazonApiError.invalidInput("CarrierName is required when CarrierCode is Other.");
        }
        final String trackingNumber = required(detail, "trackingNumber", "packageDetail.");
        final Instant shipDate;
        try {
            shipDate = java.time.OffsetDateTime.parse(required(detail, "shipDate", "packageDetail.")).toInstant();
        } catch (final DateTimeParseException e) {
            throw AmazonApiError.invalidInput("Invalid Input");
        }
        if (shipDate.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw AmazonApiError.invalidInput("ShipDate cannot be in the future.");
        }
        final JsonNode items = detail.path("orderItems");
        if (!items.isArray() || items.isEmpty()) {
            throw AmazonApiError.invalidInput("Missing required field: packageDetail.orderItems.");
        }
        final Map<String, Integer> units = new java.util.LinkedHashMap<>();
        for (final JsonNode item : items) {
            final String itemId = required(item, "orderItemId", "orderItems.");
            if (!item.path("quantity").isIntegralNumber()) {
                throw AmazonApiError.invalidInput("Missing required field: orderItems.quantity.");
            }
            units.merge(itemId, item.path("quantity").asInt(), Integer::sum);
        }
        seller.confirmShipment(orderId, marketplaceId, new AmazonSeller.Package(reference, carrierCode, carrierName.isBlank() ? null : carrierName,
                trackingNumber, shipDate, units));
        call.noContent();
    }

    private static String required(final JsonNode parent, final String field, final String prefix) {
        final JsonNode value = parent.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw AmazonApiError.invalidInput("Missing required field: " + prefix + field + ".");
        }
        return value.asText();
    }

    static Instant date(final Map<String, String> query, final String name) {
        final String value = query.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (final DateTimeParseException e) {
            throw AmazonApiError.invalidInput("Invalid " + name + ": " + value + " is not an ISO 8601 date.");
        }
    }

    private static int integer(final Map<String, String> query, final String name, final int defaultValue) {
        final String value = query.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw AmazonApiError.invalidInput("Invalid " + name + ": " + value + ".");
        }
    }

    static Set<String> csv(final String value) {
        return value == null || value.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(value.split(",")));
    }
}
