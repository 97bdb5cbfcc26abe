package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.processors.company.PutShopifyCompanies;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.sandbox.shopify.Shop;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's shop starts empty (SandboxConfig.withCatalogFromErp): the nightly master-data processors fill it from BC,
 * then the seed's orders are placed on what they made: every line on a synced variant, every B2B order bought by the
 * company the sync made from the BC customer, in the catalog of its price group, the synced items stocked where the seed
 * stocks their SKUs.
 */
class ShopFilledByTheErpTest {

    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(30).withSeed(7).withCatalogFromErp(true));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theShopStartsWithoutCatalogCompaniesOrOrdersWhileBusinessCentralHoldsThem() {
        final Shop shop = sandbox.shopify().shop();
        assertAll(
                () -> assertEquals(0, shop.productCount()),
                () -> assertTrue(shop.variants().isEmpty()),
                () -> assertTrue(shop.companyExternalIds().isEmpty()),
                () -> assertEquals(0, shop.orderCount()),
                () -> assertFalse(shop.locations().isEmpty(), "the shop's locations stay: they are not ERP data"));
        final var bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        assertEquals(sandbox.seed().variants().size(), bc.items().size());
        assertTrue(bc.customers().stream().filter(c -> c.path("type").asText().equals("Company")).count() >= sandbox.seed().companies().size());
        assertThrows(IllegalStateException.class, sandbox::placeOrdersOnSyncedCatalog, "no order on a catalog the ERP has not sent");
    }

    @Test
    void afterTheNightlyRunTheOrdersUseTheSyncedVariantsAndCompanies() throws Exception {
        final TestRunner products = PublishShopifyProductsSandboxTest.runner(PublishShopifyProducts.class, sandbox);
        products.enqueue(MasterDataFromBusinessCentralTest.read(sandbox, null, "items", "itemVariants", "blocked eq false").getContent());
        products.run();
        products.assertAllFlowFilesTransferred(PublishShopifyProducts.REL_SUCCESS, 1);
        final TestRunner prices = PublishShopifyProductsSandboxTest.runner(PublishShopifyPriceLists.class, sandbox);
        prices.enqueue(MasterDataFromBusinessCentralTest.read(sandbox, "/api/nifiEcommerce/catalog/v1.0", "salesPriceLines", null,
                "sourceType eq 'Customer Price Group'").getContent());
        prices.run();
        prices.assertAllFlowFilesTransferred(PublishShopifyPriceLists.REL_SUCCESS, 1);
        final Shop shop = sandbox.shopify().shop();
        final TestRunner companies = PublishShopifyProductsSandboxTest.runner(PutShopifyCompanies.class, sandbox);
        // as the flow reads them: bc-extension's shopCustomers, the location's catalog named by the customer's price group
        companies.setProperty("Catalog Field", "customerPriceGroup");
        companies.setProperty("Catalog Title Prefix", "BC ");
        companies.enqueue(MasterDataFromBusinessCentralTest.read(sandbox, "/api/nifiEcommerce/catalog/v1.0", "shopCustomers", null,
                "type eq 'Company' and blocked ne 'All'").getContent());
        companies.run();
        companies.assertAllFlowFilesTransferred("success", 1);
        // nothing on failure: the marketplace customers (type Company too) have no price group, hence no catalog to miss
        for (final Company seeded : sandbox.seed().companies()) {
            final Map<Long, List<String>> catalogs = shop.locationCatalogTitles(seeded.externalId());
            assertFalse(catalogs.isEmpty(), seeded.externalId() + " synced");
            catalogs.values().forEach(titles -> assertEquals(List.of("BC REVENDEURS"), titles, seeded.externalId() + "'s locations in its group's catalog"));
        }
        final Map<Long, List<String>> marketplace = shop.locationCatalogTitles("MKT-CARREFOUR");
        assertTrue(!marketplace.isEmpty() && marketplace.values().stream().allMatch(List::isEmpty), "the marketplace a company in no catalog: " + marketplace);

        final List<Order> placed = sandbox.placeOrdersOnSyncedCatalog();
        final Map<String, Variant> synced = shop.variants().stream().collect(Collectors.toMap(Variant::sku, Function.identity()));
        final Set<Long> seededCompanyIds = sandbox.seed().companies().stream().map(Company::id).collect(Collectors.toSet());
        assertEquals(sandbox.seed().orders().size(), placed.size());
        assertTrue(placed.stream().anyMatch(Order::isB2b), "B2B orders among them");
        for (final Order order : placed) {
            for (final Order.OrderLine line : order.lines()) {
                assertEquals(synced.get(line.sku()).id(), line.variantId(), order.name() + " " + line.sku() + " on its synced variant");
            }
            if (order.isB2b()) {
                final Company buyer = shop.company(order.b2b().companyId()).orElseThrow();
                assertTrue(shop.companyExternalIds().contains(buyer.externalId()) && !seededCompanyIds.contains(buyer.id()),
                        order.name() + " bought by the company the sync made");
                assertTrue(buyer.locations().stream().anyMatch(l -> l.id() == order.b2b().companyLocationId()));
                assertEquals(List.of("BC REVENDEURS"), shop.locationCatalogTitles(buyer.externalId()).get(order.b2b().companyLocationId()),
                        order.name() + "'s company location in the resellers' catalog");
            }
        }
        final Variant seeded = sandbox.seed().variants().getFirst();
        final StockLevel level = sandbox.seed().stockLevels().stream().filter(l -> l.inventoryItemId() == seeded.inventoryItemId()).findFirst()
                .orElseThrow();
        assertEquals(level.available(), shop.quantity(synced.get(seeded.sku()).inventoryItemId(), level.locationId(), "available").orElseThrow(),
                "the synced item is stocked where the seed stocks its SKU");
        assertEquals(0, seeded.price().multiply(new java.math.BigDecimal("0.90")).setScale(2, java.math.RoundingMode.HALF_UP)
                .compareTo(shop.fixedPrice("BC REVENDEURS", synced.get(seeded.sku()).id()).orElseThrow()), "the resellers' B2B price");
    }
}
