package io.nifiecommerce.processors.businesscentral;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.http.LocalHttpsServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
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
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Test
    void reachesBusinessCentralAndEntraThroughAnHttpProxy() throws Exception {
        final List<String> proxied = new CopyOnWriteArrayList<>();
        // a forward proxy: the only way to the two hosts, which do not resolve
        final HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            final URI target = exchange.getRequestURI();
            proxied.add(target.getHost() + " " + target.getPath());
            final HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(bc.baseUrl() + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (Set.of("authorization", "content-type", "accept").contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            final byte[] body = exchange.getRequestBody().readAllBytes();
            forward.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                final HttpResponse<byte[]> response = HttpClient.newHttpClient().send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
            exchange.close();
        });
        proxy.start();
        try {
            final ProxyConfiguration configuration = new ProxyConfiguration();
            configuration.setProxyType(Proxy.Type.HTTP);
            configuration.setProxyServerHost("127.0.0.1");
            configuration.setProxyServerPort(proxy.getAddress().getPort());
            final FixedProxyConfigurationService proxyService = new FixedProxyConfigurationService(configuration);
            runner.addControllerService("proxy", proxyService);
            runner.enableControllerService(proxyService);
            final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
            runner.addControllerService("bc", service);
            properties("secret").forEach((property, value) -> runner.setProperty(service, property, value));
            runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, "http://bc.internal.invalid:7048");
            runner.setProperty(service, StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, "http://login.internal.invalid");
            runner.setProperty(service, StandardBusinessCentralConnectionService.PROXY_CONFIGURATION_SERVICE, "proxy");
            runner.assertValid(service);
            runner.enableControllerService(service);

            assertEquals(StubBusinessCentral.COMPANY_ID, service.companyId());
            assertTrue(proxied.stream().anyMatch(line -> line.startsWith("login.internal.invalid /" + StubBusinessCentral.TENANT + "/oauth2")), proxied.toString());
            assertTrue(proxied.stream().anyMatch(line -> line.startsWith("bc.internal.invalid ")), proxied.toString());
        } finally {
            proxy.stop(0);
        }
    }

    /** A Proxy Configuration Service with a fixed configuration, as the standard one would give. */
    public static class FixedProxyConfigurationService extends AbstractControllerService implements ProxyConfigurationService {
        private final ProxyConfiguration configuration;

        FixedProxyConfigurationService(final ProxyConfiguration configuration) {
            this.configuration = configuration;
        }

        @Override
        public ProxyConfiguration getConfiguration() {
            return configuration;
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
