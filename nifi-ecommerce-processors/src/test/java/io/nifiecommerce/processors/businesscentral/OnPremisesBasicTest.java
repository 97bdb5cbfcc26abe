package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.StubBusinessCentral;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Base URL deployment with Basic authentication, as on-premises servers are reached. */
class OnPremisesBasicTest {

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
}
