package io.nifiecommerce.processors.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords;
import io.nifiecommerce.processors.businesscentral.StandardBusinessCentralConnectionService;
import io.nifiecommerce.company.ExistingCompany;
import io.nifiecommerce.company.ShopifyCompanyApi;
import io.nifiecommerce.processors.company.PutShopifyCompanies;
import io.nifiecommerce.processors.stock.SandboxShopifyConnection;
import org.apache.nifi.json.JsonTreeReader;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSalesPriceLines;
import io.nifiecommerce.sandbox.bc.BcShopCustomers;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.sandbox.seed.Variant;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The nightly master-data path on both simulators: BC items with variants and the bc-extension's price lines, read by
 * GetBusinessCentralRecords as Microsoft's pages return them, published by PublishShopifyProducts and
 * PublishShopifyPriceLists into the Shopify simulator.
 */
class MasterDataFromBusinessCentralTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** The sandbox's BC company as connection service "bc" of a runner. */
    private static void bcService(final TestRunner runner) throws Exception {
        bcService(runner, sandbox);
    }

    private static void bcService(final TestRunner runner, final Sandbox sandbox) throws Exception {
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        runner.addControllerService("bc", service);
        final BcSimulatorConfig config = sandbox.businessCentral().config();
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, config.tenantId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.ENVIRONMENT, config.environment());
        runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, sandbox.shopifyBaseUrl());
        runner.setProperty(service, StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, sandbox.shopifyBaseUrl() + BusinessCentralSimulator.LOGIN_PREFIX);
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, config.clientId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, config.clientSecret());
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, sandbox.bcCompanyName());
        runner.enableControllerService(service);
    }

    private static MockFlowFile read(final String route, final String entitySet, final String expand, final String filter) throws Exception {
        return read(sandbox, route, entitySet, expand, filter);
    }

    /** One FULL read of an entity set of the sandbox's BC company by GetBusinessCentralRecords, as the nightly flow reads it. */
    static MockFlowFile read(final Sandbox sandbox, final String route, final String entitySet, final String expand, final String filter)
            throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(GetBusinessCentralRecords.class);
        bcService(runner, sandbox);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(GetBusinessCentralRecords.CONNECTION_SERVICE, "bc");
        runner.setProperty(GetBusinessCentralRecords.RECORD_WRITER, "writer");
        if (route != null) {
            runner.setProperty(GetBusinessCentralRecords.API_ROUTE, route);
        }
        runner.setProperty(GetBusinessCentralRecords.ENTITY_SET, entitySet);
        runner.setProperty(GetBusinessCentralRecords.READ_MODE, "FULL");
        if (expand != null) {
            runner.setProperty(GetBusinessCentralRecords.EXPAND, expand);
        }
        if (filter != null) {
            runner.setProperty(GetBusinessCentralRecords.FILTER, filter);
        }
        runner.run();
        runner.assertAllFlowFilesTransferred(GetBusinessCentralRecords.REL_SUCCESS, 1);
        return runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).getFirst();
    }

    @Test
    void itemsWithVariantsAndPriceLinesFromBusinessCentralReachShopify() throws Exception {
        final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
        company.putItem("NAPPE-1", "Nappe lin", "3760000000999", new BigDecimal("39.90"), BigDecimal.ZERO);
        company.putItemVariant("NAPPE-1", "BLANC", "Blanc");
        company.putItemVariant("NAPPE-1", "ECRU", "Écru");
        final Map<String, Object> line = new LinkedHashMap<>();
        line.put("priceListCode", "P00001");
        line.put("lineNumber", 10000);
        line.put("sourceType", "Customer Price Group");
        line.put("sourceNo", "HORECA");
        line.put("assetNo", "NAPPE-1");
        line.put("variantCode", "ECRU");
        line.put("unitOfMeasureCode", "PCS");
        line.put("minimumQuantity", 0);
        line.put("unitPrice", new BigDecimal("31.50"));
        line.put("currencyCode", "");
        line.put("startingDate", "0001-01-01");
        line.put("endingDate", "0001-01-01");
        company.addCustomRow(BcSalesPriceLines.PAGE, line);

        final MockFlowFile items = read(null, "items", "itemVariants", "number eq 'NAPPE-1'");
        final JsonNode item = MAPPER.readTree(items.getContent()).get(0);
        assertEquals(2, item.path("itemVariants").size(), "the items page expands its variants: " + item);

        final TestRunner products = PublishShopifyProductsSandboxTest.runner(PublishShopifyProducts.class, sandbox);
        products.enqueue(items.getContent());
        products.run();
        products.assertAllFlowFilesTransferred(PublishShopifyProducts.REL_SUCCESS, 1);
        products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst().assertAttributeEquals("products.created", "1");
        final Variant ecru = sandbox.shopify().shop().variants().stream().filter(v -> v.sku().equals("NAPPE-1-ECRU")).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("39.90").compareTo(ecru.price()));
        assertEquals("Écru", ecru.title());

        final MockFlowFile priceLines = read("/api/nifiEcommerce/catalog/v1.0", "salesPriceLines", null, "sourceNo eq 'HORECA'");
        final TestRunner prices = PublishShopifyProductsSandboxTest.runner(PublishShopifyPriceLists.class, sandbox);
        prices.enqueue(priceLines.getContent());
        prices.run();
        prices.assertAllFlowFilesTransferred(PublishShopifyPriceLists.REL_SUCCESS, 1);
        assertEquals(0, new BigDecimal("31.50").compareTo(sandbox.shopify().shop().fixedPrice("BC HORECA", ecru.id()).orElseThrow()));
        assertEquals(List.of(), prices.getFlowFilesForRelationship(PublishShopifyPriceLists.REL_FAILURE));
    }

    /**
     * Issue 15's "each company location gets its catalog": API v2.0 customers have no price group, the bc-extension's
     * shopCustomers has it (and the default ship-to address), so the companies step reads that page and every location
     * joins the catalog PublishShopifyPriceLists made for its group.
     */
    @Test
    void companyLocationsGetTheCatalogOfTheirBcPriceGroup() throws Exception {
        final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
        company.putItem("VERRE-9", "Verre à pied", "3760000000888", new BigDecimal("6.90"), BigDecimal.ZERO);
        company.addCustomRow(BcSalesPriceLines.PAGE, Map.of("priceListCode", "P00002", "lineNumber", 10000, "sourceType", "Customer Price Group",
                "sourceNo", "CHR", "assetNo", "VERRE-9", "minimumQuantity", 0, "unitPrice", new BigDecimal("5.20")));
        final TestRunner products = PublishShopifyProductsSandboxTest.runner(PublishShopifyProducts.class, sandbox);
        products.enqueue(read(null, "items", "itemVariants", "number eq 'VERRE-9'").getContent());
        products.run();
        final TestRunner prices = PublishShopifyProductsSandboxTest.runner(PublishShopifyPriceLists.class, sandbox);
        prices.enqueue(read("/api/nifiEcommerce/catalog/v1.0", "salesPriceLines", null, "sourceNo eq 'CHR'").getContent());
        prices.run();
        prices.assertAllFlowFilesTransferred(PublishShopifyPriceLists.REL_SUCCESS, 1);
        final String catalogId = prices.getFlowFilesForRelationship(PublishShopifyPriceLists.REL_SUCCESS).getFirst()
                .getAttribute("shopify.catalogs").replaceFirst("^CHR=", "");

        final Map<String, Object> address = Map.of("addressLine1", "12 quai Saint-Antoine", "city", "Lyon", "postalCode", "69002",
                "country", "FR");
        for (final String number : List.of("CHR-01", "CHR-02")) {
            final com.fasterxml.jackson.databind.node.ObjectNode customer = MAPPER.valueToTree(address);
            customer.put("number", number).put("displayName", "Bistrot " + number).put("type", "Company").put("email", number.toLowerCase() + "@bistrot.example");
            company.putCustomer(customer);
            company.putCustomerCard(number, Map.of("customerPriceGroup", "CHR"));
        }
        company.putCustomerCard("CHR-02", Map.of("shipToCode", "CUISINE", "shipToName", "Bistrot CHR-02 cuisine",
                "shipToAddressLine1", "3 rue Mercière", "shipToCity", "Lyon", "shipToPostCode", "69002", "shipToCountry", "FR"));
        final MockFlowFile customers = read("/api/nifiEcommerce/catalog/v1.0", BcShopCustomers.PAGE.entitySet(), null,
                "type eq 'Company' and blocked ne 'All' and customerPriceGroup eq 'CHR'");
        customers.assertAttributeEquals("record.count", "2");

        final TestRunner companies = TestRunners.newTestRunner(PutShopifyCompanies.class);
        final SandboxShopifyConnection connection = new SandboxShopifyConnection(sandbox);
        companies.addControllerService("shopify", connection);
        companies.enableControllerService(connection);
        final JsonTreeReader reader = new JsonTreeReader();
        companies.addControllerService("reader", reader);
        companies.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        companies.addControllerService("writer", writer);
        companies.enableControllerService(writer);
        companies.setProperty("Shopify Connection", "shopify");
        companies.setProperty("Record Reader", "reader");
        companies.setProperty("Record Writer", "writer");
        companies.setProperty("Catalog Field", "customerPriceGroup");
        companies.setProperty("Catalog Title Prefix", "BC ");
        companies.enqueue(customers.getContent());
        companies.run();
        companies.assertAllFlowFilesTransferred("success", 1);

        final Map<String, ExistingCompany> inShopify = new ShopifyCompanyApi(connection.client).companiesByExternalId(List.of("CHR-01", "CHR-02"));
        assertEquals(List.of(catalogId), inShopify.get("CHR-01").location().catalogIds());
        assertEquals(List.of(catalogId), inShopify.get("CHR-02").location().catalogIds());
        assertEquals("3 rue Mercière", inShopify.get("CHR-02").location().shipping().address1(), "the default ship-to address ships");
        assertEquals("12 quai Saint-Antoine", inShopify.get("CHR-01").location().shipping().address1(), "no ship-to: the billing address");
    }

    /**
     * An item deleted in BC disappears from the items page without a trace: the next complete nightly read (Full, no
     * filter: bc.read.complete=true) no longer has it, and its product is archived; a filtered read archives nothing.
     */
    @Test
    void anItemDeletedInBusinessCentralIsArchivedAfterTheNextCompleteRead() throws Exception {
        final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
        company.putItem("BOL-1", "Bol à soupe", "3760000000777", new BigDecimal("9.90"), BigDecimal.ZERO);
        final TestRunner products = PublishShopifyProductsSandboxTest.runner(PublishShopifyProducts.class, sandbox);
        products.setProperty(ProductProperties.MAX_DELETED_SHARE, "50");
        final MockFlowFile all = read(null, "items", "itemVariants", null);
        all.assertAttributeEquals("bc.read.complete", "true");
        products.enqueue(all.getContent(), all.getAttributes());
        products.run();
        // (the seeded items whose SKUs are variants of multi-variant seeded products fail with Shopify's userErrors: not this test's)
        assertEquals("ACTIVE", productStatus(products, "BOL-1"));

        company.deleteItem("BOL-1");
        final MockFlowFile filtered = read(null, "items", "itemVariants", "number ne 'X'");
        filtered.assertAttributeEquals("bc.read.complete", "false");
        products.clearTransferState();
        products.enqueue(filtered.getContent(), filtered.getAttributes());
        products.run();
        products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst().assertAttributeEquals("products.deleted", "0");
        assertEquals("ACTIVE", productStatus(products, "BOL-1"), "a filtered read says nothing of the items it does not return");

        final MockFlowFile night = read(null, "items", "itemVariants", null);
        products.clearTransferState();
        products.enqueue(night.getContent(), night.getAttributes());
        products.run();
        final MockFlowFile result = products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst();
        result.assertAttributeEquals("products.deleted", "1");
        result.assertAttributeEquals("products.deleted.held", "0");
        assertEquals("ARCHIVED", productStatus(products, "BOL-1"));
    }

    private static String productStatus(final TestRunner runner, final String sku) {
        return ((PublishShopifyProductsSandboxTest.SandboxConnection) runner.getControllerService("shopify")).client.execute(
                "{ productVariants(first: 1, query: \"sku:" + sku + "\") { nodes { product { status } } } }", Map.of())
                .at("productVariants.nodes").get(0).at("/product/status").asText();
    }

    /**
     * BC's item picture, read from items(id)/picture/pictureContent, reaches the product through a staged upload, and
     * is sent again only when its bytes change: the item changing for another reason sends no picture.
     */
    @Test
    void aBusinessCentralPictureIsStagedAndSentOnlyWhenItChanges() throws Exception {
        final BcCompany company = sandbox.businessCentral().company(sandbox.bcCompanyName());
        final byte[] first = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        final byte[] second = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 4, 5, 6};
        company.putItem("PHOTO-1", "Vase", "3760000000666", new BigDecimal("24.00"), BigDecimal.ZERO);
        company.putItemPicture("PHOTO-1", first, "image/jpeg", 640, 480);
        final TestRunner products = PublishShopifyProductsSandboxTest.runner(PublishShopifyProducts.class, sandbox);
        bcService(products);
        products.setProperty(ProductProperties.PICTURE_SOURCE, "bc");
        products.setProperty(ProductProperties.SHOPIFY_OWNED, "DESCRIPTION");

        products.enqueue(read(null, "items", "itemVariants", "number eq 'PHOTO-1'").getContent());
        products.run();
        products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst().assertAttributeEquals("products.created", "1");
        final List<String> media = sandbox.shopify().shop().mediaSources("PHOTO-1");
        assertEquals(1, media.size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, sandbox.shopify().operations().stagedUploads().uploaded(media.get(0)).orElseThrow());

        // the same item the next night: nothing read, nothing sent
        products.clearTransferState();
        products.enqueue(read(null, "items", "itemVariants", "number eq 'PHOTO-1'").getContent());
        products.run();
        products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst().assertAttributeEquals("products.unchanged", "1");

        // a new picture: the item changes (lastModifiedDateTime), the new bytes are staged and replace the media
        company.putItemPicture("PHOTO-1", second, "image/png", 640, 480);
        products.clearTransferState();
        products.enqueue(read(null, "items", "itemVariants", "number eq 'PHOTO-1'").getContent());
        products.run();
        products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst().assertAttributeEquals("products.updated", "1");
        final List<String> replaced = sandbox.shopify().shop().mediaSources("PHOTO-1");
        org.junit.jupiter.api.Assertions.assertArrayEquals(second, sandbox.shopify().operations().stagedUploads().uploaded(replaced.get(0)).orElseThrow());

        // the same bytes imported again: the item changed, its picture did not; the product keeps its media, nothing staged
        company.putItemPicture("PHOTO-1", second, "image/png", 640, 480);
        products.clearTransferState();
        products.enqueue(read(null, "items", "itemVariants", "number eq 'PHOTO-1'").getContent());
        products.run();
        final MockFlowFile same = products.getFlowFilesForRelationship(PublishShopifyProducts.REL_SUCCESS).getFirst();
        same.assertAttributeEquals("products.updated", "1");
        same.assertAttributeEquals("shopify.requests", "2");
        assertEquals(replaced, sandbox.shopify().shop().mediaSources("PHOTO-1"));
    }
}
