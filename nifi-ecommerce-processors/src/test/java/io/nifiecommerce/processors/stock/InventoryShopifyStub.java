package io.nifiecommerce.processors.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.FakeShopifyInventory;
import io.nifiecommerce.stock.InventoryApiException;
import org.apache.nifi.controller.AbstractControllerService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A Shopify Admin API over HTTP on 127.0.0.1 (ephemeral port), answering from a {@link FakeShopifyInventory} whose
 * responses come from real captures; and a connection service whose real {@link ShopifyGraphQlClient} talks to it.
 */
final class InventoryShopifyStub implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COST = """
            {"requestedQueryCost":13,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":2000,"currentlyAvailable":1990,"restoreRate":100}}""";

    final FakeShopifyInventory shop = new FakeShopifyInventory();
    private final HttpServer server;

    InventoryShopifyStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/admin/api/2026-04/graphql.json", exchange -> {
            final JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            ObjectNode response;
            try {
                @SuppressWarnings("unchecked")
                final Map<String, Object> variables = request.has("variables") ? MAPPER.convertValue(request.get("variables"), Map.class) : Map.of();
                response = (ObjectNode) shop.execute(request.path("query").asText(), variables).deepCopy();
            } catch (InventoryApiException e) {
                response = (ObjectNode) MAPPER.readTree("{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]}");
            }
            response.set("extensions", MAPPER.createObjectNode().set("cost", MAPPER.readTree(COST)));
            final byte[] body = MAPPER.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Shopify-API-Version", "2026-04");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ConnectionService connectionService() {
        return new ConnectionService(baseUrl());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A ShopifyConnectionService with a real client against the stub, retrying quickly. */
    static final class ConnectionService extends AbstractControllerService implements ShopifyConnectionService {

        private final ShopifyGraphQlClient client;

        ConnectionService(String baseUrl) {
            final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)),
                    new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)));
            client = new ShopifyGraphQlClient(new ShopifyEndpoint(baseUrl, "2026-04"), AccessTokenSource.of("shpat_test"),
                    new CostBudget(2000, 100, 10, System::nanoTime), transport, Duration.ofSeconds(5));
        }

        @Override
        public ShopifyGraphQlClient client() {
            return client;
        }

        @Override
        public String shopDomain() {
            return "stock-test.myshopify.com";
        }

        @Override
        public String apiVersion() {
            return "2026-04";
        }
    }
}
