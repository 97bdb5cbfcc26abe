package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.amazon.AmazonSandbox;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import io.nifiecommerce.sandbox.amazon.AmazonSeller;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FetchAmazonOrders in the NiFi mock framework against the sandbox's Amazon simulator. */
class FetchAmazonOrdersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AmazonSandbox sandbox;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        sandbox = new AmazonSandbox(Duration.ofMinutes(5));
        runner = runner(sandbox);
    }

    /** A FetchAmazonOrders on the sandbox's clock, its connection ("amazon") and JSON writer ("writer") set, from November 1st. */
    static TestRunner runner(final AmazonSandbox sandbox) throws Exception {
        final FetchAmazonOrders processor = new FetchAmazonOrders();
        processor.setClock(sandbox.clock);
        final TestRunner runner = TestRunners.newTestRunner(processor);
        addConnection(runner, sandbox, Map.of());
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(FetchAmazonOrders.AMAZON_CONNECTION, "amazon");
        runner.setProperty(FetchAmazonOrders.RECORD_WRITER, "writer");
        runner.setProperty(FetchAmazonOrders.INITIAL_START_DATE, "2026-11-01T00:00:00Z");
        return runner;
    }

    /** The sandbox's selling partner as the enabled connection service "amazon", with {@code more} properties set. */
    static void addConnection(final TestRunner runner, final AmazonSandbox sandbox, final Map<PropertyDescriptor, String> more) throws Exception {
        final StandardAmazonConnectionService connection = new StandardAmazonConnectionService();
        runner.addControllerService("amazon", connection);
        runner.setProperty(connection, StandardAmazonConnectionService.ENDPOINT, sandbox.baseUrl());
        runner.setProperty(connection, StandardAmazonConnectionService.LWA_ENDPOINT, sandbox.baseUrl() + "/auth/o2/token");
        runner.setProperty(connection, StandardAmazonConnectionService.CLIENT_ID, AmazonSeeding.CLIENT_ID);
        runner.setProperty(connection, StandardAmazonConnectionService.CLIENT_SECRET, AmazonSeeding.CLIENT_SECRET);
        runner.setProperty(connection, StandardAmazonConnectionService.REFRESH_TOKEN, AmazonSeeding.REFRESH_TOKEN);
        more.forEach((property, value) -> runner.setProperty(connection, property, value));
        runner.enableControllerService(connection);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void paidOrdersBecomeCanonicalRecordsOnceAcrossRuns() throws Exception {
        final String first = sandbox.order("SKU-1", 2);
        final String second = sandbox.order("SKU-2", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchAmazonOrders.REL_SUCCESS, 1);
        final MockFlowFile flowFile = runner.getFlowFilesForRelationship(FetchAmazonOrders.REL_SUCCESS).get(0);
        flowFile.assertAttributeEquals("record.count", "2");
        flowFile.assertAttributeEquals("amazon.channel", "amazon");
        final JsonNode records = MAPPER.readTree(flowFile.getContent());
        final List<String> ids = new ArrayList<>();
        records.forEach(record -> ids.add(record.path("name").asText()));
        assertEquals(List.of(first, second), ids);
        final JsonNode record = records.get(0);
        assertEquals("amazon", record.path("source").asText());
        assertTrue(record.path("taxesIncluded").asBoolean());
        assertEquals("SKU-1", record.path("lines").get(0).path("sku").asText());
        assertEquals("19.90", record.path("lines").get(0).path("unitPrice").asText());
        assertEquals("43.79", record.path("totalPrice").asText());
        assertFalse(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty());
        assertFalse(flowFile.getContent().contains(AmazonSeeding.REFRESH_TOKEN));

        runner.clearTransferState();
        sandbox.clock.advance(Duration.ofMinutes(5));
        runner.run();
        runner.assertTransferCount(FetchAmazonOrders.REL_SUCCESS, 0);

        sandbox.seller.ship(first, null);
        sandbox.clock.advance(Duration.ofMinutes(5));
        runner.run();
        runner.assertAllFlowFilesTransferred(FetchAmazonOrders.REL_SUCCESS, 1);
        final JsonNode shipped = MAPPER.readTree(runner.getFlowFilesForRelationship(FetchAmazonOrders.REL_SUCCESS).get(0).getContent());
        assertEquals(1, shipped.size());
        assertEquals("FULFILLED", shipped.get(0).path("fulfillmentStatus").asText());
    }

    @Test
    void anOrderTheErpCannotBookGoesToFailureWithItsReason() {
        final String good = sandbox.order("SKU-1", 1);
        final String bad = sandbox.seller.placeOrder(AmazonSandbox.FR, new AmazonSeller.Destination("Lyon", "69003", "FR"), List.of(
                new AmazonSeller.NewItem(null, "Sans SKU", 1, new BigDecimal("9.90"), new BigDecimal("0.20"), BigDecimal.ZERO, BigDecimal.ZERO)));
        sandbox.clock.advance(Duration.ofMinutes(10));
        runner.run();
        runner.assertTransferCount(FetchAmazonOrders.REL_SUCCESS, 1);
        runner.assertTransferCount(FetchAmazonOrders.REL_FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(FetchAmazonOrders.REL_FAILURE).get(0);
        failure.assertAttributeEquals("error.code", "UNMAPPABLE_ORDER");
        failure.assertAttributeEquals("amazon.order.id", bad);
        assertTrue(failure.getAttribute("error.message").contains("SellerSKU"));
        assertTrue(new String(failure.toByteArray(), StandardCharsets.UTF_8).contains("OrderItems"));
        assertTrue(runner.getFlowFilesForRelationship(FetchAmazonOrders.REL_SUCCESS).get(0).getContent().contains(good));

        // handled: not sent again
        runner.clearTransferState();
        sandbox.clock.advance(Duration.ofMinutes(5));
        runner.run();
        runner.assertTransferCount(FetchAmazonOrders.REL_FAILURE, 0);
        runner.assertTransferCount(FetchAmazonOrders.REL_SUCCESS, 0);
    }

    @Test
    void refusedCredentialsRollBackAndYieldWithoutAnException() throws Exception {
        sandbox.order("SKU-1", 1);
        sandbox.clock.advance(Duration.ofMinutes(10));
        final StandardAmazonConnectionService connection = (StandardAmazonConnectionService) runner.getControllerService("amazon");
        runner.disableControllerService(connection);
        runner.setProperty(connection, StandardAmazonConnectionService.REFRESH_TOKEN, "Atzr|revoked");
        runner.enableControllerService(connection);
        runner.run();
        runner.assertTransferCount(FetchAmazonOrders.REL_SUCCESS, 0);
        runner.assertTransferCount(FetchAmazonOrders.REL_FAILURE, 0);
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(m -> m.getMsg().contains("invalid_grant")));
        assertTrue(runner.getLogger().getErrorMessages().stream().noneMatch(m -> m.getMsg().contains("Atzr|revoked")));
        assertEquals(new HashSet<>(), new HashSet<>(runner.getStateManager().getState(Scope.CLUSTER).toMap().keySet()));
    }

    @Test
    void marketplaceIdsAreOneToFifty() {
        final StandardAmazonConnectionService connection = (StandardAmazonConnectionService) runner.getControllerService("amazon");
        runner.disableControllerService(connection);
        runner.setProperty(connection, StandardAmazonConnectionService.MARKETPLACE_IDS, " , ");
        runner.assertNotValid(connection);
        runner.setProperty(connection, StandardAmazonConnectionService.MARKETPLACE_IDS, String.join(",", java.util.Collections.nCopies(51, "A13V1IB3VIYZZH")));
        runner.assertNotValid(connection);
        runner.setProperty(connection, StandardAmazonConnectionService.MARKETPLACE_IDS, "A13V1IB3VIYZZH,A1PA6795UKMFR9");
        runner.assertValid(connection);
    }
}
