package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.amazon.AmazonSandbox;
import io.nifiecommerce.processors.businesscentral.BusinessCentralTestSupport;
import io.nifiecommerce.processors.businesscentral.PutBusinessCentralDimension;
import io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.amazon.AmazonSeeding;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The marketplace flow's Amazon lane in the NiFi mock framework: FetchAmazonOrders against the Amazon simulator, then
 * PutBusinessCentralOrder on Amazon's customer and PutBusinessCentralDimension against the BC simulator.
 */
class AmazonOrdersToBusinessCentralTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COMPANY = "CRONUS FR";

    private AmazonSandbox amazon;
    private BcCompany company;
    private HttpServer bcServer;
    private HttpServer dimensionServer;
    private TestRunner fetch;
    private TestRunner put;
    private TestRunner dimension;

    @BeforeEach
    void start() throws Exception {
        amazon = new AmazonSandbox(Duration.ofMinutes(5));
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator bc = new BusinessCentralSimulator(BcSimulatorConfig.defaults(), new FaultInjector(FaultPlan.all(0), 1, stats), stats);
        company = bc.createCompany(COMPANY);
        AmazonSeeding.seedBusinessCentral(company);
        for (int i = 1; i <= 3; i++) {
            company.putItem("SKU-" + i, "Produit SKU-" + i, null, new BigDecimal("16.58"), new BigDecimal("100"));
        }
        fetch = FetchAmazonOrdersTest.runner(amazon);
        final PutBusinessCentralOrder processor = new PutBusinessCentralOrder();
        put = TestRunners.newTestRunner(processor);
        bcServer = BusinessCentralTestSupport.connectToSimulator(put, bc, COMPANY, "5 sec", "3");
        jsonRecords(put);
        put.setProperty("Business Central Connection", "bc");
        put.setProperty("Record Reader", "reader");
        put.setProperty("Record Writer", "writer");
        put.setProperty("B2C Default Customer", AmazonSeeding.BC_CUSTOMER);
        put.setProperty("Shipping Line Number", "7190");
        dimension = TestRunners.newTestRunner(new PutBusinessCentralDimension());
        dimensionServer = BusinessCentralTestSupport.connectToSimulator(dimension, bc, COMPANY, "5 sec", "3");
        jsonRecords(dimension);
        dimension.setProperty(PutBusinessCentralDimension.CONNECTION_SERVICE, "bc");
        dimension.setProperty(PutBusinessCentralDimension.RECORD_READER, "reader");
        dimension.setProperty(PutBusinessCentralDimension.RECORD_WRITER, "writer");
        dimension.setProperty(PutBusinessCentralDimension.DIMENSION_CODE, AmazonSeeding.BC_CHANNEL_DIMENSION);
    }

    private static void jsonRecords(final TestRunner runner) throws Exception {
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService("reader", reader);
        runner.enableControllerService(reader);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
    }

    @AfterEach
    void stop() {
        amazon.close();
        bcServer.stop(0);
        dimensionServer.stop(0);
    }

    /** Runs FetchAmazonOrders, then the writer on what it wrote, then the channel on the writer's results; the writer's results. */
    private List<MockFlowFile> lane() {
        fetch.clearTransferState();
        put.clearTransferState();
        dimension.clearTransferState();
        fetch.run();
        fetch.assertTransferCount(FetchAmazonOrders.REL_FAILURE, 0);
        for (final MockFlowFile orders : fetch.getFlowFilesForRelationship(FetchAmazonOrders.REL_SUCCESS)) {
            put.enqueue(orders.toByteArray());
        }
        put.run(Math.max(1, put.getQueueSize().getObjectCount()));
        put.assertTransferCount(PutBusinessCentralOrder.REL_FAILURE, 0);
        for (final MockFlowFile results : put.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS)) {
            dimension.enqueue(results.toByteArray());
        }
        if (dimension.getQueueSize().getObjectCount() > 0) {
            dimension.run(dimension.getQueueSize().getObjectCount());
            dimension.assertTransferCount(PutBusinessCentralDimension.REL_FAILURE, 0);
        }
        return put.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS);
    }

    private Map<String, JsonNode> salesOrdersByExternalNumber() {
        return company.salesOrders().stream().collect(Collectors.toMap(o -> o.path("externalDocumentNumber").asText(), Function.identity()));
    }

    @Test
    void paidAmazonOrdersAreSalesOrdersOnAmazonsCustomerOnceWithTheirChannel() throws Exception {
        final String first = amazon.order("SKU-1", 2);
        final String second = amazon.order("SKU-2", 1);
        final String cancelled = amazon.order("SKU-3", 1);
        amazon.clock.advance(Duration.ofMinutes(10));
        final List<MockFlowFile> created = lane();
        assertEquals(1, created.size());
        Map<String, JsonNode> inBc = salesOrdersByExternalNumber();
        assertEquals(3, inBc.size());
        for (final String id : List.of(first, second, cancelled)) {
            assertEquals(AmazonSeeding.BC_CUSTOMER, inBc.get(id).path("customerNumber").asText(), id);
            assertEquals(AmazonSeeding.CHANNEL, company.dimensionSetLines(inBc.get(id).path("id").asText()).get(0).path("valueCode").asText());
        }

        // shipped: a new version, already booked; the cancelled order's open sales order is deleted
        amazon.seller.ship(first, null);
        amazon.seller.cancel(cancelled);
        amazon.clock.advance(Duration.ofMinutes(5));
        lane();
        put.assertTransferCount(PutBusinessCentralOrder.REL_CANCELLED, 1);
        inBc = salesOrdersByExternalNumber();
        assertEquals(2, inBc.size());
        assertFalse(inBc.containsKey(cancelled));

        // nothing new: nothing twice
        amazon.clock.advance(Duration.ofMinutes(5));
        lane();
        assertEquals(2, company.salesOrders().size());
        assertEquals(1, company.dimensionSetLines(inBc.get(first).path("id").asText()).size());
    }
}
