package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of Mirakl's seller API that the bundle uses, named by Mirakl's codes (developer.mirakl.com,
 * Mirakl Marketplace Platform, seller OpenAPI):
 * <ul>
 *   <li>OR11 {@code GET /api/orders}: list orders, offset pagination ({@code offset}, {@code max} up to 100),
 *       {@code start_update_date}/{@code end_update_date} filters, answer {@code {orders, total_count}};</li>
 *   <li>OR21 {@code PUT /api/orders/{order_id}/accept}: accept or refuse every line WAITING_ACCEPTANCE, body
 *       {@code {order_lines: [{id, accepted}]}}, 204;</li>
 *   <li>OR23 {@code PUT /api/orders/{order_id}/tracking}: carrier_code (registered) or carrier_name (not), tracking_number, carrier_url, 204;</li>
 *   <li>OR24 {@code PUT /api/orders/{order_id}/ship}: validate the shipment of an order SHIPPING, 204;</li>
 *   <li>IV01 {@code GET /api/invoices}: accounting documents, offset pagination, {@code start_date}/{@code end_date},
 *       {@code type} (AUTO_INVOICE by default, ALL, MANUAL_INVOICE, MANUAL_CREDIT), answer {@code {invoices, total_count}};</li>
 *   <li>TL02 {@code GET /api/sellerpayment/transactions_logs}: transaction lines, seek pagination ({@code limit} up to
 *       2000, {@code page_token}), {@code date_created_from}/{@code date_created_to}, answer {@code {data, next_page_token}}.</li>
 * </ul>
 */
public class MiraklSellerApi {

    public static final int OR11_MAX_PAGE = 100;
    public static final int IV01_MAX_PAGE = 100;
    public static final int TL02_MAX_LIMIT = 2000;

    private final MiraklClient client;

    public MiraklSellerApi(final MiraklClient client) {
        this.client = client;
    }

    public MiraklClient client() {
        return client;
    }

    /** One OR11 page of the orders updated in [from, to], oldest created first. */
    public OrderPage listOrdersUpdated(final Instant from, final Instant to, final int offset, final int max) {
        final Map<String, Object> query = new LinkedHashMap<>();
        query.put("start_update_date", from == null ? null : from.toString());
        query.put("end_update_date", to == null ? null : to.toString());
        query.put("offset", offset);
        query.put("max", Math.min(max, OR11_MAX_PAGE));
        return page(client.get("/api/orders", query));
    }

    /** OR11 by order ids (at most 100 a call). */
    public List<MiraklOrder> ordersById(final List<String> orderIds) {
        if (orderIds.size() > OR11_MAX_PAGE) {
            throw new IllegalArgumentException("OR11 takes at most " + OR11_MAX_PAGE + " order ids");
        }
        final Map<String, Object> query = new LinkedHashMap<>();
        query.put("order_ids", String.join(",", orderIds));
        query.put("max", OR11_MAX_PAGE);
        return page(client.get("/api/orders", query)).orders();
    }

    /** OR21: one decision for every line of the order. */
    public void acceptLines(final String orderId, final Map<String, Boolean> acceptedByLineId) {
        final ObjectNode body = MiraklClient.MAPPER.createObjectNode();
        final ArrayNode lines = body.putArray("order_lines");
        acceptedByLineId.forEach((id, accepted) -> lines.addObject().put("accepted", accepted).put("id", id));
        client.put("/api/orders/" + encode(orderId) + "/accept", body);
    }

    /** OR23: a registered carrier by code, otherwise by name (with the tracking URL when known). */
    public void updateTracking(final String orderId, final ShipmentTracking tracking) {
        final ObjectNode body = MiraklClient.MAPPER.createObjectNode();
        if (tracking.carrierCode() != null) {
            body.put("carrier_code", tracking.carrierCode());
        } else {
            body.put("carrier_name", tracking.carrierName());
            if (tracking.trackingUrl() != null) {
                body.put("carrier_url", tracking.trackingUrl());
            }
        }
        body.put("tracking_number", tracking.trackingNumber());
        client.put("/api/orders/" + encode(orderId) + "/tracking", body);
    }

    /** OR24. */
    public void validateShipment(final String orderId) {
        client.put("/api/orders/" + encode(orderId) + "/ship", null);
    }

    /** IV01, every page: the accounting documents of every type created in [start, end). */
    public List<JsonNode> accountingDocuments(final Instant start, final Instant end) {
        final List<JsonNode> documents = new ArrayList<>();
        int offset = 0;
        while (true) {
            final Map<String, Object> query = new LinkedHashMap<>();
            query.put("start_date", start.toString());
            query.put("end_date", end.toString());
            query.put("type", "ALL");
            query.put("offset", offset);
            query.put("max", IV01_MAX_PAGE);
            final JsonNode page = client.get("/api/invoices", query);
            final JsonNode invoices = page.path("invoices");
            invoices.forEach(documents::add);
            offset += invoices.size();
            if (invoices.isEmpty() || offset >= page.path("total_count").asInt()) {
                return documents;
            }
        }
    }

    /** TL02, every page: the transaction lines created in [from, to). */
    public List<JsonNode> transactionLines(final Instant from, final Instant to) {
        final List<JsonNode> lines = new ArrayList<>();
        String token = null;
        do {
            final Map<String, Object> query = new LinkedHashMap<>();
            query.put("date_created_from", from.toString());
            query.put("date_created_to", to.toString());
            query.put("limit", TL02_MAX_LIMIT);
            query.put("page_token", token);
            final JsonNode page = client.get("/api/sellerpayment/transactions_logs", query);
            page.path("data").forEach(lines::add);
            token = page.path("next_page_token").asText(null);
        } while (token != null && !token.isEmpty());
        return lines;
    }

    private static OrderPage page(final JsonNode body) {
        if (!body.path("orders").isArray()) {
            throw io.nifiecommerce.http.ApiException.unreadable(200, "OR11 answered without an orders array", null);
        }
        final List<MiraklOrder> orders = new ArrayList<>();
        body.path("orders").forEach(order -> orders.add(new MiraklOrder(order)));
        return new OrderPage(orders, body.path("total_count").asInt(orders.size()));
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One OR11 page and the count of every order matching the filter. */
    public record OrderPage(List<MiraklOrder> orders, int totalCount) {
    }

    /** What OR23 sends: a registered carrier's code, or an unregistered carrier's name and tracking URL. */
    public record ShipmentTracking(String carrierCode, String carrierName, String trackingNumber, String trackingUrl) {
    }
}
