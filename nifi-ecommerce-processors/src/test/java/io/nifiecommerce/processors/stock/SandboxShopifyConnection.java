package io.nifiecommerce.processors.stock;

import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.time.Duration;

/** The sandbox shop through the bundle's real GraphQL client, as a Shopify connection service for processor tests. */
public final class SandboxShopifyConnection extends AbstractControllerService implements ShopifyConnectionService {

    private final Sandbox sandbox;
    public final ShopifyGraphQlClient client;

    public SandboxShopifyConnection(final Sandbox sandbox) {
        this.sandbox = sandbox;
        this.client = new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-04"),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), CostBudget.standard(),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), new RetryPolicy(4, Duration.ofMillis(50), Duration.ofSeconds(2))),
                Duration.ofSeconds(30));
    }

    @Override
    public ShopifyGraphQlClient client() {
        return client;
    }

    @Override
    public String shopDomain() {
        return sandbox.shopDomain();
    }

    @Override
    public String apiVersion() {
        return "2026-04";
    }

    /** PublishStockLevels on this connection, with JSON reader and writer. */
    TestRunner publishStockLevels() throws Exception {
        final TestRunner runner = runner(PublishStockLevels.class);
        runner.setProperty(StockProperties.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(StockProperties.RECORD_READER, "reader");
        runner.setProperty(StockProperties.RECORD_WRITER, "writer");
        return runner;
    }

    /** A runner of the processor with this connection as "shopify", a JSON reader "reader" and a JSON writer "writer". */
    public TestRunner runner(final Class<? extends org.apache.nifi.processor.Processor> processor) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        runner.addControllerService("shopify", this);
        runner.enableControllerService(this);
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        return runner;
    }
}
