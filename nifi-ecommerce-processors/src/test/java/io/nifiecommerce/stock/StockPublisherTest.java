package io.nifiecommerce.stock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockPublisherTest {

    private FakeShopifyInventory shop;
    private String lyon;
    private String paris;
    private PublishedQuantities memory;

    @BeforeEach
    void setUp() {
        shop = new FakeShopifyInventory();
        lyon = shop.addLocation("Lyon");
        paris = shop.addLocation("Paris");
        memory = new PublishedQuantities();
    }

    private StockPublisher publisher(boolean compareAndSet, PublishPolicy policy, String version) {
        final SkuResolver resolver = new SkuResolver(shop, Duration.ofMinutes(15), Duration.ofMinutes(5), Clock.systemUTC(), 50, 5);
        return new StockPublisher(shop, resolver, new StockPublisher.Settings(policy, "correction", "nifi://test", version, compareAndSet, 250));
    }

    private StockPublisher publisher() {
        return publisher(false, PublishPolicy.available(), "2026-04");
    }

    private static StockPublisher.Line line(String sku, String code, String locationId, long quantity) {
        return new StockPublisher.Line(sku, code, locationId, quantity, null);
    }

    @Test
    void publishesThenSkipsUnchangedWithoutCallingShopify() {
        final FakeShopifyInventory.Variant blue = shop.addVariant("TSHIRT-BLU-M", true);
        shop.stock(blue, lyon, 3);
        final StockPublisher publisher = publisher();
        final List<StockPublisher.Line> lines = List.of(line("TSHIRT-BLU-M", "WH01", lyon, 120));

        final StockPublisher.Report first = publisher.publish(lines, memory, false, "ff-1");

        assertEquals(PublishOutcome.Status.PUBLISHED, first.outcomes().getFirst().status());
        assertEquals(blue.itemId(), first.outcomes().getFirst().inventoryItemId());
        assertEquals(120L, shop.available(blue, lyon));
        assertEquals(1, first.mutations());
        assertEquals(1, first.lookups());

        final StockPublisher.Report second = publisher.publish(lines, memory, false, "ff-2");

        assertEquals(PublishOutcome.Status.UNCHANGED, second.outcomes().getFirst().status());
        assertEquals("UNCHANGED_SINCE_LAST_PUBLISH", second.outcomes().getFirst().code());
        assertEquals(0, second.mutations());
        assertEquals(0, second.lookups());
    }

    @Test
    void fullResyncComparesWithShopifyInstead() {
        final FakeShopifyInventory.Variant blue = shop.addVariant("A", true);
        shop.stock(blue, lyon, 0);
        final StockPublisher publisher = publisher();
        final List<StockPublisher.Line> lines = List.of(line("A", "WH01", lyon, 10));
        publisher.publish(lines, memory, false, "ff-1");
        shop.sell(blue, lyon, 2); // Shopify now holds 8; the memory still says 10

        assertEquals(PublishOutcome.Status.UNCHANGED, publisher.publish(lines, memory, false, "ff-2").outcomes().getFirst().status());
        final StockPublisher.Report resync = publisher.publish(lines, memory, true, "ff-3");

        assertEquals(PublishOutcome.Status.PUBLISHED, resync.outcomes().getFirst().status());
        assertEquals(10L, shop.available(blue, lyon));
        final StockPublisher.Report again = publisher.publish(lines, memory, true, "ff-4");
        assertEquals("ALREADY_IN_SHOPIFY", again.outcomes().getFirst().code());
        assertEquals(0, again.mutations());
    }

    @Test
    void reportsUnknownAmbiguousUntrackedUnstockedAndUnmapped() {
        shop.stock(shop.addVariant("OK", true), lyon, 0);
        shop.addVariant("TWICE", true);
        shop.addVariant("TWICE", true);
        shop.stock(shop.addVariant("UNTRACKED", false), lyon, 0);
        shop.stock(shop.addVariant("ONLY-PARIS", true), paris, 0);

        final StockPublisher.Report report = publisher().publish(List.of(
                line("OK", "WH01", lyon, 1),
                line("NOPE", "WH01", lyon, 1),
                line("TWICE", "WH01", lyon, 1),
                line("UNTRACKED", "WH01", lyon, 1),
                line("ONLY-PARIS", "WH01", lyon, 1),
                line("OK", "WH09", null, 1),
                line(null, "WH01", lyon, 1)), memory, false, "ff");

        assertEquals(List.of("null", "UNKNOWN_SKU", "AMBIGUOUS_SKU", "INVENTORY_NOT_TRACKED", "ITEM_NOT_STOCKED_AT_LOCATION",
                "UNMAPPED_LOCATION", "MISSING_SKU"), report.outcomes().stream().map(o -> String.valueOf(o.code())).toList());
        assertEquals(1, report.count(PublishOutcome.Status.PUBLISHED));
        assertEquals(6, report.count(PublishOutcome.Status.FAILED));
        assertEquals(1, report.mutations());
    }

    @Test
    void shopifyRejectionFailsTheChangeAndResendsTheRest() {
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        final FakeShopifyInventory.Variant b = shop.addVariant("B", true);
        shop.stock(a, lyon, 0);
        shop.stock(b, lyon, 0);
        // B is stocked only beyond the levels read (1 per item), so only Shopify can tell it is not at Paris
        shop.stock(b, paris, 0);
        final SkuResolver resolver = new SkuResolver(shop, Duration.ofMinutes(15), Duration.ofMinutes(5), Clock.systemUTC(), 50, 1);
        final FakeShopifyInventory.Variant c = shop.addVariant("C", true);
        shop.stock(c, lyon, 0);
        final String lille = shop.addLocation("Lille");
        final StockPublisher publisher = new StockPublisher(shop, resolver,
                new StockPublisher.Settings(PublishPolicy.available(), "correction", null, "2026-04", false, 250));

        final StockPublisher.Report report = publisher.publish(List.of(
                line("A", "WH01", lyon, 5),
                line("B", "WH03", lille, 6),
                line("C", "WH01", lyon, 7)), memory, false, "ff");

        assertEquals(List.of(PublishOutcome.Status.PUBLISHED, PublishOutcome.Status.FAILED, PublishOutcome.Status.PUBLISHED),
                report.outcomes().stream().map(PublishOutcome::status).toList());
        assertEquals("ITEM_NOT_STOCKED_AT_LOCATION", report.outcomes().get(1).code());
        assertEquals(2, report.mutations(), "one rejected call, one resent without the faulty change");
        assertEquals(5L, shop.available(a, lyon));
        assertEquals(7L, shop.available(c, lyon));
        assertTrue(memory.isUnchanged(PublishedQuantities.key("A", lyon), 5));
    }

    @Test
    void staleCompareAndSetFailsAndForgetsThePair() {
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        shop.stock(a, lyon, 4);
        final AdminApi sellsBetweenReadAndWrite = (document, variables) -> {
            if (document.contains("inventorySetQuantities(")) {
                shop.sell(a, lyon, 1);
            }
            return shop.execute(document, variables);
        };
        memory.remember(PublishedQuantities.key("A", lyon), 4);
        final SkuResolver resolver = new SkuResolver(sellsBetweenReadAndWrite);
        final StockPublisher publisher = new StockPublisher(sellsBetweenReadAndWrite, resolver,
                new StockPublisher.Settings(PublishPolicy.available(), "correction", null, "2026-04", true, 250));

        final StockPublisher.Report report = publisher.publish(List.of(line("A", "WH01", lyon, 9)), memory, false, "ff");

        assertEquals(PublishOutcome.Status.FAILED, report.outcomes().getFirst().status());
        assertEquals("CHANGE_FROM_QUANTITY_STALE", report.outcomes().getFirst().code());
        assertEquals(3L, shop.available(a, lyon));
        assertTrue(memory.lastPublished(PublishedQuantities.key("A", lyon)).isEmpty());
    }

    @Test
    void compareAndSetSucceedsWhenNobodyInterferes() {
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        shop.stock(a, lyon, 4);

        final StockPublisher.Report report = publisher(true, PublishPolicy.available(), "2026-04")
                .publish(List.of(line("A", "WH01", lyon, 9)), memory, false, "ff");

        assertEquals(PublishOutcome.Status.PUBLISHED, report.outcomes().getFirst().status());
        assertEquals(9L, shop.available(a, lyon));
    }

    @Test
    void legacyVersionUsesCompareQuantityShape() {
        shop.apiVersion("2026-01");
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        shop.stock(a, lyon, 4);

        final StockPublisher.Report report = publisher(true, PublishPolicy.available(), "2026-01")
                .publish(List.of(line("A", "WH01", lyon, 2)), memory, false, "ff");

        assertEquals(PublishOutcome.Status.PUBLISHED, report.outcomes().getFirst().status());
        assertEquals(2L, shop.available(a, lyon));
    }

    @Test
    void warehousesMappedToOneLocationAreAddedUp() {
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        shop.stock(a, lyon, 0);

        final StockPublisher.Report report = publisher(false, PublishPolicy.available().withSafetyStock(1, Map.of()), "2026-04").publish(List.of(
                line("A", "WH01", lyon, 80),
                line("A", "WH02", lyon, 40),
                line("A", "WH01", lyon, 70)), memory, false, "ff");

        assertEquals(109L, shop.available(a, lyon), "WH01 last value 70 + WH02 40 - safety 1");
        assertTrue(report.outcomes().stream().allMatch(o -> o.status() == PublishOutcome.Status.PUBLISHED && o.quantity() == 109L));
    }

    @Test
    void manyChangesGoIn250PerCall() {
        final List<StockPublisher.Line> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            shop.stock(shop.addVariant("S" + i, true), lyon, 0);
            lines.add(line("S" + i, "WH01", lyon, i + 1));
        }

        final StockPublisher.Report report = publisher().publish(lines, memory, false, "ff");

        assertEquals(600, report.count(PublishOutcome.Status.PUBLISHED));
        assertEquals(3, report.mutations());
        assertEquals(12, report.lookups());
    }

    @Test
    void throttlingPropagatesAsTransientAndAReplayAppliesNothingTwice() {
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        shop.stock(a, lyon, 0);
        final StockPublisher publisher = publisher();
        final PublishedQuantities before = memory.copy();
        shop.throttleNext.set(1);

        final InventoryApiException e = assertThrows(InventoryApiException.class,
                () -> publisher.publish(List.of(line("A", "WH01", lyon, 5)), memory, false, "ff"));

        assertTrue(e.isTransient());
        assertTrue(before.lastPublished(PublishedQuantities.key("A", lyon)).isEmpty(), "the saved memory is untouched");
        final StockPublisher.Report retried = publisher.publish(List.of(line("A", "WH01", lyon, 5)), before, false, "ff");
        assertEquals(PublishOutcome.Status.PUBLISHED, retried.outcomes().getFirst().status());
        assertEquals(5L, shop.available(a, lyon));
    }

    @Test
    void recordsWithOnlyAGtinAreMatchedByBarcode() {
        final FakeShopifyInventory.Variant mug = shop.addVariant("MUG-01", "3760123450001", true);
        shop.stock(mug, lyon, 0);
        shop.addVariant("DUP-A", "4006381333931", true);
        shop.addVariant("DUP-B", "4006381333931", true);

        final StockPublisher.Report report = publisher().publish(List.of(
                new StockPublisher.Line(null, "03760123450001", "WH01", lyon, 6, null),
                new StockPublisher.Line(null, "4006381333931", "WH01", lyon, 6, null),
                new StockPublisher.Line(null, "9999999999994", "WH01", lyon, 6, null),
                new StockPublisher.Line(null, null, "WH01", lyon, 6, null)), memory, false, "ff");

        assertEquals(List.of("null", "AMBIGUOUS_SKU", "UNKNOWN_SKU", "MISSING_SKU"),
                report.outcomes().stream().map(o -> String.valueOf(o.code())).toList());
        assertEquals(6L, shop.available(mug, lyon), "GTIN-14 with a leading zero finds the EAN-13 barcode");
        assertTrue(report.outcomes().get(2).message().contains("GTIN 9999999999994"), report.outcomes().get(2).message());
        assertTrue(memory.isUnchanged(PublishedQuantities.key("gtin:03760123450001", lyon), 6));
    }

    @Test
    void onHandIsWrittenWhenChosen() {
        final FakeShopifyInventory.Variant a = shop.addVariant("A", true);
        shop.stock(a, lyon, 0);
        shop.sell(a, lyon, 0);

        publisher(false, PublishPolicy.available().withQuantityName(QuantityName.ON_HAND), "2026-04")
                .publish(List.of(line("A", "WH01", lyon, 12)), memory, false, "ff");

        assertEquals(12L, shop.onHand(a, lyon));
    }
}
