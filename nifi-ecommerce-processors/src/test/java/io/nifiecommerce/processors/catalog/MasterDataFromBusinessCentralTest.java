package io.nifiecommerce.processors.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords;
import io.nifiecommerce.processors.businesscentral.StandardBusinessCentralConnectionService;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSalesPriceLines;
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

    private static MockFlowFile read(final String route, final String entitySet, final String expand, final String filter) throws Exception {
        return read(sandbox, route, entitySet, expand, filter);
    }

    /** One FULL read of an entity set of the sandbox's BC company by GetBusinessCentralRecords, as the nightly flow reads it. */
    static MockFlowFile read(final Sandbox sandbox, final String route, final String entitySet, final String expand, final String filter)
            throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(GetBusinessCentralRecords.class);
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
        runner.setProperty(GetBusinessCentralRecords.FILTER, filter);
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
}
