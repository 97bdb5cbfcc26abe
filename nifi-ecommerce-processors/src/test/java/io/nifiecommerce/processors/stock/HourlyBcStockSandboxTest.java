package io.nifiecommerce.processors.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords;
import io.nifiecommerce.processors.businesscentral.StandardBusinessCentralConnectionService;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;
import io.nifiecommerce.stock.ResolvedItem;
import io.nifiecommerce.stock.ShopifyAdminApi;
import io.nifiecommerce.stock.SkuResolver;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hourly BC-to-Shopify stock path of {@code flow-templates/stock-to-shopify.json}, with the
 * properties of its two processors taken from the flow definition, against the sandbox: stock that
 * moves only through postings (a shipment, a purchase receipt, an item journal), which in BC never
 * change an item's lastModifiedDateTime, reaches Shopify on the next hourly run.
 */
class HourlyBcStockSandboxTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FLOW = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference")).getParent()
            .resolve("flow-templates").resolve("stock-to-shopify.json");
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(3));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** The properties of a processor of the flow definition, parameters replaced and service references left out. */
    private static Map<String, String> flowProperties(final String processorName, final Map<String, String> parameters) throws IOException {
        final JsonNode flow = MAPPER.readTree(FLOW.toFile());
        for (final JsonNode processor : flow.path("flowContents").path("processors")) {
            if (processor.path("name").asText().equals(processorName)) {
                final Map<String, String> properties = new HashMap<>();
                processor.path("properties").fields().forEachRemaining(p -> {
                    final boolean service = processor.path("propertyDescriptors").path(p.getKey()).path("identifiesControllerService").asBoolean();
                    if (!service && !p.getValue().isNull()) {
                        String value = p.getValue().asText();
                        for (final Map.Entry<String, String> parameter : parameters.entrySet()) {
                            value = value.replace("#{" + parameter.getKey() + "}", parameter.getValue());
                        }
                        properties.put(p.getKey(), value);
                    }
                });
                return properties;
            }
        }
        throw new IllegalStateException("no processor '" + processorName + "' in " + FLOW);
    }

    private static TestRunner bcReader(final Map<String, String> properties) throws Exception {
        return bcReader(properties, sandbox.businessCentral(), "http://127.0.0.1:" + sandbox.port(), sandbox.bcCompanyName());
    }

    private static TestRunner bcReader(final Map<String, String> properties, final BusinessCentralSimulator bc, final String baseUrl,
                                       final String company) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(GetBusinessCentralRecords.class);
        final StandardBusinessCentralConnectionService service = new StandardBusinessCentralConnectionService();
        runner.addControllerService("bc", service);
        runner.setProperty(service, StandardBusinessCentralConnectionService.TENANT_ID, bc.config().tenantId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.ENVIRONMENT, bc.config().environment());
        runner.setProperty(service, StandardBusinessCentralConnectionService.API_URL_OVERRIDE, baseUrl);
        runner.setProperty(service, StandardBusinessCentralConnectionService.LOGIN_URL_OVERRIDE, baseUrl + "/login");
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_ID, bc.config().clientId());
        runner.setProperty(service, StandardBusinessCentralConnectionService.CLIENT_SECRET, bc.config().clientSecret());
        runner.setProperty(service, StandardBusinessCentralConnectionService.COMPANY, company);
        runner.enableControllerService(service);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(GetBusinessCentralRecords.CONNECTION_SERVICE, "bc");
        runner.setProperty("Record Writer", "writer");
        properties.forEach(runner::setProperty);
        // each run() here stands for one hourly run; when a run is due is GetBusinessCentralRecordsTest's concern
        runner.removeProperty(GetBusinessCentralRecords.RUN_SCHEDULE);
        return runner;
    }

    private static TestRunner publisher(final Map<String, String> properties) throws Exception {
        final TestRunner runner = new SandboxShopifyConnection(sandbox).publishStockLevels();
        properties.forEach(runner::setProperty);
        return runner;
    }

    /** One hourly run of the flow's two processors: BC read, then publish; returns the publish FlowFile. */
    private static MockFlowFile hourlyRun(final TestRunner read, final TestRunner publish) {
        read.clearTransferState();
        read.run();
        read.assertAllFlowFilesTransferred("success", 1);
        publish.clearTransferState();
        publish.enqueue(read.getFlowFilesForRelationship("success").getFirst().toByteArray());
        publish.run();
        publish.assertAllFlowFilesTransferred(PublishStockLevels.REL_SUCCESS, 1);
        return publish.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
    }

    private static long itemReads() {
        return sandbox.stats().get("bc.requests.items.GET");
    }

    @Test
    void stockMovedOnlyByPostingsReachesShopifyOnTheNextHourlyRun() throws Exception {
        final StockLocation location = sandbox.seed().locations().stream().filter(StockLocation::fulfillsOnlineOrders).findFirst().orElseThrow();
        final Map<String, String> parameters = Map.of("shopify.location.default", location.name());
        final TestRunner read = bcReader(flowProperties("Read BC items", parameters));
        final TestRunner publish = publisher(flowProperties("Publish BC stock", parameters));
        final Map<String, String> oldDesign = new HashMap<>(flowProperties("Read BC items", parameters));
        oldDesign.put("Read Mode", "INCREMENTAL");
        oldDesign.put("Select", "id,number,inventory,lastModifiedDateTime");
        oldDesign.put("Settle Time", "0 sec");
        final TestRunner incremental = bcReader(oldDesign);
        final BcCompany bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        final List<String> stocked = sandbox.seed().variants().stream()
                .filter(v -> sandbox.seed().stockLevels().stream().anyMatch(s -> s.inventoryItemId() == v.inventoryItemId() && s.locationId() == location.id()))
                .map(Variant::sku).limit(3).toList();
        assertEquals(3, stocked.size());

        final long readsBefore = itemReads();
        final MockFlowFile first = hourlyRun(read, publish);
        assertEquals(1, itemReads() - readsBefore, "one request reads every item's inventory");
        assertEquals(Integer.toString(bc.items().size()), read.getFlowFilesForRelationship("success").getFirst().getAttribute("record.count"));
        assertEquals("0", first.getAttribute("stock.failed"));
        incremental.run();
        final Map<String, String> modifiedBefore = new HashMap<>();
        bc.items().forEach(item -> modifiedBefore.put(item.path("number").asText(), item.path("lastModifiedDateTime").asText()));

        // Stock moves through postings only: a shipment, a purchase receipt, an item journal.
        final ObjectNode order = MAPPER.createObjectNode().put("externalDocumentNumber", "STOCK-TEST-1").put("customerNumber", sandbox.bcWebCustomer());
        order.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", stocked.get(0)).put("quantity", 2);
        bc.shipAndInvoice(bc.createSalesOrder(order).path("number").asText());
        bc.receivePurchase(stocked.get(1), new BigDecimal("25"), "", "V10000");
        bc.postItemJournal(stocked.get(2), new BigDecimal("-4"), "");
        bc.items().forEach(item -> assertEquals(modifiedBefore.get(item.path("number").asText()), item.path("lastModifiedDateTime").asText(),
                "postings never modify the item record"));

        incremental.clearTransferState();
        incremental.run();
        assertEquals(0, incremental.getFlowFilesForRelationship("success").size(),
                "an incremental read on lastModifiedDateTime sees none of these movements");

        final MockFlowFile hourLater = hourlyRun(read, publish);
        assertEquals("3", hourLater.getAttribute("stock.published"), "only the three items that moved are sent to Shopify");
        assertEquals("0", hourLater.getAttribute("stock.failed"));
        final Map<String, ResolvedItem> shop = new SkuResolver(new ShopifyAdminApi(new SandboxShopifyConnection(sandbox).client)).resolve(stocked, true).items();
        final String locationGid = "gid://shopify/Location/" + location.id();
        for (final String sku : stocked) {
            final long inventory = bc.items().stream().filter(i -> i.path("number").asText().equals(sku)).findFirst().orElseThrow()
                    .path("inventory").longValue();
            assertEquals(inventory, shop.get(sku).levels().get(locationGid).available(), sku);
        }
    }

    /**
     * Stock per location, for retailers whose BC locations map to several Shopify locations: the
     * bundle's API query (bc-extension/) read by GetBusinessCentralRecords, published per location by
     * PublishStockLevels with one location.&lt;BC code&gt; property per location (docs/bc-stock.md).
     */
    @Test
    void stockPerLocationFromTheExtensionQueryReachesEachShopifyLocation() throws Exception {
        final List<StockLocation> shopLocations = sandbox.seed().locations();
        final StockLocation first = shopLocations.get(0);
        final StockLocation second = shopLocations.get(1);
        final String sku = sandbox.seed().variants().reversed().stream()
                .filter(v -> stockedAt(v, first) && stockedAt(v, second)).map(Variant::sku).findFirst().orElseThrow();
        final BcCompany bc = sandbox.businessCentral().company(sandbox.bcCompanyName());
        final JsonNode lyon = bc.putLocation("LYON", first.name());
        bc.putLocation("IDF", second.name());
        bc.postItemJournal(sku, new BigDecimal("40"), "LYON");
        bc.receivePurchase(sku, new BigDecimal("15"), "IDF", "V10000");

        final TestRunner read = bcReader(Map.of("API Route", "api/nifiecommerce/stock/v1.0", "Entity Set", "itemStockByLocations",
                "Read Mode", "FULL", "Select", "itemNumber,locationCode,inventory", "Filter", "locationCode ne ''", "Page Size", "20000"));
        final TestRunner publish = publisher(Map.of("SKU Field", "itemNumber", "Location Field", "locationCode", "Quantity Field", "inventory",
                "location.LYON", first.name(), "location.IDF", second.name()));
        final MockFlowFile published = hourlyRun(read, publish);
        assertEquals("2", published.getAttribute("stock.published"));
        assertEquals(Map.of(first.id(), 40L, second.id(), 15L), shopifyAvailable(sku, first, second));

        final ObjectNode order = MAPPER.createObjectNode().put("externalDocumentNumber", "STOCK-LOC-1").put("customerNumber", sandbox.bcWebCustomer());
        order.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", sku).put("quantity", 3)
                .put("locationId", lyon.path("id").asText());
        bc.shipAndInvoice(bc.createSalesOrder(order).path("number").asText());
        final MockFlowFile hourLater = hourlyRun(read, publish);
        assertEquals("1", hourLater.getAttribute("stock.published"), "only the location that moved");
        assertEquals(Map.of(first.id(), 37L, second.id(), 15L), shopifyAvailable(sku, first, second));
    }

    private static boolean stockedAt(final Variant variant, final StockLocation location) {
        return sandbox.seed().stockLevels().stream().anyMatch(s -> s.inventoryItemId() == variant.inventoryItemId() && s.locationId() == location.id());
    }

    private static Map<Long, Long> shopifyAvailable(final String sku, final StockLocation... locations) {
        final ResolvedItem item = new SkuResolver(new ShopifyAdminApi(new SandboxShopifyConnection(sandbox).client)).resolve(List.of(sku), true)
                .items().get(sku);
        final Map<Long, Long> available = new HashMap<>();
        for (final StockLocation location : locations) {
            available.put(location.id(), item.levels().get("gid://shopify/Location/" + location.id()).available());
        }
        return available;
    }

    /**
     * What the hourly read costs in BC requests for 10,000 items, with the flow's properties, on a
     * simulator of its own: figures for docs/benchmarks-bc.md.
     */
    @Test
    void anHourlyReadOfTenThousandItemsIsOneRequest() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator bc = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 1L, stats), stats);
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        bc.mount(server);
        server.start();
        try {
            final BcCompany company = bc.createCompany("CRONUS 10K");
            for (int i = 0; i < 10_000; i++) {
                company.putItem(String.format(Locale.ROOT, "ITEM-%05d", i), "Item " + i, "", BigDecimal.TEN, BigDecimal.valueOf(i % 97));
            }
            final String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
            final Map<String, String> flow = flowProperties("Read BC items", Map.of());
            final Map<String, String> defaultPages = new HashMap<>(flow);
            defaultPages.remove("Page Size");
            for (final Map.Entry<String, Map<String, String>> variant : Map.of("flow (20,000 per page)", flow,
                    "default page size (1,000)", defaultPages).entrySet()) {
                final TestRunner read = bcReader(variant.getValue(), bc, baseUrl, company.name());
                final long[] requests = new long[3];
                final long[] millis = new long[3];
                for (int run = 0; run < 3; run++) {
                    final long itemsBefore = stats.get("bc.requests.items.GET");
                    final long started = System.nanoTime();
                    read.clearTransferState();
                    read.run();
                    millis[run] = (System.nanoTime() - started) / 1_000_000;
                    requests[run] = stats.get("bc.requests.items.GET") - itemsBefore;
                    assertEquals("10000", read.getFlowFilesForRelationship("success").getFirst().getAttribute("record.count"));
                }
                System.out.printf(Locale.ROOT, "hourly BC read, 10,000 items, %s: items requests per run %s, ms per run %s%n", variant.getKey(),
                        Arrays.toString(requests), Arrays.toString(millis));
                assertEquals(variant.getValue() == flow ? 1 : 10, requests[2]);
            }
        } finally {
            server.stop(0);
        }
    }
}
