package io.nifiecommerce.processors.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PublishShopifyProducts on Business Central-shaped item records against the sandbox's Shopify simulator. */
class PublishShopifyProductsSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** The sandbox shop as a Shopify connection service. */
    static final class SandboxConnection extends AbstractControllerService implements ShopifyConnectionService {
        final ShopifyGraphQlClient client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-07"),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1))),
                Duration.ofSeconds(30));

        @Override
        public ShopifyGraphQlClient client() {
            return client;
        }

        @Override
        public String shopDomain() {
            return sandbox.shopDomain();
        }

        @Override
        public String apiVersion() {
            return "2026-07";
        }
    }

    static TestRunner runner() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(PublishShopifyProducts.class);
        final SandboxConnection connection = new SandboxConnection();
        runner.addControllerService("shopify", connection);
        runner.enableControllerService(connection);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ProductProperties.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(ProductProperties.RECORD_READER, "reader");
        runner.setProperty(ProductProperties.RECORD_WRITER, "writer");
        return runner;
    }

    private static Map<String, Object> item(final String number, final Object price, final boolean blocked) {
        return Map.of("number", number, "displayName", "Article " + number, "gtin", "3760000000" + number.hashCode() % 1000,
                "unitPrice", price, "blocked", blocked, "itemCategoryCode", "VERRE",
                "itemVariants", List.of(), "lastModifiedDateTime", "2026-12-05T22:00:00Z");
    }

    @Test
    void publishesItemsThenOnlyChangesAndRoutesBadRecordsToFailure() throws Exception {
        final TestRunner runner = runner();
        runner.setProperty("category.VERRE", "Verrerie");
        final List<Map<String, Object>> items = List.of(item("P-1", 3.5, false), item("P-2", 4, false),
                Map.of("number", "P-3", "displayName", "Carafe", "unitPrice", 20, "blocked", false,
                        "itemVariants", List.of(Map.of("code", "1L", "description", "1 litre"), Map.of("code", "2L", "description", "2 litres"))));

        runner.enqueue(MAPPER.writeValueAsBytes(items));
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishShopifyProducts.REL_SUCCESS, 1);
        final MockFlowFile first = runner.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst();
        first.assertAttributeEquals("products.created", "3");
        first.assertAttributeEquals("shopify.requests", "4");
        final JsonNode written = MAPPER.readTree(first.getContent());
        assertEquals("created", written.get(0).path("product_outcome").asText());
        final ShopifyGraphQlClient client = ((SandboxConnection) runner.getControllerService("shopify")).client;
        assertEquals("Verrerie", client.execute("{ productVariants(first: 1, query: \"sku:P-1\") { nodes { product { productType } } } }", Map.of())
                .at("productVariants.nodes").get(0).at("/product/productType").asText(), "category.VERRE renames the category");

        runner.clearTransferState();
        runner.enqueue(MAPPER.writeValueAsBytes(List.of(item("P-1", 3.6, false), item("P-2", 4, true), items.get(2),
                Map.of("number", "P-4", "displayName", "Broken", "unitPrice", "abc"))));
        runner.run();

        final MockFlowFile second = runner.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst();
        second.assertAttributeEquals("products.updated", "1");
        second.assertAttributeEquals("products.archived", "1");
        second.assertAttributeEquals("products.unchanged", "1");
        second.assertAttributeEquals("shopify.requests", "3");
        final MockFlowFile failed = runner.getFlowFilesForRelationship(PublishShopifyProducts.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("error.code", "INVALID_ITEM");
        assertEquals("P-4", MAPPER.readTree(failed.getContent()).get(0).path("number").asText());
    }

    @Test
    void unreadableInputGoesToFailureWhole() throws Exception {
        final TestRunner runner = runner();
        runner.enqueue("not json");
        runner.run();
        runner.assertAllFlowFilesTransferred(PublishShopifyProducts.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PublishShopifyProducts.REL_FAILURE).getFirst().assertAttributeEquals("error.code", "MALFORMED_INPUT");
    }
}
