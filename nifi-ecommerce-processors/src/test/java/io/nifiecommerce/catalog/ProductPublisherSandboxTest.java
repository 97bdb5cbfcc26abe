package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.PublishedQuantities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** ProductPublisher against the sandbox's Shopify simulator (the real SDL, productSet and SKU search). */
class ProductPublisherSandboxTest {

    private static Sandbox sandbox;
    private static ShopifyGraphQlClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0));
        client = SandboxCatalog.client(sandbox, "2026-04");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ProductPublisher.Report publish(final List<CatalogItem> items, final PublishedQuantities memory, final boolean full,
                                                   final ProductSettings settings) {
        return new ProductPublisher(new CatalogCalls(client), new ProductMapping(settings)).publish(items, memory, full);
    }

    private static JsonNode variantsOf(final String sku) {
        return client.execute(CatalogDocuments.PRODUCTS_BY_SKU, Map.of("query", "sku:\"" + sku + "\"", "first", 10)).at("productVariants.nodes");
    }

    private static JsonNode product(final String id) {
        return client.execute("query($id: ID!) { product(id: $id) { id title handle status productType descriptionHtml "
                + "variants(first: 10) { nodes { sku price barcode selectedOptions { name value } } } } }", Map.of("id", id)).at("product");
    }

    @Test
    void createsThenSendsOnlyChangedItemsAndArchivesBlockedOnes() {
        final PublishedQuantities memory = new PublishedQuantities();
        final List<CatalogItem> items = List.of(SandboxCatalog.item("CAT-1", "12.50"), SandboxCatalog.item("CAT-2", "8"),
                new CatalogItem("CAT-3", "Assiette", null, "3760000000017", new BigDecimal("4.90"), false, "VAISSELLE", null,
                        List.of(new CatalogItem.Variant("BLEU", "Bleu"), new CatalogItem.Variant("ROUGE", "Rouge")), List.of()));

        final ProductPublisher.Report first = publish(items, memory, false, ProductSettings.defaults());

        assertEquals(3, first.count(ProductOutcome.Status.CREATED), first.outcomes().toString());
        assertEquals(1, first.lookups());
        assertEquals(3, first.mutations());
        assertEquals(4, first.requests());
        final JsonNode created = product(variantsOf("CAT-3-ROUGE").get(0).path("product").path("id").asText());
        assertEquals("Assiette", created.path("title").asText());
        assertEquals("VAISSELLE", created.path("productType").asText());
        assertEquals("cat-3", created.path("handle").asText());
        assertEquals(List.of("CAT-3-BLEU", "CAT-3-ROUGE"), List.of(created.at("/variants/nodes/0/sku").asText(), created.at("/variants/nodes/1/sku").asText()));
        assertEquals(0, new BigDecimal("4.90").compareTo(new BigDecimal(created.at("/variants/nodes/1/price").asText())));
        assertEquals("Variante", created.at("/variants/nodes/1/selectedOptions/0/name").asText());
        final JsonNode bySku = client.execute("query($q: String!) { products(first: 5, query: $q) { nodes { id title } } }",
                Map.of("q", "sku:\"CAT-3-BLEU\"")).at("products.nodes");
        assertEquals(1, bySku.size());
        assertEquals(created.path("id").asText(), bySku.get(0).path("id").asText(), "products(query: sku:...) finds the product of a variant SKU");

        // the next night: one price changed, one item blocked, one unchanged
        final List<CatalogItem> next = List.of(SandboxCatalog.item("CAT-1", "13.00"), blocked(SandboxCatalog.item("CAT-2", "8")), items.get(2));
        final ProductPublisher.Report second = publish(next, memory, false, ProductSettings.defaults());

        assertEquals(1, second.count(ProductOutcome.Status.UPDATED));
        assertEquals(1, second.count(ProductOutcome.Status.ARCHIVED));
        assertEquals(1, second.count(ProductOutcome.Status.UNCHANGED));
        assertEquals(3, second.requests(), "one lookup for the two changed items, two productSet");
        assertEquals(0, new BigDecimal("13").compareTo(new BigDecimal(product(variantsOf("CAT-1").get(0).at("/product/id").asText())
                .at("/variants/nodes/0/price").asText())));
        assertEquals("ARCHIVED", variantsOf("CAT-2").get(0).at("/product/status").asText());
        assertEquals(1, variantsOf("CAT-1").size(), "updated in place, not duplicated");

        // a replay of the same run with an empty memory (state lost) creates nothing twice
        final int before = sandbox.shopify().shop().productCount();
        publish(next, new PublishedQuantities(), false, ProductSettings.defaults());
        assertEquals(before, sandbox.shopify().shop().productCount());
    }

    @Test
    void shopifyOwnedDescriptionIsSetAtCreationOnlyAndTheProductFoundBySkuIsUpdated() {
        final PublishedQuantities memory = new PublishedQuantities();
        publish(List.of(SandboxCatalog.item("OWN-1", "5")), memory, false, ProductSettings.defaults());
        final String id = variantsOf("OWN-1").get(0).at("/product/id").asText();
        assertEquals("<p>Description OWN-1</p>", product(id).path("descriptionHtml").asText());

        final CatalogItem edited = new CatalogItem("OWN-1", "Nouveau titre", "<p>Texte ERP</p>", null, new BigDecimal("5"), false,
                "VAISSELLE", null, List.of(), List.of());
        publish(List.of(edited), memory, false, ProductSettings.defaults());

        final JsonNode after = product(id);
        assertEquals("Nouveau titre", after.path("title").asText());
        assertEquals("<p>Description OWN-1</p>", after.path("descriptionHtml").asText(), "the description is Shopify's once created");

        publish(List.of(edited), memory, true, ProductSettings.defaults().withShopifyOwned());
        assertEquals("<p>Texte ERP</p>", product(id).path("descriptionHtml").asText(), "nothing owned: the ERP's text goes");
    }

    @Test
    void blockedItemAbsentFromShopifyIsNotCreatedAndUnknownVariantIdFailsWithShopifyCode() {
        final ProductPublisher.Report report = publish(List.of(blocked(SandboxCatalog.item("BLK-1", "3"))), new PublishedQuantities(), false,
                ProductSettings.defaults());
        assertEquals(ProductOutcome.Status.SKIPPED, report.outcomes().getFirst().status());
        assertEquals(0, variantsOf("BLK-1").size());

        final JsonNode answer = client.execute(CatalogDocuments.PRODUCT_SET, Map.of("input", Map.of("title", "X",
                "productOptions", List.of(Map.of("name", "Title", "values", List.of(Map.of("name", "Default Title")))),
                "variants", List.of(Map.of("sku", "X-1", "optionValues", List.of(Map.of("optionName", "Taille", "name", "M"))))))).data();
        assertEquals("OPTION_DOES_NOT_EXIST", answer.at("/productSet/userErrors/0/code").asText());
        assertNotNull(answer.at("/productSet/userErrors/0/field"));
    }

    @Test
    void anOutageMidRunKeepsWhatWasSentAndLeavesTheRestForRetry() {
        final AtomicInteger sends = new AtomicInteger();
        final HttpClient http = HttpClientFactory.create(Duration.ofSeconds(5));
        // the shop answers the lookup and two productSet calls, then cannot be reached
        final HttpTransport failing = new HttpTransport(request -> {
            if (sends.incrementAndGet() > 3) {
                throw new ConnectException("Connection refused");
            }
            return HttpTransport.sendBounded(http, request);
        }, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)), d -> { });
        final ShopifyGraphQlClient outage = new ShopifyGraphQlClient(client.endpoint(), AccessTokenSource.of(
                sandbox.shopifyAccessToken()), CostBudget.standard(), failing, Duration.ofSeconds(5));
        final List<CatalogItem> items = List.of(SandboxCatalog.item("OUT-1", "1"), SandboxCatalog.item("OUT-2", "2"),
                SandboxCatalog.item("OUT-3", "3"), SandboxCatalog.item("OUT-4", "4"));
        final PublishedQuantities memory = new PublishedQuantities();

        final ProductPublisher.Report interrupted = new ProductPublisher(new CatalogCalls(outage), new ProductMapping(ProductSettings.defaults()))
                .publish(items, memory, false);

        assertEquals(2, interrupted.count(ProductOutcome.Status.CREATED));
        assertEquals(2, interrupted.count(ProductOutcome.Status.RETRY));
        assertEquals(2, memory.size(), "only what Shopify took is remembered");

        final ProductPublisher.Report resumed = publish(items, memory, false, ProductSettings.defaults());
        assertEquals(2, resumed.count(ProductOutcome.Status.UNCHANGED));
        assertEquals(2, resumed.count(ProductOutcome.Status.CREATED));
        assertEquals(1, variantsOf("OUT-3").size());
    }

    private static CatalogItem blocked(final CatalogItem item) {
        return new CatalogItem(item.number(), item.title(), item.description(), item.gtin(), item.unitPrice(), true, item.category(),
                item.pictureUrl(), item.variants(), item.units());
    }
}
