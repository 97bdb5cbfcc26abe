package io.nifiecommerce.catalog;

import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.PublishedQuantities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items deleted in the ERP: their products are archived after a complete read that no longer has them, never after a
 * partial one, never when too many vanish at once, and those Shopify could not archive stay to be tried again.
 */
class DeletedItemsSandboxTest {

    private static final Deletions COMPLETE = new Deletions(true, 25);
    private static Sandbox sandbox;
    private static ShopifyGraphQlClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0));
        client = SandboxCatalog.client(sandbox, "2026-07");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static List<CatalogItem> items(final String prefix, final int count) {
        final List<CatalogItem> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(SandboxCatalog.item(prefix + i, Integer.toString(i)));
        }
        return items;
    }

    private static ProductPublisher.Report publish(final ShopifyGraphQlClient shop, final List<CatalogItem> items, final PublishedQuantities memory,
                                                   final PublishedItems published, final Deletions deletions) {
        return new ProductPublisher(new CatalogCalls(shop), new ProductMapping(ProductSettings.defaults())).publish(items, memory, false, published, deletions);
    }

    private static String status(final String sku) {
        return client.execute(CatalogDocuments.PRODUCTS_BY_SKU, Map.of("query", "sku:\"" + sku + "\"", "first", 1))
                .at("productVariants.nodes").get(0).at("/product/status").asText();
    }

    @Test
    void aCompleteReadArchivesTheProductsOfDeletedItemsOnceAndAReturningItemComesBack() {
        final PublishedQuantities memory = new PublishedQuantities();
        final PublishedItems published = PublishedItems.empty();
        final List<CatalogItem> items = items("DEL-", 8);
        publish(client, items, memory, published, COMPLETE);
        assertEquals(8, published.size());

        final List<CatalogItem> withoutTwo = new ArrayList<>(items);
        withoutTwo.remove(7);
        withoutTwo.remove(2);
        final ProductPublisher.Report night = publish(client, withoutTwo, memory, published, COMPLETE);
        assertEquals(List.of("DEL-3", "DEL-8"), night.deleted().outcomes().stream().map(ProductOutcome::number).toList());
        assertEquals(2, night.deleted().count(ProductOutcome.Status.ARCHIVED));
        assertEquals(2, night.mutations(), "one productSet per deleted item; the others are unchanged");
        assertEquals("ARCHIVED", status("DEL-3"));
        assertEquals("ACTIVE", status("DEL-2"));
        assertEquals(6, published.size(), "archived items are no longer followed");

        final ProductPublisher.Report nextNight = publish(client, withoutTwo, memory, published, COMPLETE);
        assertEquals(0, nextNight.requests(), "nothing sent twice: " + nextNight.deleted());

        // DEL-3 comes back in BC: it was forgotten, so it is sent again and its archived product becomes active
        final ProductPublisher.Report back = publish(client, items.subList(0, 7), memory, published, COMPLETE);
        assertEquals(List.of(ProductOutcome.Status.UPDATED), back.outcomes().stream().filter(o -> o.number().equals("DEL-3")).map(ProductOutcome::status).toList());
        assertEquals("ACTIVE", status("DEL-3"));
    }

    @Test
    void aPartialReadArchivesNothing() {
        final PublishedQuantities memory = new PublishedQuantities();
        final PublishedItems published = PublishedItems.empty();
        final List<CatalogItem> items = items("PART-", 6);
        publish(client, items, memory, published, COMPLETE);

        // an incremental or filtered read: only the changed items, the others are not deleted
        final ProductPublisher.Report partial = publish(client, items.subList(0, 1), memory, published, Deletions.NONE);
        assertEquals(DeletedItems.NONE, partial.deleted());
        assertEquals(6, published.size());
        assertEquals("ACTIVE", status("PART-6"));
    }

    @Test
    void tooManyMissingAtOnceArchivesNothingAndSaysHowMany() {
        final PublishedQuantities memory = new PublishedQuantities();
        final PublishedItems published = PublishedItems.empty();
        final List<CatalogItem> items = items("MASS-", 8);
        publish(client, items, memory, published, COMPLETE);

        // 3 of 8 missing is more than 25 %: a read of the wrong company or a page that lost rows looks like this
        final ProductPublisher.Report night = publish(client, items.subList(0, 5), memory, published, COMPLETE);
        assertEquals(3, night.deleted().held());
        assertEquals(0, night.requests());
        assertEquals("ACTIVE", status("MASS-8"));
        assertEquals(8, published.size());

        final ProductPublisher.Report confirmed = publish(client, items.subList(0, 5), memory, published, new Deletions(true, 50));
        assertEquals(3, confirmed.deleted().count(ProductOutcome.Status.ARCHIVED));
    }

    @Test
    void anOutageWhileArchivingLeavesTheRestForTheNextCompleteRead() {
        final PublishedQuantities memory = new PublishedQuantities();
        final PublishedItems published = PublishedItems.empty();
        final List<CatalogItem> items = items("OUTDEL-", 4);
        publish(client, items, memory, published, new Deletions(true, 100));

        final AtomicBoolean down = new AtomicBoolean();
        final HttpClient http = HttpClientFactory.create(Duration.ofSeconds(5));
        final HttpTransport flaky = new HttpTransport(request -> {
            if (down.get()) {
                throw new ConnectException("Connection refused");
            }
            return HttpTransport.sendBounded(http, request);
        }, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)), d -> { });
        final ShopifyGraphQlClient outage = new ShopifyGraphQlClient(client.endpoint(), AccessTokenSource.of(sandbox.shopifyAccessToken()),
                CostBudget.standard(), flaky, Duration.ofSeconds(5));
        down.set(true);
        final ProductPublisher.Report night = publish(outage, items.subList(0, 2), memory, published, new Deletions(true, 100));
        assertEquals(2, night.deleted().count(ProductOutcome.Status.RETRY));
        assertEquals(4, published.size(), "still followed: archived when Shopify answers again");

        down.set(false);
        final ProductPublisher.Report after = publish(outage, items.subList(0, 2), memory, published, new Deletions(true, 100));
        assertEquals(2, after.deleted().count(ProductOutcome.Status.ARCHIVED));
        assertEquals("ARCHIVED", status("OUTDEL-4"));
    }

    @Test
    void aProductRemovedFromShopifyByHandIsForgottenWithoutACall() {
        final PublishedQuantities memory = new PublishedQuantities();
        final PublishedItems published = PublishedItems.empty();
        publish(client, items("GONE-", 4), memory, published, COMPLETE);
        published.add("GONE-9", "GONE-9"); // followed, but its product no longer exists in Shopify

        final ProductPublisher.Report night = publish(client, items("GONE-", 4), memory, published, COMPLETE);
        assertEquals(List.of(ProductOutcome.Status.SKIPPED), night.deleted().outcomes().stream().map(ProductOutcome::status).toList());
        assertEquals(1, night.requests(), "the look-up only");
        assertEquals(4, published.size());
    }

    @Test
    void theListSurvivesStateAndFiftyThousandItemsFitBesideTheMemory() {
        final PublishedItems published = PublishedItems.empty();
        for (int i = 0; i < 50_000; i++) {
            published.add(String.format("ITEM-%06d", i), i % 10 == 0 ? String.format("ITEM-%06d-BLEU", i) : String.format("ITEM-%06d", i));
        }
        final Map<String, String> state = published.toState();
        final int chars = state.values().stream().mapToInt(String::length).sum();
        assertTrue(chars < 200_000, chars + " characters");
        final PublishedItems read = PublishedItems.fromState(state);
        assertEquals(50_000, read.size());
        assertEquals("ITEM-000010-BLEU", read.sku("ITEM-000010"));
        assertEquals(List.of("ITEM-049999"), read.missingFrom(List.of()).subList(49_999, 50_000));

        final Map<String, String> corrupt = new java.util.HashMap<>(state);
        corrupt.put("items.0", "not base64 at all!");
        assertEquals(0, PublishedItems.fromState(corrupt).size(), "an unreadable list follows nothing: nothing archived until rebuilt");
    }
}
