package io.nifiecommerce.benchmarks;

import io.nifiecommerce.http.ClusterShare;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.time.Duration;

/** The bundle's Shopify client wired as StandardShopifyConnectionService wires it (retries from 250 ms, Standard-plan budget until the shop tells), requests counted. */
final class ShopifyConnection {

    static final String API_VERSION = "2026-04";
    /** Loopback with ~100 ms latency: 5 s is generous, and a stalled answer costs 10 s (twice the timeout), not minutes. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    final ShopifyGraphQlClient client;
    final CountingExchange counter;

    ShopifyConnection(final String baseUrl, final String accessToken, final int maxAttempts) {
        this(baseUrl, accessToken, maxAttempts, REQUEST_TIMEOUT);
    }

    ShopifyConnection(final String baseUrl, final String accessToken, final int maxAttempts, final Duration requestTimeout) {
        this(baseUrl, accessToken, maxAttempts, requestTimeout, ClusterShare.WHOLE);
    }

    /** One node of a cluster, with its {@code share} of the shop's bucket. */
    ShopifyConnection(final String baseUrl, final String accessToken, final int maxAttempts, final Duration requestTimeout,
                      final ClusterShare share) {
        this(baseUrl, accessToken, maxAttempts, requestTimeout, CostBudget.standard(share));
    }

    /** A connection spending {@code budget} (its own, or one shared by the connections of the same app and shop). */
    ShopifyConnection(final String baseUrl, final String accessToken, final int maxAttempts, final Duration requestTimeout,
                      final CostBudget budget) {
        this.counter = new CountingExchange(HttpClientFactory.create(Duration.ofSeconds(10)));
        final HttpTransport transport = new HttpTransport(counter, new RetryPolicy(maxAttempts, Duration.ofMillis(250), Duration.ofSeconds(30)),
                Sleeper.SYSTEM);
        this.client = new ShopifyGraphQlClient(new ShopifyEndpoint(baseUrl, API_VERSION), AccessTokenSource.of(accessToken), budget,
                transport, requestTimeout);
    }
}
