package io.nifiecommerce.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSalesPriceLines;
import io.nifiecommerce.sandbox.seed.Company;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxControlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String QUERY = "{\"query\":\"{ locations(first: 5) { nodes { id name } } }\"}";

    private static HttpResponse<String> post(final String url, final String token, final String body) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Shopify-Access-Token", token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void controlEndpointsFaultsShopsAndBusinessCentralSeed() throws Exception {
        // The first request of a JVM would pay the SDL build (tens of seconds on a loaded machine): pay it first.
        io.nifiecommerce.sandbox.shopify.ShopifySchemas.preload("2026-04");
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(30).withShops(List.of("alpha", "beta")))) {
            final String base = sandbox.shopifyBaseUrl();
            assertEquals(200, post(sandbox.shopifyGraphqlUrl("2026-04"), sandbox.shopifyAccessToken(), QUERY).statusCode());
            assertEquals(200, post(sandbox.shopifyBaseUrl("beta") + "/admin/api/2026-04/graphql.json", sandbox.shopify("beta").tokens().staticToken(), QUERY).statusCode());
            assertEquals(401, post(sandbox.shopifyBaseUrl("beta") + "/admin/api/2026-04/graphql.json", sandbox.shopifyAccessToken(), QUERY).statusCode());

            JsonNode stats = MAPPER.readTree(CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/_sandbox/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(2, stats.path("shopify.requests.locations").asInt(), stats.toString());
            assertEquals(30, stats.path("shopify.orders").asInt());
            assertTrue(stats.has("bc.salesOrders"));

            assertEquals(sandbox.seed().variants().size(), sandbox.businessCentral().company(sandbox.bcCompanyName()).items().size());
            // the B2B companies, the web customer, the retail customers and the marketplaces (Mirakl's and Amazon's orders are booked on them)
            assertEquals(sandbox.seed().companies().size() + 1 + sandbox.seed().customers().size() + 2,
                    sandbox.businessCentral().company(sandbox.bcCompanyName()).customers().size());
            // the B2B companies in the resellers' price group, which has price lines; nobody else in a group (no catalog to miss)
            final BcCompany bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
            final Set<String> companies = sandbox.seed().companies().stream().map(Company::externalId).collect(Collectors.toSet());
            bc.shopCustomers().forEach(customer -> assertEquals(
                    companies.contains(customer.path("number").asText()) ? BcSeeding.B2B_PRICE_GROUP : "", customer.path("customerPriceGroup").asText(),
                    customer.path("number").asText()));
            assertTrue(bc.customRows(BcSalesPriceLines.PAGE).stream()
                    .anyMatch(line -> line.path("sourceNo").asText().equals(BcSeeding.B2B_PRICE_GROUP)));

            assertEquals(200, post(base + "/_sandbox/seed?orders=12&seed=5", null, "").statusCode());
            assertEquals(12, sandbox.shopify().shop().orderCount());

            assertEquals(200, post(base + "/_sandbox/faults", null, "{\"faultRate\":1.0,\"serverError\":true,\"throttle\":false,\"timeout\":false,"
                    + "\"connectionReset\":false,\"malformedBody\":false}").statusCode());
            final int status = post(sandbox.shopifyGraphqlUrl("2026-04"), sandbox.shopifyAccessToken(), QUERY).statusCode();
            assertTrue(status == 500 || status == 503, "status " + status);
            post(base + "/_sandbox/faults", null, "{\"serverError\":false,\"connectionReset\":true}");
            assertThrows(IOException.class, () -> post(sandbox.shopifyGraphqlUrl("2026-04"), sandbox.shopifyAccessToken(), QUERY));
            post(base + "/_sandbox/faults", null, "{\"connectionReset\":false,\"malformedBody\":true}");
            final String garbled = post(sandbox.shopifyGraphqlUrl("2026-04"), sandbox.shopifyAccessToken(), QUERY).body();
            assertThrows(IOException.class, () -> MAPPER.readTree(garbled));
            post(base + "/_sandbox/faults", null, "{\"faultRate\":0}");
            assertEquals(200, post(sandbox.shopifyGraphqlUrl("2026-04"), sandbox.shopifyAccessToken(), QUERY).statusCode());

            assertEquals(200, post(base + "/_sandbox/reset", null, "").statusCode());
            stats = MAPPER.readTree(CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/_sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(0, stats.path("shopify.requests.locations").asInt());
        }
    }

    @Test
    void cliFlagsBuildTheConfig() {
        final SandboxConfig config = SandboxMain.parse(new String[]{"--port", "0", "--orders", "7", "--seed", "9", "--fault-rate", "0.2",
                "--faults", "throttle,reset", "--plan", "plus", "--throttle-http-status", "429", "--latency-ms", "15"});
        assertEquals(7, config.orders());
        assertEquals(20000, config.rateLimit().bucketSize());
        assertEquals(429, config.rateLimit().throttleStatus());
        assertTrue(config.faults().throttle() && config.faults().connectionReset() && !config.faults().serverError());
        assertEquals(15, config.faults().latencyMedian().toMillis());
    }

    @Test
    void aShopWithoutCatalogRefusesToPlaceOrdersBeforeTheErpSync() throws Exception {
        final SandboxConfig config = SandboxMain.parse(new String[]{"--port", "0", "--orders", "6", "--catalog-from-erp"});
        assertTrue(config.catalogFromErp());
        try (Sandbox sandbox = Sandbox.start(config)) {
            assertEquals(0, sandbox.shopify().shop().orderCount());
            final HttpResponse<String> refused = post(sandbox.shopifyBaseUrl() + "/_sandbox/place-orders", null, "");
            assertEquals(409, refused.statusCode());
            assertTrue(refused.body().contains(sandbox.seed().variants().getFirst().sku()), "names a SKU the shop lacks: " + refused.body());
            assertEquals(0, sandbox.shopify().shop().orderCount());
        }
    }
}
