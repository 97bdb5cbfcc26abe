package io.nifiecommerce.processors.shopify;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.shopify.ApiVersion;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockConfigurationContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardShopifyConnectionServiceTest {

    private static final String VERIFY = "query VerifyShop { shop { name } }";

    /** The processor a controller service needs to be tested with. */
    public static class NoOp extends AbstractProcessor {
        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
        }
    }

    private ShopifyStub stub;
    private HttpServer tokenServer;
    private final List<String> tokenForms = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private TestRunner runner;
    private StandardShopifyConnectionService service;

    @BeforeEach
    void setUp() throws IOException, InitializationException {
        stub = new ShopifyStub("2026-04");
        // the same host answers the token endpoint and the GraphQL endpoint: wrap the stub's port with a second context
        tokenServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenServer.createContext("/admin/oauth/access_token", exchange -> {
            tokenForms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            final String token = "shpat_cc_" + tokensIssued.incrementAndGet();
            stub.expectedToken = token;
            final byte[] body = ("{\"access_token\":\"" + token + "\",\"scope\":\"read_orders,read_all_orders\",\"expires_in\":86399}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokenServer.createContext("/admin/api/", exchange -> {
            // forward GraphQL to the stub so both share one base URL
            final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            try {
                final var forwarded = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stub.baseUrl() + exchange.getRequestURI()))
                                .header("X-Shopify-Access-Token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token")))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes())).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                forwarded.headers().firstValue("X-Shopify-API-Version").ifPresent(v -> exchange.getResponseHeaders().add("X-Shopify-API-Version", v));
                exchange.sendResponseHeaders(forwarded.statusCode(), forwarded.body().length);
                exchange.getResponseBody().write(forwarded.body());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        tokenServer.start();
        runner = TestRunners.newTestRunner(NoOp.class);
        service = new StandardShopifyConnectionService();
        runner.addControllerService("shopify", service);
        runner.setProperty(service, StandardShopifyConnectionService.STORE_DOMAIN, "maison-test");
        runner.setProperty(service, StandardShopifyConnectionService.BASE_URL_OVERRIDE, "http://127.0.0.1:" + tokenServer.getAddress().getPort());
        runner.setProperty(service, StandardShopifyConnectionService.MAX_BACKOFF, "10 millis");
    }

    @AfterEach
    void tearDown() {
        tokenServer.stop(0);
        stub.close();
    }

    @Test
    void newestSchemaValidatedVersionIsTheDefault() {
        assertEquals("2026-07", StandardShopifyConnectionService.API_VERSION.getDefaultValue());
        assertEquals(List.of("2026-10", "2026-07", "2026-04", "2026-01"), ApiVersion.SUPPORTED);
    }

    @Test
    void eachOfferedVersionSaysWhetherItsSdlValidatedTheDocuments() {
        final Map<String, String> descriptions = new HashMap<>();
        StandardShopifyConnectionService.API_VERSION.getAllowableValues().forEach(v -> descriptions.put(v.getValue(), v.getDescription()));
        assertEquals(ApiVersion.SUPPORTED.size(), descriptions.size());
        assertTrue(descriptions.get("2026-10").contains("release notes"), descriptions.get("2026-10"));
        assertTrue(descriptions.get("2026-07").contains("validated against this version's Admin SDL"), descriptions.get("2026-07"));
        assertTrue(descriptions.get("2026-04").contains("validated against this version's Admin SDL"), descriptions.get("2026-04"));
        assertTrue(descriptions.get("2026-01").contains("until 2027-01-01"), descriptions.get("2026-01"));
    }

    @Test
    void clientCredentialsAreExchangedForATokenRenewedOnceOn401() throws InitializationException {
        runner.setProperty(service, StandardShopifyConnectionService.API_VERSION, "2026-04");
        runner.setProperty(service, StandardShopifyConnectionService.AUTHENTICATION, StandardShopifyConnectionService.AUTH_CLIENT_CREDENTIALS.getValue());
        runner.setProperty(service, StandardShopifyConnectionService.CLIENT_ID, "client-id");
        runner.setProperty(service, StandardShopifyConnectionService.CLIENT_SECRET, "s3cr3t&x");
        runner.enableControllerService(service);

        assertEquals("Maison Test", service.client().execute(VERIFY, Map.of()).at("shop.name").asText());
        assertEquals(1, tokensIssued.get());
        assertEquals("grant_type=client_credentials&client_id=client-id&client_secret=s3cr3t%26x", tokenForms.get(0));

        assertEquals("Maison Test", service.client().execute(VERIFY, Map.of()).at("shop.name").asText());
        assertEquals(1, tokensIssued.get(), "a valid token is reused");

        // Shopify no longer accepts the token: one 401, one new token, the call succeeds
        stub.expectedToken = "revoked";
        assertEquals("Maison Test", service.client().execute(VERIFY, Map.of()).at("shop.name").asText());
        assertEquals(2, tokensIssued.get());
        assertEquals(1, stub.operations.stream().filter("unauthorized"::equals).count());
    }

    @Test
    void verifyShowsShopServedVersionAndScopes() {
        stub.expectedToken = "shpat_test";
        final Map<PropertyDescriptor, String> properties = new HashMap<>();
        properties.put(StandardShopifyConnectionService.STORE_DOMAIN, "maison-test");
        properties.put(StandardShopifyConnectionService.BASE_URL_OVERRIDE, "http://127.0.0.1:" + tokenServer.getAddress().getPort());
        properties.put(StandardShopifyConnectionService.API_VERSION, "2026-04");
        properties.put(StandardShopifyConnectionService.ACCESS_TOKEN, "shpat_test");
        properties.put(StandardShopifyConnectionService.MAX_BACKOFF, "10 millis");

        final List<ConfigVerificationResult> results = service.verify(new MockConfigurationContext(service, properties, null, Map.of()),
                runner.getLogger(), Map.of());
        assertEquals(3, results.size(), results.toString());
        results.forEach(r -> assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, r.getOutcome(), r.toString()));
        assertTrue(results.get(0).getExplanation().contains("Maison Test"));
        assertTrue(results.get(2).getExplanation().contains("read_all_orders"));

        stub.servedVersion = "2026-07";
        final List<ConfigVerificationResult> fellForward = service.verify(new MockConfigurationContext(service, properties, null, Map.of()),
                runner.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, fellForward.get(1).getOutcome());
        assertTrue(fellForward.get(1).getExplanation().contains("fell forward"), fellForward.get(1).getExplanation());

        stub.expectedToken = "another";
        final List<ConfigVerificationResult> refused = service.verify(new MockConfigurationContext(service, properties, null, Map.of()),
                runner.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, refused.get(0).getOutcome());
        assertTrue(refused.stream().noneMatch(r -> r.getExplanation().contains("shpat_test")), "the token is never shown");
    }

    @Test
    void versionSupportIsComputedFromTheReleaseDate() {
        final LocalDate today = LocalDate.of(2026, 11, 27);
        assertEquals(LocalDate.of(2027, 1, 1), ApiVersion.parse("2026-01").endOfSupport());
        assertEquals(ApiVersion.Support.ENDING_SOON, ApiVersion.parse("2026-01").support(today));
        assertEquals(ApiVersion.Support.SUPPORTED, ApiVersion.parse("2026-04").support(today));
        assertEquals(ApiVersion.Support.UNSUPPORTED, ApiVersion.parse("2025-10").support(today));
        assertTrue(ApiVersion.parse("2026-01").supportWarning(today).contains("35 days left"));
        assertNull(ApiVersion.parse("2026-07").supportWarning(today));
    }

    @Test
    void aVersionPastItsEndOfSupportIsInvalidAndOneEndingSoonWarns() {
        runner.setProperty(service, StandardShopifyConnectionService.ACCESS_TOKEN, "shpat_test");
        runner.setProperty(service, StandardShopifyConnectionService.API_VERSION, "2026-01");
        service.setClock(Clock.fixed(Instant.parse("2027-01-02T00:00:00Z"), ZoneOffset.UTC));
        runner.assertNotValid(service);

        service.setClock(Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC));
        runner.assertValid(service);
        runner.enableControllerService(service);
        final var warnings = runner.getControllerServiceLogger("shopify").getWarnMessages();
        assertTrue(warnings.stream().anyMatch(m -> m.getMsg().contains("end of support on 2027-01-01")), warnings.toString());
    }
}
