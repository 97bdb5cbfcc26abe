package io.nifiecommerce.shopify.draft;

import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.DraftOrderState;
import io.nifiecommerce.sandbox.shopify.Shop;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Draft names to the orders the drafts became, on the sandbox's draftOrders (free-text name search, DraftOrder.order). */
class DraftOrderNamesTest {

    private Sandbox sandbox;
    private DraftOrderNames names;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(20).withSeed(7));
        names = new DraftOrderNames(client(sandbox));
    }

    /** A GraphQL client of the sandbox's shop, retrying quickly. */
    static ShopifyGraphQlClient client(final Sandbox sandbox) {
        return new ShopifyGraphQlClient(new ShopifyEndpoint(sandbox.shopifyBaseUrl(), "2026-07"),
                AccessTokenSource.of(sandbox.shopifyAccessToken()), new CostBudget(2000, 100, 10, System::nanoTime),
                new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)), new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(50))),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void onlyCompletedDraftsResolveAndOnlyByTheirExactName() {
        final Shop shop = sandbox.shopify().shop();
        final Order b2b = sandbox.seed().orders().stream().filter(Order::isB2b).findFirst().orElseThrow();
        shop.checkoutToDraft(b2b.b2b().companyLocationId(), true);
        // twelve drafts: #D1 is contained in #D10, #D11 and #D12, the search's free text finds them all
        final List<DraftOrderState> drafts = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> drafts.add(shop.checkout(b2b.asDocument(b2b.id() + 100 + i, null, b2b.createdAt(), "PENDING"))
                .orElseThrow()));
        final DraftOrderState d1 = drafts.get(0);
        final DraftOrderState d12 = drafts.get(11);
        assertEquals(List.of("#D1", "#D12"), List.of(d1.name(), d12.name()));
        final Order placed = shop.completeDraft(d12, false);
        shop.completeDraft(drafts.get(9), false);

        final DraftOrderNames.Drafts found = names.find(List.of("#D1", "#D12", "#D7", "#1001", "#D12", "#D99"));
        assertEquals(Map.of("#D12", new DraftOrderNames.PlacedOrder("gid://shopify/Order/" + placed.id(), placed.name())), found.placed(),
                "#D1 and #D7 are open drafts, #1001 and #D99 no draft; #D10, completed, was not asked for");
        assertEquals(java.util.Set.of("#D1", "#D7"), found.pending(), "open drafts are orders to come, told from unknown names");
        assertEquals(found.placed(), names.placedOrders(List.of("#D1", "#D12", "#D7")));
    }

    @Test
    void theQueryAsksForEveryStatusAndQuotesEachName() {
        assertEquals("\"#D1\" OR \"B2B \\\"7\\\"\"", DraftOrderNames.query(List.of("#D1", "B2B \"7\"")));
    }
}
