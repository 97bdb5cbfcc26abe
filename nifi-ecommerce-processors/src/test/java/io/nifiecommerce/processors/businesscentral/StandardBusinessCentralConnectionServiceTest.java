package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.http.LocalHttpsServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.ssl.SSLContextProvider;
import org.apache.nifi.util.MockConfigurationContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardBusinessCentralConnectionServiceTest {

    private StubBusinessCentral bc;
    private TestRunner runner;

    public static class NoOp extends AbstractProcessor {
        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        bc = new StubBusinessCentral();
        runner = TestRunners.newTestRunner(NoOp.class);
    }

    @AfterEach
    void tearDown() {
        bc.close();
    }

    @Test
    void resolvesTheCompanyByNameAndSharesOneClient() throws Exception {
        final StandardBusinessCentralConnectionService service = BusinessCentralTestSupport.connect(runner, bc, "secret");
        assertEquals(StubBusinessCentral.COMPANY_ID, service.companyId());
        assertEquals(StubBusinessCentral.COMPANY_ID, service.companyId());
        assertEquals(1, bc.apiRequests(), "companies listed once");
        assertEquals(1, bc.tokenRequests(), "token cached");
        assertTrue(service.client() == service.client());
        assertEquals(5, service.client().governor().maxConcurrent());
    }

    @Test
    void verifyReportsARefusedSecretWithoutLeakingIt() throws Exception {
        final String secret = "wrong-secret";
        final StandardBusinessCentralConnectionService service = BusinessCentralTestSupport.connect(runner, bc, secret);
        runner.disableControllerService(service);
        final List<ConfigVerificationResult> results = service.verify(
                new MockConfigurationContext(service, properties(secret), null, null),
                runner.getLogger(), Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.get(0).getOutcome());
        assertTrue(results.get(0).getExplanation().contains("AADSTS7000215"), results.get(0).getExplanation());
        assertTrue(!results.get(0).getExplanation().contains("wrong-secret"));
    }

    @Test
    void verifySucceedsWithGoodCredentials() throws Exception {
        final String secret = "secret";
        final StandardBusinessCentralConnectionService service = BusinessCentralTestSupport.connect(runner, bc, secret);
        runner.disableControllerService(service);
        final List<ConfigVerificationResult> results = service.verify(
                new MockConfigurationContext(service, properties(secret), null, null),
                runner.getLogger(), Map.of());
        results.forEach(r -> assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, r.getOutcome(), r.getExplanation()));
        assertTrue(results.get(1).getExplanation().contains(StubBusinessCentral.COMPANY_ID));
    }

    @Test
    void reachesAnOnPremisesServerSignedByAPrivateCa(@TempDir final Path directory) throws Exception {
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        try (LocalHttpsServer server = new LocalHttpsServer(directory, exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            final byte[] body = ("{\"value\":[{\"id\":\"" + StubBusinessCentral.COMPANY_ID + "\",\"name\":\"CRONUS\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        })) {
            final TrustingSslContextProvider ssl = new TrustingSslContextProvider(server.trustContext());
            runner.addControllerService("ssl", ssl);
            runner.enableControllerService(ssl);
            final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
            runner.addControllerService("bc", service);
            runner.setProperty(service, StandardBusinessCentralConnectionService.DEPLOYMENT, "BASE_URL");
            runner.setProperty(service, StandardBusinessCentralConnectionService.BASE_URL, server.uri("/BC/api/v2.0").toString());
            runner.setProperty(service, StandardBusinessCentralConnectionService.AUTHENTICATION, "BASIC");
            runner.setProperty(service, StandardBusinessCentralConnectionService.USERNAME, "NIFI");
            runner.setProperty(service, StandardBusinessCentralConnectionService.PASSWORD, "web-service-key");
            runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, "CRONUS");
            runner.setProperty(service, StandardBusinessCentralConnectionService.SSL_CONTEXT_SERVICE, "ssl");
            runner.assertValid(service);
            runner.enableControllerService(service);

            assertEquals(StubBusinessCentral.COMPANY_ID, service.companyId());
            assertEquals(1, authorizations.size());
            assertTrue(authorizations.get(0).startsWith("Basic "));
        }
    }

    /** An SSL Context Service holding a ready context, as the standard one would after reading its trust store. */
    public static class TrustingSslContextProvider extends AbstractControllerService implements SSLContextProvider {
        private final SSLContext context;

        TrustingSslContextProvider(final SSLContext context) {
            this.context = context;
        }

        @Override
        public SSLContext createContext() {
            return context;
        }

        @Override
        public Optional<X509ExtendedKeyManager> createKeyManager() {
            return Optional.empty();
        }

        @Override
        public X509TrustManager createTrustManager() {
            throw new UnsupportedOperationException("not needed by the JDK client");
        }
    }

    private Map<PropertyDescriptor, String> properties(final String secret) {
        final Map<PropertyDescriptor, String> properties = new HashMap<>();
        properties.put(StandardBusinessCentralConnectionService.DEPLOYMENT, "ONLINE");
        properties.put(StandardBusinessCentralConnectionService.AUTHENTICATION, "CLIENT_CREDENTIALS");
        properties.put(StandardBusinessCentralConnectionService.TENANT_ID, StubBusinessCentral.TENANT);
        properties.put(StandardBusinessCentralConnectionService.ENVIRONMENT, StubBusinessCentral.ENVIRONMENT);
        properties.put(StandardBusinessCentralConnectionService.API_URL_OVERRIDE, bc.baseUrl());
        properties.put(StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, bc.baseUrl());
        properties.put(StandardBusinessCentralConnectionService.CLIENT_ID, "client");
        properties.put(StandardBusinessCentralConnectionService.CLIENT_SECRET, secret);
        properties.put(StandardBusinessCentralConnectionService.SCOPE, "https://api.businesscentral.dynamics.com/.default");
        properties.put(StandardBusinessCentralConnectionService.COMPANY, StubBusinessCentral.COMPANY_NAME);
        properties.put(StandardBusinessCentralConnectionService.MAX_CONCURRENT_REQUESTS, "5");
        properties.put(StandardBusinessCentralConnectionService.REQUESTS_PER_WINDOW, "6000");
        properties.put(StandardBusinessCentralConnectionService.RATE_WINDOW, "5 min");
        properties.put(StandardBusinessCentralConnectionService.CONNECT_TIMEOUT, "5 sec");
        properties.put(StandardBusinessCentralConnectionService.REQUEST_TIMEOUT, "10 sec");
        properties.put(StandardBusinessCentralConnectionService.MAX_ATTEMPTS, "2");
        return properties;
    }
}
