package io.nifiecommerce.processors.edi;

import io.nifiecommerce.businesscentral.BasicCredentials;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.RequestGovernor;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;

import java.time.Duration;

/** A BC connection service for tests, on a client to a local HTTP stub (Basic auth, no retries), company c0. */
final class StubConnection extends AbstractControllerService implements BusinessCentralConnectionService {

    private final BusinessCentralClient client;

    private StubConnection(final BusinessCentralClient client) {
        this.client = client;
    }

    /** Adds and enables the service as "bc" on the runner, talking to http://127.0.0.1:port. */
    static void addTo(final TestRunner runner, final int port) throws InitializationException {
        final BusinessCentralClient client = new BusinessCentralClient(
                new BusinessCentralEndpoint("http://127.0.0.1:" + port, BusinessCentralEndpoint.STANDARD_ROUTE),
                new BasicCredentials("user", "key"), new RequestGovernor(5, 6000, Duration.ofMinutes(5)),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), RetryPolicy.NONE), Duration.ofSeconds(5));
        final StubConnection connection = new StubConnection(client);
        runner.addControllerService("bc", connection);
        runner.enableControllerService(connection);
    }

    @Override
    public BusinessCentralClient client() {
        return client;
    }

    @Override
    public String companyId() {
        return "c0";
    }
}
