package io.nifiecommerce.benchmarks;

import io.nifiecommerce.sandbox.seed.Product;
import io.nifiecommerce.sandbox.seed.ShopSeed;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A shop with {@code skus} single-variant products stocked at the seed's two warehouses: 2 x skus SKU x location pairs. */
final class StockCatalogue {

    private static final long PRODUCT_BASE = 9_100_000_000_000L;
    private static final long VARIANT_BASE = 49_100_000_000_000L;
    private static final long ITEM_BASE = 49_900_000_000_000L;

    final ShopSeedData seed;
    final List<StockLocation> warehouses;

    StockCatalogue(final int skus) {
        final ShopSeedData base = ShopSeed.generate(20, 7);
        this.warehouses = base.locations().stream().filter(StockLocation::fulfillsOnlineOrders).toList();
        final List<Product> products = new ArrayList<>(skus);
        final List<StockLevel> levels = new ArrayList<>(skus * warehouses.size());
        for (int i = 0; i < skus; i++) {
            final Variant variant = new Variant(VARIANT_BASE + i, PRODUCT_BASE + i, ITEM_BASE + i, sku(i), null, "Unique",
                    new BigDecimal("12.50"), 300);
            products.add(new Product(PRODUCT_BASE + i, "Article " + i, "Maison Nifi", "Stock", List.of(variant)));
            for (final StockLocation warehouse : warehouses) {
                levels.add(new StockLevel(variant.inventoryItemId(), warehouse.id(), 10 + i % 50, 0));
            }
        }
        this.seed = new ShopSeedData(7, products, base.customers(), base.companies(), base.locations(), levels, List.of());
    }

    static String sku(final int i) {
        return String.format(Locale.ROOT, "ST-%06d", i);
    }

    static String locationGid(final StockLocation location) {
        return "gid://shopify/Location/" + location.id();
    }
}
