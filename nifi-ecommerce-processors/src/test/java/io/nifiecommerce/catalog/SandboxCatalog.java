package io.nifiecommerce.catalog;

import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** The bundle's real GraphQL client on the sandbox shop, and items to publish, for the catalog tests and benchmark. */
final class SandboxCatalog {

    private SandboxCatalog() {
    }

    static ShopifyGraphQlClient client(final Sandbox sandbox, final String version) {
        return new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), version),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(2))),
                Duration.ofSeconds(30));
    }

    static CatalogItem item(final String number, final String price) {
        return new CatalogItem(number, "Article " + number, "<p>Description " + number + "</p>", null, new BigDecimal(price), false,
                "VAISSELLE", null, List.of(), List.of());
    }
}
