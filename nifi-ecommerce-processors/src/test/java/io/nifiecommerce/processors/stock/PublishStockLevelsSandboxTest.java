package io.nifiecommerce.processors.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.ResolvedItem;
import io.nifiecommerce.stock.ShopifyAdminApi;
import io.nifiecommerce.stock.SkuResolver;
import org.apache.nifi.components.ConfigVerificationResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PublishStockLevels against the sandbox's Shopify simulator (the real SDL, seeded catalog and stock). */
class PublishStockLevelsSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(5));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** The sandbox shop through a real client. */
    static final class SandboxConnection extends AbstractControllerService implements ShopifyConnectionService {
        final ShopifyGraphQlClient client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-04"),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(2))),
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
            return "2026-04";
        }
    }

    private TestRunner runner(SandboxConnection connection) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(PublishStockLevels.class);
        runner.addControllerService("shopify", connection);
        runner.enableControllerService(connection);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(PublishStockLevels.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(PublishStockLevels.RECORD_READER, "reader");
        runner.setProperty(PublishStockLevels.RECORD_WRITER, "writer");
        runner.setProperty("location.LYON", "Entrepôt Lyon");
        runner.setProperty("location.IDF", "Entrepôt Île-de-France");
        runner.setProperty("location.MARAIS", "Boutique Paris Marais");
        return runner;
    }

    @Test
    void publishesSeededCatalogThenOnlyChanges() throws Exception {
        final List<Variant> all = sandbox.seed().variants();
        final List<Variant> variants = all.subList(0, Math.min(60, all.size()));
        final int pairs = variants.size() * 2;
        final SandboxConnection connection = new SandboxConnection();
        final TestRunner runner = runner(connection);
        final List<Map<String, Object>> input = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            input.add(Map.of("sku", variants.get(i).sku(), "warehouse", "LYON", "quantity", 1000 + i));
            input.add(Map.of("sku", variants.get(i).sku(), "warehouse", "IDF", "quantity", 2000 + i));
        }

        runner.enqueue(MAPPER.writeValueAsBytes(input));
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_SUCCESS, 1);
        final MockFlowFile first = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
        first.assertAttributeEquals("stock.published", Integer.toString(pairs));
        first.assertAttributeEquals("stock.mutations", "1");
        final String lyon = locationId("Entrepôt Lyon");
        final String idf = locationId("Entrepôt Île-de-France");
        final Map<String, ResolvedItem> items = new SkuResolver(new ShopifyAdminApi(connection.client))
                .resolve(variants.stream().map(Variant::sku).toList(), true).items();
        for (int i = 0; i < variants.size(); i++) {
            final ResolvedItem item = items.get(variants.get(i).sku());
            assertEquals(1000L + i, item.levels().get(lyon).available(), variants.get(i).sku());
            assertEquals(2000L + i, item.levels().get(idf).available(), variants.get(i).sku());
        }

        // an hour later: one quantity changed
        runner.clearTransferState();
        input.set(0, Map.of("sku", variants.getFirst().sku(), "warehouse", "LYON", "quantity", 7));
        runner.enqueue(MAPPER.writeValueAsBytes(input));
        runner.run();

        final MockFlowFile second = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
        second.assertAttributeEquals("stock.published", "1");
        second.assertAttributeEquals("stock.unchanged", Integer.toString(pairs - 1));
        second.assertAttributeEquals("stock.lookups", "1");
        second.assertAttributeEquals("stock.mutations", "1");
    }

    @Test
    void itemsNotStockedAtTheShopFailWithShopifyReason() throws Exception {
        final SandboxConnection connection = new SandboxConnection();
        final TestRunner runner = runner(connection);
        final long marais = sandbox.seed().locations().stream().filter(l -> !l.fulfillsOnlineOrders()).findFirst().orElseThrow().id();
        final List<String> unstocked = sandbox.seed().variants().stream()
                .filter(v -> sandbox.seed().stockLevels().stream().noneMatch(s -> s.inventoryItemId() == v.inventoryItemId() && s.locationId() == marais))
                .map(Variant::sku).limit(3).toList();
        assertEquals(3, unstocked.size());
        final List<Map<String, Object>> input = new ArrayList<>();
        unstocked.forEach(sku -> input.add(Map.of("sku", sku, "warehouse", "MARAIS", "quantity", 4)));
        input.add(Map.of("sku", "NOT-IN-CATALOG", "warehouse", "MARAIS", "quantity", 4));

        runner.enqueue(MAPPER.writeValueAsBytes(input));
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_FAILURE, 1);
        final JsonNode records = MAPPER.readTree(runner.getFlowFilesForRelationship(PublishStockLevels.REL_FAILURE).getFirst().getContent());
        assertEquals(List.of("ITEM_NOT_STOCKED_AT_LOCATION", "ITEM_NOT_STOCKED_AT_LOCATION", "ITEM_NOT_STOCKED_AT_LOCATION", "UNKNOWN_SKU"),
                List.of(records.get(0).path("stock_reason").asText(), records.get(1).path("stock_reason").asText(),
                        records.get(2).path("stock_reason").asText(), records.get(3).path("stock_reason").asText()));
    }

    @Test
    void verifyPassesAgainstTheSandbox() throws Exception {
        final TestRunner runner = runner(new SandboxConnection());

        final List<ConfigVerificationResult> results = ((PublishStockLevels) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());

        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.getFirst().getOutcome(), results.toString());
        assertTrue(results.stream().noneMatch(r -> r.getOutcome() == ConfigVerificationResult.Outcome.FAILED), results.toString());
    }

    private static String locationId(String name) {
        final StockLocation location = sandbox.seed().locations().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
        return "gid://shopify/Location/" + location.id();
    }
}
