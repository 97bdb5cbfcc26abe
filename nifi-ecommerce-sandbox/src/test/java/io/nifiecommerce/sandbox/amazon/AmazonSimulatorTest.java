package io.nifiecommerce.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.mirakl.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated LWA and Orders API v0 over HTTP, as a client sees them, with Amazon's default usage plans. */
class AmazonSimulatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FR = AmazonSeller.MARKETPLACE_FR;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final AmazonSeller seller = new AmazonSeller(clock, Duration.ofMinutes(5));
    private final HttpClient http = HttpClient.newHttpClient();
    private AmazonSimulator simulator;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        simulator = new AmazonSimulator(seller, AmazonSeeding.login(clock), 1, null);
        server = simulator.serve();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void refreshTokenIsExchangedForAnAccessTokenThatExpires() throws Exception {
        final HttpResponse<String> refused = token("wrong-secret");
        assertEquals(401, refused.statusCode());
        assertEquals("invalid_client", MAPPER.readTree(refused.body()).path("error").asText());
        final JsonNode issued = MAPPER.readTree(token(AmazonSeeding.CLIENT_SECRET).body());
        assertEquals("bearer", issued.path("token_type").asText());
        assertEquals(3600, issued.path("expires_in").asInt());
        final String accessToken = issued.path("access_token").asText();
        assertTrue(accessToken.startsWith("Atza|"));

        assertEquals(200, get("/orders/v0/orders?MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z", accessToken).statusCode());
        final HttpResponse<String> anonymous = get("/orders/v0/orders?MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z", null);
        assertEquals(403, anonymous.statusCode());
        assertEquals("Unauthorized", MAPPER.readTree(anonymous.body()).path("errors").get(0).path("code").asText());
        clock.advance(Duration.ofMinutes(61));
        final HttpResponse<String> expired = get("/orders/v0/orders?MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z", accessToken);
        assertEquals(403, expired.statusCode());
        assertTrue(MAPPER.readTree(expired.body()).path("errors").get(0).path("details").asText().contains("expired"));
    }

    @Test
    void ordersArePagedWithNextTokenAndShowNoBuyerData() throws Exception {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(seller.placeOrder(FR, new AmazonSeller.Destination("Lyon", "69003", "FR"), List.of(
                    new AmazonSeller.NewItem("SKU-" + i, "Lampe", 2, new BigDecimal("19.90"), new BigDecimal("0.20"), new BigDecimal("3.99"),
                            BigDecimal.ZERO))));
            clock.advance(Duration.ofSeconds(10));
        }
        seller.cancel(ids.get(4));
        clock.advance(Duration.ofMinutes(10));
        final String accessToken = MAPPER.readTree(token(AmazonSeeding.CLIENT_SECRET).body()).path("access_token").asText();
        final List<JsonNode> orders = new ArrayList<>();
        String query = "MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-20T09:00:00Z&MaxResultsPerPage=2";
        int pages = 0;
        while (query != null) {
            final HttpResponse<String> answer = get("/orders/v0/orders?" + query, accessToken);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("0.0167", answer.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());
            final JsonNode payload = MAPPER.readTree(answer.body()).path("payload");
            payload.path("Orders").forEach(orders::add);
            pages++;
            query = payload.hasNonNull("NextToken")
                    ? "MarketplaceIds=" + FR + "&NextToken=" + URLEncoder.encode(payload.path("NextToken").asText(), StandardCharsets.UTF_8) : null;
        }
        assertEquals(3, pages);
        assertEquals(5, orders.size());
        final JsonNode paid = orders.stream().filter(o -> o.path("AmazonOrderId").asText().equals(ids.get(0))).findFirst().orElseThrow();
        assertEquals("Unshipped", paid.path("OrderStatus").asText());
        assertEquals("43.79", paid.path("OrderTotal").path("Amount").asText());
        assertEquals("Lyon", paid.path("ShippingAddress").path("City").asText());
        assertFalse(paid.path("ShippingAddress").has("AddressLine1"));
        assertFalse(paid.path("ShippingAddress").has("Name"));
        assertTrue(paid.path("BuyerInfo").isEmpty());

        final JsonNode items = MAPPER.readTree(get("/orders/v0/orders/" + ids.get(0) + "/orderItems", accessToken).body()).path("payload");
        final JsonNode item = items.path("OrderItems").get(0);
        assertEquals("SKU-0", item.path("SellerSKU").asText());
        assertEquals("39.80", item.path("ItemPrice").path("Amount").asText());
        assertEquals("6.63", item.path("ItemTax").path("Amount").asText());

        final HttpResponse<String> statuses = get("/orders/v0/orders?MarketplaceIds=" + FR
                + "&LastUpdatedAfter=2026-11-20T09:00:00Z&OrderStatuses=Canceled", accessToken);
        assertEquals(1, MAPPER.readTree(statuses.body()).path("payload").path("Orders").size());
    }

    @Test
    void theUsagePlanIsATokenBucketAnsweredWith429() throws Exception {
        final String accessToken = MAPPER.readTree(token(AmazonSeeding.CLIENT_SECRET).body()).path("access_token").asText();
        final String query = "/orders/v0/orders?MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z";
        for (int i = 0; i < UsagePlan.GET_ORDERS.burst(); i++) {
            assertEquals(200, get(query, accessToken).statusCode());
        }
        final HttpResponse<String> throttled = get(query, accessToken);
        assertEquals(429, throttled.statusCode());
        assertEquals("QuotaExceeded", MAPPER.readTree(throttled.body()).path("errors").get(0).path("code").asText());
        assertEquals("0.0167", throttled.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());
        // one request a minute comes back; getOrderItems has a bucket of its own
        clock.advance(Duration.ofSeconds(60));
        assertEquals(200, get(query, accessToken).statusCode());
        assertEquals(429, get(query, accessToken).statusCode());
        assertEquals(404, get("/orders/v0/orders/405-0000000-0000000/orderItems", accessToken).statusCode());
    }

    @Test
    void invalidCriteriaAreRefusedAsInvalidInput() throws Exception {
        final String accessToken = MAPPER.readTree(token(AmazonSeeding.CLIENT_SECRET).body()).path("access_token").asText();
        for (final String query : List.of("LastUpdatedAfter=2026-11-01T00:00:00Z",
                "MarketplaceIds=" + FR,
                "MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z&CreatedAfter=2026-11-01T00:00:00Z",
                "MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z&LastUpdatedBefore=2026-11-20T09:59:00Z",
                "MarketplaceIds=" + FR + "&LastUpdatedAfter=2026-11-01T00:00:00Z&MaxResultsPerPage=101",
                "MarketplaceIds=" + FR + "&NextToken=garbage")) {
            final HttpResponse<String> answer = get("/orders/v0/orders?" + query, accessToken);
            assertEquals(400, answer.statusCode(), query);
            assertEquals("InvalidInput", MAPPER.readTree(answer.body()).path("errors").get(0).path("code").asText(), query);
        }
    }

    @Test
    void confirmShipmentChecksThePackageAndShipsTheOrder() throws Exception {
        final String order = seller.placeOrder(FR, new AmazonSeller.Destination("Lyon", "69003", "FR"), List.of(
                new AmazonSeller.NewItem("SKU-A", "Lampe", 2, new BigDecimal("19.90"), new BigDecimal("0.20"), new BigDecimal("3.99"), BigDecimal.ZERO)));
        final String itemId = seller.items(order).orElseThrow().getFirst().path("OrderItemId").asText();
        final String accessToken = MAPPER.readTree(token(AmazonSeeding.CLIENT_SECRET).body()).path("access_token").asText();
        final String path = "/orders/v0/orders/" + order + "/shipmentConfirmation";
        final String good = "{\"marketplaceId\": \"" + FR + "\", \"packageDetail\": {\"packageReferenceId\": \"1\", \"carrierCode\": \"Colissimo\","
                + " \"trackingNumber\": \"6A12345678901\", \"shipDate\": \"2026-11-20T09:00:00Z\", \"orderItems\": [{\"orderItemId\": \""
                + itemId + "\", \"quantity\": 1}]}}";
        // Pending: not shippable yet
        assertEquals("InvalidInput", error(post(path, good, accessToken)));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of("InvalidInput", "InvalidInput", "InvalidInput", "InvalidInput", "InvalidInput", "InvalidInput"), List.of(
                error(post(path, good.replace("\"1\"", "\"A1\""), accessToken)),
                error(post(path, good.replace("\"Colissimo\"", "\"Other\""), accessToken)),
                error(post(path, good.replace("2026-11-20T09:00:00Z", "11/20/2026"), accessToken)),
                error(post(path, good.replace(itemId, "12345"), accessToken)),
                error(post(path, good.replace("\"quantity\": 1", "\"quantity\": 3"), accessToken)),
                error(post(path, good.replace(FR, "A1PA6795UKMFR9"), accessToken))));
        assertEquals("NotFound", error(post("/orders/v0/orders/999-0000000-0000000/shipmentConfirmation", good, accessToken)));

        clock.advance(Duration.ofSeconds(10)); // the usage plan refilled: 2 a second, burst 10
        final HttpResponse<String> confirmed = post(path, good, accessToken);
        assertEquals(204, confirmed.statusCode(), confirmed.body());
        assertEquals("2", confirmed.headers().firstValue("x-amzn-RateLimit-Limit").orElseThrow());
        assertEquals("PartiallyShipped", seller.status(order));
        // the same package again: updated, nothing more shipped
        assertEquals(204, post(path, good, accessToken).statusCode());
        assertEquals(1, seller.items(order).orElseThrow().getFirst().path("QuantityShipped").asInt());
        assertEquals(204, post(path, good.replace("\"1\"", "\"2\""), accessToken).statusCode());
        final JsonNode shipped = MAPPER.readTree(get("/orders/v0/orders/" + order, accessToken).body()).path("payload");
        assertEquals("Shipped", shipped.path("OrderStatus").asText());
        assertEquals(2, shipped.path("NumberOfItemsShipped").asInt());
        clock.advance(Duration.ofSeconds(10));
        // a new package on a shipped order is refused
        assertEquals("InvalidInput", error(post(path, good.replace("\"1\"", "\"3\""), accessToken)));
        // burst of 10, then 429
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            throttled += post(path, good, accessToken).statusCode() == 429 ? 1 : 0;
        }
        assertTrue(throttled > 0);
    }

    private static String error(final HttpResponse<String> answer) throws Exception {
        return MAPPER.readTree(answer.body()).path("errors").get(0).path("code").asText();
    }

    private HttpResponse<String> post(final String path, final String body, final String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("x-amz-access-token", accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(final String secret) throws Exception {
        final String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(AmazonSeeding.REFRESH_TOKEN, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(AmazonSeeding.CLIENT_ID, StandardCharsets.UTF_8) + "&client_secret=" + secret;
        return http.send(HttpRequest.newBuilder(uri("/auth/o2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path, final String accessToken) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (accessToken != null) {
            request.header("x-amz-access-token", accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
