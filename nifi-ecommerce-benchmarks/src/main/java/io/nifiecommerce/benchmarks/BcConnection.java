package io.nifiecommerce.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.ClientCredentialsToken;
import io.nifiecommerce.businesscentral.RequestGovernor;
import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The bundle's Business Central client wired to the sandbox as StandardBusinessCentralConnectionService
 * wires it (5 attempts from 500 ms, governor at BC online's limits: 5 concurrent, 6000 per 5 minutes),
 * with every HTTP request counted.
 */
final class BcConnection {

    static final int MAX_CONCURRENT = 5;
    static final int WINDOW_LIMIT = 6000;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration REQUEST_TIMEOUT = ShopifyConnection.REQUEST_TIMEOUT;

    final BusinessCentralClient client;
    final CountingExchange counter;
    final String companyId;

    BcConnection(final Sandbox sandbox) {
        this(sandbox, ClusterShare.WHOLE);
    }

    /** One node of a cluster, with its {@code share} of the user's limits. */
    BcConnection(final Sandbox sandbox, final ClusterShare share) {
        this(sandbox, endpoint -> new RequestGovernor(MAX_CONCURRENT, WINDOW_LIMIT, WINDOW, share));
    }

    /** A connection whose governor {@code governors} gives for the sandbox's environment (its own, or one shared by the user's connections). */
    BcConnection(final Sandbox sandbox, final Function<BusinessCentralEndpoint, RequestGovernor> governors) {
        final BcSimulatorConfig config = sandbox.businessCentral().config();
        this.counter = new CountingExchange(HttpClientFactory.create(Duration.ofSeconds(10)));
        final HttpTransport transport = new HttpTransport(counter, new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(60)), Sleeper.SYSTEM);
        final BusinessCentralEndpoint endpoint = BusinessCentralEndpoint.online(sandbox.shopifyBaseUrl(), config.tenantId(), config.environment());
        final ClientCredentialsToken token = new ClientCredentialsToken(sandbox.shopifyBaseUrl() + "/login", config.tenantId(), config.clientId(),
                config.clientSecret(), null, transport, REQUEST_TIMEOUT, Clock.systemUTC());
        this.client = new BusinessCentralClient(endpoint, token, governors.apply(endpoint), transport,
                REQUEST_TIMEOUT);
        String id = null;
        for (final JsonNode company : client.companies()) {
            if (sandbox.bcCompanyName().equals(company.path("name").asText())) {
                id = company.path("id").asText();
            }
        }
        if (id == null) {
            throw new IllegalStateException("No company " + sandbox.bcCompanyName() + " in the BC sandbox");
        }
        this.companyId = id;
        counter.reset();
    }
}
