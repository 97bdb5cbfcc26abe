package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The order-editing and refusal paths of {@link ErpShippingApplier}, against answers shaped as the Admin API gives them. */
class ErpShippingApplierTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DRAFT = "gid://shopify/DraftOrder/7";
    private static final Pattern OPERATION = Pattern.compile("(?:query|mutation)\\s+(\\w+)");

    private HttpServer server;
    private final Map<String, String> answers = new HashMap<>();
    private final List<String> operations = new ArrayList<>();
    private final List<JsonNode> variables = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/api/2026-07/graphql.json", exchange -> {
            final JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            final String query = request.path("query").asText();
            final Matcher named = OPERATION.matcher(query);
            final String operation = named.find() ? named.group(1) : "";
            operations.add(operation);
            variables.add(request.path("variables"));
            final byte[] body = ("{\"data\":" + answers.getOrDefault(operation, "null") + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ErpShippingApplier applier() {
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)), RetryPolicy.NONE);
        final ShopifyGraphQlClient client = new ShopifyGraphQlClient(new ShopifyEndpoint("http://127.0.0.1:" + server.getAddress().getPort(), "2026-07"),
                () -> "shpat_test", new CostBudget(2000, 100, 10, System::nanoTime), transport, Duration.ofSeconds(5));
        return new ErpShippingApplier(client, true, true);
    }

    private static String completedDraft(final String shippingTitle, final String amount) {
        return "{\"draftOrder\":{\"id\":\"" + DRAFT + "\",\"name\":\"#D7\",\"status\":\"COMPLETED\",\"currencyCode\":\"EUR\",\"taxesIncluded\":false,"
                + "\"shippingLine\":null,\"order\":{\"id\":\"gid://shopify/Order/42\",\"name\":\"#1042\",\"cancelledAt\":null,"
                + "\"shippingLines\":{\"nodes\":[{\"title\":\"" + shippingTitle + "\",\"isRemoved\":false,"
                + "\"originalPriceSet\":{\"shopMoney\":{\"amount\":\"" + amount + "\",\"currencyCode\":\"EUR\"}}}]}}}}";
    }

    @Test
    void aCompletedDraftsOrderIsEditedToShowTheErpPrice() {
        answers.put("DraftOrderShippingState", completedDraft("Standard", "9.9"));
        answers.put("OrderEditBegin", "{\"orderEditBegin\":{\"calculatedOrder\":{\"id\":\"gid://shopify/CalculatedOrder/5\","
                + "\"shippingLines\":[{\"id\":\"gid://shopify/CalculatedShippingLine/9\",\"title\":\"Standard\",\"stagedStatus\":\"NONE\"}]},\"userErrors\":[]}}");
        answers.put("OrderEditUpdateShippingLine", "{\"orderEditUpdateShippingLine\":{\"calculatedOrder\":{\"id\":\"gid://shopify/CalculatedOrder/5\"},\"userErrors\":[]}}");
        answers.put("OrderEditCommit", "{\"orderEditCommit\":{\"order\":{\"id\":\"gid://shopify/Order/42\"},\"userErrors\":[]}}");

        final ErpShippingApplier.Result result = applier().apply(DRAFT, taxesIncluded -> new ShippingPrice("GLS Business Parcel",
                new BigDecimal("21.30")), "Carrier price from Business Central S-ORD1");

        assertEquals(ErpShippingApplier.Outcome.ORDER_EDITED, result.outcome());
        assertEquals("#1042", result.orderName());
        assertEquals(List.of("DraftOrderShippingState", "OrderEditBegin", "OrderEditUpdateShippingLine", "OrderEditCommit"), operations);
        final JsonNode update = variables.get(2);
        assertEquals("gid://shopify/CalculatedShippingLine/9", update.path("shippingLineId").asText());
        assertEquals("21.30", update.path("shippingLine").path("price").path("amount").asText());
        assertEquals(false, variables.get(3).path("notifyCustomer").asBoolean(true));
    }

    @Test
    void anOrderAlreadyShowingThePriceIsLeftAlone() {
        answers.put("DraftOrderShippingState", completedDraft("GLS Business Parcel", "21.3"));
        final ErpShippingApplier.Result result = applier().apply(DRAFT, taxesIncluded -> new ShippingPrice("GLS Business Parcel",
                new BigDecimal("21.30")), "note");
        assertEquals(ErpShippingApplier.Outcome.ALREADY_APPLIED, result.outcome());
        assertEquals(List.of("DraftOrderShippingState"), operations);
    }

    @Test
    void userErrorsRefuseTheRecord() {
        answers.put("DraftOrderShippingState", "{\"draftOrder\":{\"id\":\"" + DRAFT + "\",\"name\":\"#D7\",\"status\":\"OPEN\",\"currencyCode\":\"EUR\","
                + "\"taxesIncluded\":false,\"shippingLine\":null,\"order\":null}}");
        answers.put("DraftOrderUpdateShipping", "{\"draftOrderUpdate\":{\"draftOrder\":null,\"userErrors\":[{\"field\":[\"id\"],"
                + "\"message\":\"This order has been paid and can't be edited\"}]}}");
        final ApiException refused = assertThrows(ApiException.class, () -> applier().apply(DRAFT,
                taxesIncluded -> new ShippingPrice("GLS", BigDecimal.TEN), "note"));
        assertEquals("DRAFT_ORDER_UPDATE_REFUSED", refused.code());
        assertEquals(List.of("DraftOrderShippingState", "DraftOrderUpdateShipping"), operations);
    }

    @Test
    void anUnknownDraftIsAPermanentFailure() {
        answers.put("DraftOrderShippingState", "{\"draftOrder\":null}");
        final ApiException missing = assertThrows(ApiException.class, () -> applier().apply(DRAFT,
                taxesIncluded -> new ShippingPrice("GLS", BigDecimal.TEN), "note"));
        assertEquals("DRAFT_ORDER_NOT_FOUND", missing.code());
    }
}
