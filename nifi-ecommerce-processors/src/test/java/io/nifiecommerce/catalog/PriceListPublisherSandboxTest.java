package io.nifiecommerce.catalog;

import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.stock.PublishedQuantities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PriceListPublisher against the sandbox's Shopify simulator: catalogs, price lists and fixed prices on the real SDL. */
class PriceListPublisherSandboxTest {

    private static Sandbox sandbox;
    private static ShopifyGraphQlClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0));
        client = SandboxCatalog.client(sandbox, "2026-07");
        final List<CatalogItem> items = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            items.add(SandboxCatalog.item("PL-" + i, "20"));
        }
        new ProductPublisher(new CatalogCalls(client), new ProductMapping(ProductSettings.defaults())).publish(items, new PublishedQuantities(), false);
        variants = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            final String sku = "PL-" + i;
            variants.add(sandbox.shopify().shop().variants().stream().filter(v -> v.sku().equals(sku)).findFirst().orElseThrow());
        }
    }

    private static List<Variant> variants;

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static PriceListPublisher.Report publish(final List<PriceListLine> lines, final PublishedQuantities memory, final boolean full) {
        final CatalogCalls calls = new CatalogCalls(client);
        return new PriceListPublisher(calls, new B2bCatalogs(calls, "BC ")).publish(lines, memory, full);
    }

    private static BigDecimal fixed(final String catalog, final Variant variant) {
        return sandbox.shopify().shop().fixedPrice(catalog, variant.id()).orElse(null);
    }

    @Test
    void makesCatalogsOnceSendsOnlyChangedPricesInBatchesAndRemovesWhatTheErpDropped() {
        final List<Variant> variants = PriceListPublisherSandboxTest.variants.subList(0, 300);
        final List<PriceListLine> lines = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            lines.add(new PriceListLine("GROSSISTE", variants.get(i).sku(), "EUR", new BigDecimal("10.00").add(BigDecimal.valueOf(i))));
        }
        lines.add(new PriceListLine("REVENDEUR", variants.getFirst().sku(), "EUR", new BigDecimal("9.50")));
        lines.add(new PriceListLine("REVENDEUR", "NO-SUCH-SKU", "EUR", new BigDecimal("1")));
        final PublishedQuantities memory = new PublishedQuantities();
        final int catalogsBefore = sandbox.shopify().shop().catalogCount();

        final PriceListPublisher.Report first = publish(lines, memory, false);

        assertEquals(301, first.count(PriceOutcome.Status.PUBLISHED));
        assertEquals("UNKNOWN_SKU", first.outcomes().stream().filter(PriceOutcome::failed).findFirst().orElseThrow().reason());
        assertEquals(3, first.mutations(), "300 prices take two calls of at most 250, the other group one");
        assertEquals(catalogsBefore + 2, sandbox.shopify().shop().catalogCount());
        assertEquals(0, new BigDecimal("10").compareTo(fixed("BC GROSSISTE", variants.getFirst())));
        assertEquals(0, new BigDecimal("9.50").compareTo(fixed("BC REVENDEUR", variants.getFirst())));
        assertEquals(2, first.catalogIds().size());

        // next night: one price changed; the catalogs are found, not made again
        final List<PriceListLine> next = new ArrayList<>(lines);
        next.set(5, new PriceListLine("GROSSISTE", variants.get(5).sku(), "EUR", new BigDecimal("99.99")));
        final PriceListPublisher.Report second = publish(next, memory, false);
        assertEquals(1, second.count(PriceOutcome.Status.PUBLISHED));
        assertEquals(1, second.mutations());
        assertEquals(catalogsBefore + 2, sandbox.shopify().shop().catalogCount());
        assertEquals(0, new BigDecimal("99.99").compareTo(fixed("BC GROSSISTE", variants.get(5))));

        // a full run without line 7: its fixed price is removed
        next.remove(7);
        final PriceListPublisher.Report full = publish(next, memory, true);
        assertEquals(300, full.count(PriceOutcome.Status.PUBLISHED), "a full run sends every price");
        assertEquals(1, full.count(PriceOutcome.Status.FAILED), "the unknown SKU, again");
        assertEquals(null, fixed("BC GROSSISTE", variants.get(7)));
        assertEquals(0, new BigDecimal("99.99").compareTo(fixed("BC GROSSISTE", variants.get(5))));
    }

    @Test
    void aCurrencyOtherThanThePriceListsFailsItsLinesWithShopifysCode() {
        final Variant variant = variants.get(300);
        publish(List.of(new PriceListLine("EXPORT", variant.sku(), "EUR", BigDecimal.ONE)), new PublishedQuantities(), false);

        final PriceListPublisher.Report report = publish(List.of(new PriceListLine("EXPORT", variant.sku(), "USD", BigDecimal.TEN)),
                new PublishedQuantities(), false);

        assertEquals("PRICE_LIST_CURRENCY_MISMATCH", report.outcomes().getFirst().reason());
    }
}
