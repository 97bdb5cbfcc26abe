package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.StubBusinessCentral;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.util.MockConfigurationContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
