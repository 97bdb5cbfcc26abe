package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.CostBudget;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every flow definition declares its own Shopify connection service: the services of one app on one shop drain one bucket. */
class SharedCostBudgetTest {

    private final TestRunner runner = TestRunners.newTestRunner(StandardShopifyConnectionServiceTest.NoOp.class);

    private StandardShopifyConnectionService service(final String id, final String shop, final String token) throws InitializationException {
        final StandardShopifyConnectionService service = new StandardShopifyConnectionService();
        runner.addControllerService(id, service);
        runner.setProperty(service, StandardShopifyConnectionService.STORE_DOMAIN, shop);
        runner.setProperty(service, StandardShopifyConnectionService.ACCESS_TOKEN, token);
        runner.enableControllerService(service);
        return service;
    }

    @Test
    void twoFlowsOfOneAppOnOneShopSpendOneBucket() throws Exception {
        final StandardShopifyConnectionService fulfillments = service("fulfillments", "shared-shop.myshopify.com", "shpat_flows");
        final StandardShopifyConnectionService stock = service("stock", "shared-shop", "shpat_flows");
        final CostBudget budget = fulfillments.client().budget();
        budget.reserve(900);
        assertTrue(stock.client().budget().available() < 150, "what one flow reserved is gone for the other");
        assertTrue(stock.client().budget().reserve(200).delay().compareTo(Duration.ZERO) > 0, "the other flow waits for the bucket to refill");
        assertSame(budget, stock.client().budget(), "the same shop written two ways, the same app: one budget");
        runner.disableControllerService(fulfillments);
        runner.disableControllerService(stock);
    }

    @Test
    void anotherAppOrShopKeepsItsBucketAndDisablingReleasesIt() throws Exception {
        final StandardShopifyConnectionService first = service("first", "apps-shop.myshopify.com", "shpat_one");
        final StandardShopifyConnectionService otherApp = service("other-app", "apps-shop.myshopify.com", "shpat_two");
        final StandardShopifyConnectionService otherShop = service("other-shop", "other-shop.myshopify.com", "shpat_one");
        assertNotSame(first.client().budget(), otherApp.client().budget());
        assertNotSame(first.client().budget(), otherShop.client().budget());
        final StandardShopifyConnectionService second = service("second", "apps-shop.myshopify.com", "shpat_one");
        final CostBudget shared = first.client().budget();
        shared.reserve(500);
        runner.disableControllerService(first);
        assertSame(shared, second.client().budget(), "still held by the second service");
        runner.disableControllerService(second);
        runner.enableControllerService(first);
        assertNotSame(shared, first.client().budget(), "released when both were disabled");
        assertEquals(1000, first.client().budget().available(), 1, "a new budget starts from the whole bucket");
        runner.disableControllerService(first);
        runner.disableControllerService(otherApp);
        runner.disableControllerService(otherShop);
    }
}
