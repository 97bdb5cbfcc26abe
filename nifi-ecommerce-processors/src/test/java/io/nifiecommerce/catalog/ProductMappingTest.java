package io.nifiecommerce.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductMappingTest {

    private final ProductMapping mapping = new ProductMapping(ProductSettings.defaults());

    @Test
    void variantsTimesUnitsMakeSkusPricesAndOptions() {
        final CatalogItem item = new CatalogItem("1000", "Verre", null, "3760000000024", new BigDecimal("2.50"), false, null, null,
                List.of(new CatalogItem.Variant("V1", "Clair"), new CatalogItem.Variant("V2", "Clair")),
                List.of(new CatalogItem.Unit("PCS", BigDecimal.ONE), new CatalogItem.Unit("CARTON", new BigDecimal("6"))));

        final List<ProductVariantLine> variants = mapping.variants(item);

        assertEquals(List.of("1000-V1-PCS", "1000-V1-CARTON", "1000-V2-PCS", "1000-V2-CARTON"), variants.stream().map(ProductVariantLine::sku).toList());
        assertEquals(new BigDecimal("15.00"), variants.get(1).price());
        assertEquals("V2", variants.get(2).options().get("Variante"), "a repeated description falls back on the code");
        assertEquals(null, variants.get(0).barcode(), "one GTIN per item: not on variants");
    }

    @Test
    void singleVariantItemCarriesDefaultOptionAndGtin() {
        final Map<String, Object> input = mapping.input(SandboxCatalog.item("2000", "9.90"), null);
        assertEquals(List.of(Map.of("name", "Title", "position", 1, "values", List.of(Map.of("name", "Default Title")))), input.get("productOptions"));
        assertEquals("ACTIVE", input.get("status"));
        assertEquals("2000", mapping.handle(SandboxCatalog.item("2000", "1")));
    }

    @Test
    void ownedFieldsLeftOutOfUpdatesAndCollectionsWhenMapped() {
        final ProductSettings settings = ProductSettings.defaults().withCategories(CategoryTarget.COLLECTION,
                Map.of("VAISSELLE", "gid://shopify/Collection/7")).withShopifyOwned(ShopifyOwnedField.DESCRIPTION, ShopifyOwnedField.COLLECTIONS);
        final ProductMapping owned = new ProductMapping(settings);
        final ExistingProduct existing = new ExistingProduct("gid://shopify/Product/1", "x", "ACTIVE", Map.of("2000", "gid://shopify/ProductVariant/2"));

        final Map<String, Object> creation = owned.input(SandboxCatalog.item("2000", "9.90"), null);
        final Map<String, Object> update = owned.input(SandboxCatalog.item("2000", "9.90"), existing);

        assertEquals(List.of("gid://shopify/Collection/7"), creation.get("collections"));
        assertTrue(creation.containsKey("descriptionHtml"));
        assertFalse(update.containsKey("descriptionHtml"));
        assertFalse(update.containsKey("collections"));
        assertFalse(update.containsKey("status"), "the merchant's status is kept");
        assertEquals("gid://shopify/ProductVariant/2", ((List<Map<String, Object>>) update.get("variants")).getFirst().get("id"));
    }

    @Test
    void fingerprintFollowsTheItemAndTheSettingsNotTheScaleOfPrices() {
        assertEquals(mapping.fingerprint(SandboxCatalog.item("1", "9.9")), mapping.fingerprint(SandboxCatalog.item("1", "9.90")));
        assertNotEquals(mapping.fingerprint(SandboxCatalog.item("1", "9.9")), mapping.fingerprint(SandboxCatalog.item("1", "9.91")));
        assertNotEquals(mapping.fingerprint(SandboxCatalog.item("1", "9.9")),
                new ProductMapping(ProductSettings.defaults().withShopifyOwned()).fingerprint(SandboxCatalog.item("1", "9.9")));
    }
}
