package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.ClientCredentialsToken;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.oauth2.AccessToken;
import org.apache.nifi.oauth2.OAuth2AccessTokenProvider;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Base URL deployment with Basic authentication (on-premises), and tokens from a NiFi OAuth2 Access Token Provider. */
class AuthenticationModesTest {

    public static class NoOp extends AbstractProcessor {
        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
        }
    }

    @Test
    void baseUrlAndBasicCredentialsReachTheCompany() throws Exception {
        try (StubBusinessCentral bc = new StubBusinessCentral()) {
            bc.acceptBasic("NIFI", "web-service-key");
            final TestRunner runner = TestRunners.newTestRunner(NoOp.class);
            final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
            runner.addControllerService("bc", service);
            runner.setProperty(service, StandardBusinessCentralConnectionService.DEPLOYMENT, "BASE_URL");
            runner.setProperty(service, StandardBusinessCentralConnectionService.BASE_URL,
                    bc.baseUrl() + "/v2.0/" + StubBusinessCentral.TENANT + "/" + StubBusinessCentral.ENVIRONMENT + "/");
            runner.setProperty(service, StandardBusinessCentralConnectionService.AUTHENTICATION, "BASIC");
            runner.setProperty(service, StandardBusinessCentralConnectionService.USERNAME, "NIFI");
            runner.setProperty(service, StandardBusinessCentralConnectionService.PASSWORD, "web-service-key");
            runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, StubBusinessCentral.COMPANY_ID);
            runner.assertValid(service);
            runner.enableControllerService(service);
            assertEquals(StubBusinessCentral.COMPANY_ID, service.companyId());
            assertEquals(1, service.client().companies().size());
            assertEquals(0, bc.tokenRequests());
            assertEquals(0, bc.unauthorizedCount());
        }
    }

    @Test
    void onlineNeedsATenant() {
        final TestRunner runner = TestRunners.newTestRunner(NoOp.class);
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        try {
            runner.addControllerService("bc", service);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, "client");
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, "secret");
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, "CRONUS");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, "contoso.onmicrosoft.com");
        runner.assertValid(service);
    }

    /** Hands out a token issued by the stub, as a real provider would from its own token endpoint. */
    public static class IssuedTokenProvider extends AbstractControllerService implements OAuth2AccessTokenProvider {
        volatile String issued;
        int calls;

        @Override
        public AccessToken getAccessDetails() {
            calls++;
            return new AccessToken(issued, null, "Bearer", 3599, null);
        }
    }

    @Test
    void tokensFromAnOAuth2AccessTokenProvider() throws Exception {
        try (StubBusinessCentral bc = new StubBusinessCentral()) {
            final IssuedTokenProvider provider = new IssuedTokenProvider();
            provider.issued = new ClientCredentialsToken(bc.baseUrl(), StubBusinessCentral.TENANT, "client", "secret", null,
                    new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), RetryPolicy.NONE), Duration.ofSeconds(5), Clock.systemUTC())
                    .authorization().substring("Bearer ".length());
            final TestRunner runner = TestRunners.newTestRunner(NoOp.class);
            runner.addControllerService("oauth", provider);
            runner.enableControllerService(provider);
            final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
            runner.addControllerService("bc", service);
            runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, StubBusinessCentral.TENANT);
            runner.setProperty(service, StandardBusinessCentralConnectionService.ENVIRONMENT, StubBusinessCentral.ENVIRONMENT);
            runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, bc.baseUrl());
            runner.setProperty(service, StandardBusinessCentralConnectionService.AUTHENTICATION, "OAUTH2_PROVIDER");
            runner.setProperty(service, StandardBusinessCentralConnectionService.OAUTH2_ACCESS_TOKEN_PROVIDER, "oauth");
            runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, StubBusinessCentral.COMPANY_NAME);
            runner.enableControllerService(service);
            assertEquals(StubBusinessCentral.COMPANY_ID, service.companyId());
            assertEquals(1, provider.calls);
            assertEquals(0, bc.unauthorizedCount());
        }
    }
}
