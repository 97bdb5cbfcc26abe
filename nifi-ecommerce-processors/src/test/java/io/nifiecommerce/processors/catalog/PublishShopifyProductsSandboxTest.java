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
        private final Sandbox sandbox;
        final ShopifyGraphQlClient client;

        SandboxConnection(final Sandbox sandbox) {
            this.sandbox = sandbox;
            this.client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-07"),
                    AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                    new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1))),
                    Duration.ofSeconds(30));
        }

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
        return runner(PublishShopifyProducts.class, sandbox);
    }

    /** A catalog processor (or PutShopifyCompanies, whose three properties are named alike) on the sandbox shop, with a JSON reader and writer. */
    static TestRunner runner(final Class<? extends org.apache.nifi.processor.Processor> type, final Sandbox shop) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(type);
        final SandboxConnection connection = new SandboxConnection(shop);
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
    void publishesBusinessCentralPriceLinesToCatalogs() throws Exception {
        final TestRunner products = runner();
        products.enqueue(MAPPER.writeValueAsBytes(List.of(item("B2B-1", 10, false), item("B2B-2", 12, false))));
        products.run();
        products.assertAllFlowFilesTransferred(PublishShopifyProducts.REL_SUCCESS, 1);

        final TestRunner prices = runner(PublishShopifyPriceLists.class, sandbox);
        prices.setProperty(PriceListProperties.CATALOG_TITLE_PREFIX, "ERP ");
        final List<Map<String, Object>> lines = List.of(
                priceLine("GROSSISTE", "B2B-1", 8.5, 0, "0001-01-01", "0001-01-01"),
                priceLine("GROSSISTE", "B2B-2", 9, 0, "0001-01-01", "2020-01-01"),
                priceLine("GROSSISTE", "B2B-2", 7, 10, "0001-01-01", "0001-01-01"),
                priceLine("GROSSISTE", "B2B-404", 1, 0, "0001-01-01", "0001-01-01"));
        prices.enqueue(MAPPER.writeValueAsBytes(lines));
        prices.run();

        final MockFlowFile success = prices.getFlowFilesForRelationship(PublishShopifyPriceLists.REL_SUCCESS).getFirst();
        success.assertAttributeEquals("prices.published", "1");
        success.assertAttributeEquals("prices.skipped", "1");
        success.assertAttributeEquals("prices.unchanged", "1"); // an ended price never sent: nothing to remove
        assertEquals(true, success.getAttribute("shopify.catalogs").startsWith("GROSSISTE=gid://shopify/CompanyLocationCatalog/"));
        final MockFlowFile failure = prices.getFlowFilesForRelationship(PublishShopifyPriceLists.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("error.code", "UNKNOWN_SKU");
        final long variantId = sandbox.shopify().shop().variants().stream().filter(v -> v.sku().equals("B2B-1")).findFirst().orElseThrow().id();
        assertEquals(0, new java.math.BigDecimal("8.5").compareTo(sandbox.shopify().shop().fixedPrice("ERP GROSSISTE", variantId).orElseThrow()));

        // the price of B2B-1 ends: its fixed price is removed
        prices.clearTransferState();
        prices.enqueue(MAPPER.writeValueAsBytes(List.of(priceLine("GROSSISTE", "B2B-1", 8.5, 0, "0001-01-01", "2021-06-30"))));
        prices.run();
        prices.getFlowFilesForRelationship(PublishShopifyPriceLists.REL_SUCCESS).getFirst().assertAttributeEquals("prices.removed", "1");
        assertEquals(java.util.Optional.empty(), sandbox.shopify().shop().fixedPrice("ERP GROSSISTE", variantId));
    }

    /** A line of the bc-extension page salesPriceLines. */
    private static Map<String, Object> priceLine(final String group, final String item, final double price, final int minimum,
                                                 final String starting, final String ending) {
        final Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("priceListCode", "S00001");
        line.put("sourceType", "Customer Price Group");
        line.put("sourceNo", group);
        line.put("assetNo", item);
        line.put("variantCode", "");
        line.put("unitOfMeasureCode", "PCS");
        line.put("minimumQuantity", minimum);
        line.put("unitPrice", price);
        line.put("currencyCode", "");
        line.put("startingDate", starting);
        line.put("endingDate", ending);
        return line;
    }

    @Test
    void verifyChecksTheAppsScopes() throws Exception {
        final TestRunner runner = runner();
        final List<org.apache.nifi.components.ConfigVerificationResult> results = ((PublishShopifyProducts) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(1, results.size());
        assertEquals(org.apache.nifi.components.ConfigVerificationResult.Outcome.SUCCESSFUL, results.getFirst().getOutcome(),
                results.getFirst().getExplanation());
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
