package io.nifiecommerce.sandbox.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated seller API over HTTP, as a client sees it. */
class MiraklSimulatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final MiraklShop shop = new MiraklShop("2001", "Maison Dupont", clock, Duration.ofMinutes(10));
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private String id;

    @BeforeEach
    void start() throws Exception {
        server = new MiraklSimulator(shop, "key", 3, null).serve();
        id = shop.placeOrder("5001", null, new MiraklShop.NewCustomer("Léa", "Bernard", "3 place Bellecour", "69002", "Lyon", "FRA"),
                List.of(new MiraklShop.NewLine("SKU-1", "Lampe", 2, new BigDecimal("19.90"), new BigDecimal("4.90"), new BigDecimal("0.15"))));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> call(final String method, final String path, final String body, final String key) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", key);
        }
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(350); // within the budget of 3 calls a second
        return response;
    }

    private JsonNode order() throws Exception {
        return MAPPER.readTree(call("GET", "/api/orders?order_ids=" + id, null, "key").body()).path("orders").get(0);
    }

    @Test
    void theOrderGoesThroughItsStatesAndShowsItsAddressOnceAccepted() throws Exception {
        assertEquals("WAITING_ACCEPTANCE", order().path("order_state").asText());
        assertTrue(order().path("customer").path("shipping_address").isNull(), "hidden until the seller accepts");
        assertEquals(400, call("PUT", "/api/orders/" + id + "/ship", null, "key").statusCode());
        assertEquals(204, call("PUT", "/api/orders/" + id + "/accept", "{\"order_lines\":[{\"id\":\"" + id + "-1\",\"accepted\":true}]}", "key").statusCode());
        assertEquals("WAITING_DEBIT_PAYMENT", order().path("order_state").asText());
        assertEquals("Lyon", order().path("customer").path("shipping_address").path("city").asText());
        clock.advance(Duration.ofMinutes(10));
        assertEquals("SHIPPING", order().path("order_state").asText());
        assertEquals(204, call("PUT", "/api/orders/" + id + "/tracking", "{\"carrier_code\":\"COLISSIMO\",\"tracking_number\":\"6A1\"}", "key").statusCode());
        assertEquals(204, call("PUT", "/api/orders/" + id + "/ship", null, "key").statusCode());
        assertEquals("SHIPPED", order().path("order_state").asText());
        final JsonNode twice = MAPPER.readTree(call("PUT", "/api/orders/" + id + "/ship", null, "key").body());
        assertEquals("ORDER_INVALID_STATE", twice.path("code").asText());
        shop.confirmReceipt(id);
        assertEquals("RECEIVED", order().path("order_state").asText());
    }

    /** A cut answer is a read's fault: a write whose answer would be cut fails with 500 and is not applied, never "done". */
    @Test
    void aCutAnswerNeverPassesForADoneWrite() throws Exception {
        final FaultPlan cutOnly = new FaultPlan(1, false, false, false, false, true, Duration.ZERO, Duration.ofSeconds(2), false);
        final HttpServer faulty = new MiraklSimulator(shop, "key", 3, new FaultInjector(cutOnly, 1, new SandboxStats())).serve();
        try {
            final String base = "http://127.0.0.1:" + faulty.getAddress().getPort();
            final HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders?order_ids=" + id))
                    .header("Authorization", "key").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), "a read is cut");
            final HttpResponse<String> accept = http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders/" + id + "/accept"))
                    .header("Authorization", "key").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"order_lines\":[{\"id\":\"" + id + "-1\",\"accepted\":true}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(accept.statusCode() >= 500, "a write fails: " + accept.statusCode());
            assertEquals(Map.of("WAITING_ACCEPTANCE", 1), shop.ordersByState(), "and is not applied");
        } finally {
            faulty.stop(0);
        }
    }

    @Test
    void errorsAreMiraklsAndTheBudgetAnswers429WithRetryAfter() throws Exception {
        assertEquals(401, call("GET", "/api/orders", null, "wrong").statusCode());
        final HttpResponse<String> missing = call("PUT", "/api/orders/" + id + "/accept", "{\"order_lines\":[]}", "key");
        assertEquals("ORDER_LINE_ACCEPTANCE_DECISION_MISSING", MAPPER.readTree(missing.body()).path("code").asText());
        assertEquals(404, call("PUT", "/api/orders/nope-A/ship", null, "key").statusCode());
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 6 && throttled == null; i++) {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/api/orders")).header("Authorization", "key").build(), HttpResponse.BodyHandlers.ofString());
            throttled = response.statusCode() == 429 ? response : null;
        }
        assertTrue(throttled != null && throttled.headers().firstValue("Retry-After").isPresent(), "over 3 calls a second: 429 with Retry-After");
    }
}
