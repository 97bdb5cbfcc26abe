package io.nifiecommerce.processors.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.stock.FakeShopifyInventory;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishStockLevelsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InventoryShopifyStub stub;
    private FakeShopifyInventory shop;
    private TestRunner runner;
    private String lyon;
    private String paris;
    private FakeShopifyInventory.Variant blueM;
    private FakeShopifyInventory.Variant blueL;

    @BeforeEach
    void setUp() throws Exception {
        stub = new InventoryShopifyStub();
        shop = stub.shop;
        lyon = shop.addLocation("Lyon");
        paris = shop.addLocation("Paris");
        blueM = shop.addVariant("TSHIRT-BLU-M", true);
        blueL = shop.addVariant("TSHIRT-BLU-L", true);
        shop.stock(blueM, lyon, 7);
        shop.stock(blueM, paris, 7);
        shop.stock(blueL, lyon, 5);

        runner = ediRunner(stub);
    }

    /** PublishStockLevels against the stub, reading EDI, writing JSON, warehouse WH01 mapped to Lyon. */
    static TestRunner ediRunner(final InventoryShopifyStub stub) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(PublishStockLevels.class);
        final InventoryShopifyStub.ConnectionService connection = stub.connectionService();
        runner.addControllerService("shopify", connection);
        runner.enableControllerService(connection);
        final EdiStockRecordReader edi = new EdiStockRecordReader();
        runner.addControllerService("edi", edi);
        runner.enableControllerService(edi);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(StockProperties.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(StockProperties.RECORD_READER, "edi");
        runner.setProperty(StockProperties.RECORD_WRITER, "writer");
        runner.setProperty("location.WH01", "Lyon");
        return runner;
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private static byte[] sample(String name) throws Exception {
        final String configured = System.getProperty("nifiecommerce.reference.dir");
        final Path dir = configured != null ? Path.of(configured) : Path.of("..", "reference");
        return Files.readAllBytes(dir.resolve("edi-samples").resolve(name));
    }

    private static List<JsonNode> records(MockFlowFile flowFile) throws Exception {
        final List<JsonNode> records = new ArrayList<>();
        MAPPER.readTree(flowFile.getContent()).forEach(records::add);
        return records;
    }

    @Test
    void publishesInvrptThenSkipsWhatDidNotChange() throws Exception {
        runner.enqueue(sample("INVRPT-3pl-D96A.edi"));
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_SUCCESS, 1);
        final MockFlowFile first = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
        first.assertAttributeEquals("stock.published", "2");
        first.assertAttributeEquals("stock.mutations", "1");
        first.assertAttributeEquals("record.count", "2");
        first.assertAttributeEquals("shopify.shop", "stock-test.myshopify.com");
        final List<JsonNode> published = records(first);
        assertEquals("published", published.getFirst().path("stock_outcome").asText());
        assertEquals(blueM.itemId(), published.getFirst().path("shopify_inventory_item_id").asText());
        assertEquals("TSHIRT-BLU-M", published.getFirst().path("sku").asText());
        assertEquals(120L, shop.available(blueM, lyon));
        assertEquals(0L, shop.available(blueL, lyon));
        runner.getStateManager().assertStateSet(Scope.CLUSTER);
        assertEquals(1, runner.getProvenanceEvents().stream().filter(e -> e.getEventType().name().equals("SEND")).count());

        runner.clearTransferState();
        final int lookupsBefore = shop.lookupCalls.get();
        runner.enqueue(sample("INVRPT-3pl-D96A.edi"));
        runner.run();

        final MockFlowFile second = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
        second.assertAttributeEquals("stock.unchanged", "2");
        second.assertAttributeEquals("stock.mutations", "0");
        second.assertAttributeEquals("stock.lookups", "0");
        assertEquals(lookupsBefore, shop.lookupCalls.get());
        assertEquals("UNCHANGED_SINCE_LAST_PUBLISH", records(second).getFirst().path("stock_reason").asText());
    }

    @Test
    void fullResyncAttributeComparesWithShopify() throws Exception {
        runner.enqueue(sample("INVRPT-3pl-D96A.edi"));
        runner.run();
        shop.sell(blueM, lyon, 3);
        runner.clearTransferState();

        runner.enqueue(sample("INVRPT-3pl-D96A.edi"), Map.of("stock.full.resync", "true"));
        runner.run();

        final MockFlowFile resync = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
        resync.assertAttributeEquals("stock.full.resync", "true");
        resync.assertAttributeEquals("stock.published", "1");
        resync.assertAttributeEquals("stock.unchanged", "1");
        assertEquals(120L, shop.available(blueM, lyon));
    }

    @Test
    void x12BreakdownGoesToTwoShopifyLocations() throws Exception {
        runner.setProperty("location.WH02", paris);

        runner.enqueue(sample("X12-846-3pl-4010.edi"));
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_SUCCESS, 1);
        assertEquals(80L, shop.available(blueM, lyon));
        assertEquals(40L, shop.available(blueM, paris));
        assertEquals(0L, shop.available(blueL, lyon));
    }

    @Test
    void failedRecordsGoToFailureWithTheirReasons() throws Exception {
        final JsonTreeReader json = new JsonTreeReader();
        runner.addControllerService("json", json);
        runner.enableControllerService(json);
        runner.setProperty(StockProperties.RECORD_READER, "json");
        runner.setProperty(StockProperties.SKU_FIELD, "number");
        runner.setProperty(StockProperties.LOCATION_FIELD, "site");
        runner.setProperty(StockProperties.QUANTITY_FIELD, "inventory");
        runner.setProperty(StockProperties.MATCH_LOCATION_NAMES, "false");
        runner.setProperty(StockProperties.SAFETY_STOCK, "2");

        runner.enqueue("""
                [{"number":"TSHIRT-BLU-M","site":"WH01","inventory":12.7},
                 {"number":"GHOST-1","site":"WH01","inventory":4},
                 {"number":"TSHIRT-BLU-L","site":"Paris","inventory":3},
                 {"number":"TSHIRT-BLU-L","site":"WH01","inventory":"n/a"},
                 {"number":"TSHIRT-BLU-L","site":"WH01","inventory":-9}]""");
        runner.run();

        runner.assertTransferCount(PublishStockLevels.REL_SUCCESS, 1);
        runner.assertTransferCount(PublishStockLevels.REL_FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PublishStockLevels.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("record.count", "3");
        failure.assertAttributeEquals("error.code", "STOCK_RECORDS_FAILED");
        assertEquals(List.of("UNKNOWN_SKU", "UNMAPPED_LOCATION", "INVALID_QUANTITY"),
                records(failure).stream().map(r -> r.path("stock_reason").asText()).toList());
        final MockFlowFile success = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS).getFirst();
        assertEquals(List.of(10L, 0L), records(success).stream().map(r -> r.path("stock_quantity").asLong()).toList());
        assertEquals(10L, shop.available(blueM, lyon), "12.7 rounded down, minus safety stock 2");
        assertEquals(0L, shop.available(blueL, lyon), "negative clamped to zero");
        assertEquals(2, runner.getCounterValue(PublishStockLevels.COUNTER_PAIRS_SET));
    }

    @Test
    void malformedInterchangeFailsWholeAndPublishesNothing() throws Exception {
        final byte[] bad = new String(sample("INVRPT-3pl-D96A.edi")).replace("UNT+13+1", "UNT+14+1").getBytes();

        runner.enqueue(bad);
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PublishStockLevels.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("error.code", "MALFORMED_INPUT");
        assertTrue(failure.getAttribute("error.message").contains("UNT segment at position 14"), failure.getAttribute("error.message"));
        assertEquals(0, shop.mutationCalls.get());
        assertEquals(7L, shop.available(blueM, lyon));
    }

    @Test
    void anAbsurdQuantityFailsFastInsteadOfStallingTheProcessor() throws Exception {
        // found by PublishStockLevelsEdiFuzzTest: flooring QTY+145:1E99999999 to whole units kept the thread busy for minutes
        final byte[] absurd = new String(sample("INVRPT-3pl-D96A.edi")).replace("QTY+145:120", "QTY+145:1E99999999").getBytes();

        runner.enqueue(absurd);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> runner.run());

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PublishStockLevels.REL_FAILURE).getFirst();
        failure.assertAttributeEquals("error.code", "MALFORMED_INPUT");
        assertTrue(failure.getAttribute("error.message").contains("quantity '1E99999999' is not a whole number of units"),
                failure.getAttribute("error.message"));
        assertEquals(0, shop.mutationCalls.get());
    }

    @Test
    void throttlingBeyondRetriesGoesToRetryPenalized() throws Exception {
        shop.throttleNext.set(100);

        runner.enqueue(sample("INVRPT-3pl-D96A.edi"));
        runner.run();

        runner.assertAllFlowFilesTransferred(PublishStockLevels.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(PublishStockLevels.REL_RETRY).getFirst();
        retry.assertAttributeEquals("error.code", "THROTTLED");
        assertTrue(retry.isPenalized());
        runner.getStateManager().assertStateNotSet(Scope.CLUSTER);
    }

    @Test
    void verifyChecksLocationsAndScopes() {
        final PublishStockLevels processor = (PublishStockLevels) runner.getProcessor();

        final List<ConfigVerificationResult> ok = processor.verify(runner.getProcessContext(), runner.getLogger(), Map.of());

        assertEquals(List.of(ConfigVerificationResult.Outcome.SUCCESSFUL, ConfigVerificationResult.Outcome.SUCCESSFUL),
                ok.stream().map(ConfigVerificationResult::getOutcome).toList(), ok.toString());
        assertTrue(ok.getFirst().getExplanation().contains("Lyon, Paris"), ok.getFirst().getExplanation());

        runner.setProperty("location.WH09", "Marseille");
        shop.revokeScope("write_inventory");
        final List<ConfigVerificationResult> failed = processor.verify(runner.getProcessContext(), runner.getLogger(), Map.of());

        assertEquals(List.of(ConfigVerificationResult.Outcome.FAILED, ConfigVerificationResult.Outcome.FAILED),
                failed.stream().map(ConfigVerificationResult::getOutcome).toList());
        assertTrue(failed.getFirst().getExplanation().contains("location.WH09 = Marseille"), failed.getFirst().getExplanation());
        assertTrue(failed.get(1).getExplanation().contains("write_inventory"), failed.get(1).getExplanation());
    }
}
