package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of the Selling Partner API for Orders (v0) that the bundle reads, with their default usage plans
 * (Amazon's Orders API rate limits):
 * <ul>
 *   <li>{@code getOrders}, {@code GET /orders/v0/orders}: {@code MarketplaceIds}, {@code LastUpdatedAfter},
 *       {@code LastUpdatedBefore} (no later than two minutes before the request), {@code MaxResultsPerPage} up to 100,
 *       then {@code NextToken}; answer {@code payload: {Orders, NextToken, LastUpdatedBefore}}; 0.0167 requests/s, burst 20;</li>
 *   <li>{@code getOrderItems}, {@code GET /orders/v0/orders/{orderId}/orderItems}, then {@code NextToken}; answer
 *       {@code payload: {AmazonOrderId, OrderItems, NextToken}}; 0.5 requests/s, burst 30;</li>
 *   <li>{@code getOrder}, {@code GET /orders/v0/orders/{orderId}}; answer {@code payload}: the order; 0.5 requests/s, burst 30;</li>
 *   <li>{@code confirmShipment}, {@code POST /orders/v0/orders/{orderId}/shipmentConfirmation} with a
 *       {@code ConfirmShipmentRequest} ({@code marketplaceId}, {@code packageDetail}); 204 without a body; 2 requests/s, burst 10.</li>
 * </ul>
 */
public class OrdersV0 {

    public static final SellingPartnerClient.Plan GET_ORDERS = new SellingPartnerClient.Plan(0.0167, 20);
    public static final SellingPartnerClient.Plan GET_ORDER_ITEMS = new SellingPartnerClient.Plan(0.5, 30);
    public static final SellingPartnerClient.Plan GET_ORDER = new SellingPartnerClient.Plan(0.5, 30);
    public static final SellingPartnerClient.Plan CONFIRM_SHIPMENT = new SellingPartnerClient.Plan(2, 10);
    public static final int MAX_RESULTS_PER_PAGE = 100;
    /** getOrders takes at most 50 MarketplaceIds. */
    public static final int MAX_MARKETPLACES = 50;

    private final SellingPartnerClient client;
    private final List<String> marketplaceIds;

    /** @param marketplaceIds the marketplaces whose orders are read, e.g. A13V1IB3VIYZZH (Amazon.fr) */
    public OrdersV0(final SellingPartnerClient client, final List<String> marketplaceIds) {
        if (marketplaceIds.isEmpty() || marketplaceIds.size() > MAX_MARKETPLACES) {
            throw new IllegalArgumentException("getOrders takes 1 to " + MAX_MARKETPLACES + " marketplace ids");
        }
        this.client = client;
        this.marketplaceIds = List.copyOf(marketplaceIds);
    }

    public SellingPartnerClient client() {
        return client;
    }

    public List<String> marketplaceIds() {
        return marketplaceIds;
    }

    /** One getOrders page and the token of the next one (null on the last). */
    public record OrdersPage(List<JsonNode> orders, String nextToken) {
    }

    /** The first page of the orders updated in [after, before]. */
    public OrdersPage ordersUpdated(final Instant after, final Instant before, final int maxResultsPerPage) {
        final Map<String, Object> query = new LinkedHashMap<>();
        query.put("MarketplaceIds", String.join(",", marketplaceIds));
        query.put("LastUpdatedAfter", after.toString());
        query.put("LastUpdatedBefore", before.toString());
        query.put("MaxResultsPerPage", Math.min(maxResultsPerPage, MAX_RESULTS_PER_PAGE));
        return ordersPage(client.get("getOrders", GET_ORDERS, "/orders/v0/orders", query));
    }

    /** The page a NextToken of getOrders names (the token stands for the first page's criteria). */
    public OrdersPage nextOrders(final String nextToken) {
        final Map<String, Object> query = new LinkedHashMap<>();
        query.put("MarketplaceIds", String.join(",", marketplaceIds));
        query.put("NextToken", nextToken);
        return ordersPage(client.get("getOrders", GET_ORDERS, "/orders/v0/orders", query));
    }

    /** Every item of an order, every page. */
    public List<JsonNode> orderItems(final String amazonOrderId) {
        final List<JsonNode> items = new ArrayList<>();
        final String path = orderPath(amazonOrderId) + "/orderItems";
        String token = null;
        do {
            final Map<String, Object> query = new LinkedHashMap<>();
            query.put("NextToken", token);
            final JsonNode payload = client.get("getOrderItems", GET_ORDER_ITEMS, path, query);
            if (!payload.path("OrderItems").isArray()) {
                throw ApiException.unreadable(200, "getOrderItems answered without OrderItems", null);
            }
            payload.path("OrderItems").forEach(items::add);
            token = payload.path("NextToken").asText(null);
        } while (token != null && !token.isEmpty());
        return items;
    }

    /** One order as getOrder answers it (the same fields as an order of getOrders). */
    public JsonNode order(final String amazonOrderId) {
        return client.get("getOrder", GET_ORDER, orderPath(amazonOrderId), Map.of());
    }

    /** Confirms one package of an order: {@code request} is a ConfirmShipmentRequest. */
    public void confirmShipment(final String amazonOrderId, final JsonNode request) {
        client.post("confirmShipment", CONFIRM_SHIPMENT, orderPath(amazonOrderId) + "/shipmentConfirmation", request);
    }

    private static String orderPath(final String amazonOrderId) {
        return "/orders/v0/orders/" + URLEncoder.encode(amazonOrderId, StandardCharsets.UTF_8);
    }

    private static OrdersPage ordersPage(final JsonNode payload) {
        if (!payload.path("Orders").isArray()) {
            throw ApiException.unreadable(200, "getOrders answered without Orders", null);
        }
        final List<JsonNode> orders = new ArrayList<>();
        payload.path("Orders").forEach(orders::add);
        final String next = payload.path("NextToken").asText(null);
        return new OrdersPage(orders, next == null || next.isEmpty() ? null : next);
    }
}
