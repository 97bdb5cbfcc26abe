package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The channel dimension on sales orders, against the BC simulator's dimensionSetLines. */
class PutBusinessCentralDimensionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theChannelIsSetOnceAndAnotherValueIsNotOverwritten() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator bc = new BusinessCentralSimulator(BcSimulatorConfig.defaults(), new FaultInjector(FaultPlan.all(0), 1, stats), stats);
        final BcCompany company = bc.createCompany("CRONUS FR");
        company.putCustomer("MKT-CARREFOUR", "Carrefour Marketplace", null, null);
        company.putDimensionValue("CANAL", "CARREFOUR", "Carrefour");
        company.putDimensionValue("CANAL", "FNAC-DARTY", "Fnac Darty");
        final String first = company.createSalesOrder(MAPPER.createObjectNode().put("customerNumber", "MKT-CARREFOUR")).path("id").asText();
        final String second = company.createSalesOrder(MAPPER.createObjectNode().put("customerNumber", "MKT-CARREFOUR")).path("id").asText();

        final TestRunner runner = channelDimension(bc);
        final String records = "[" + record(first, "carrefour", "salesOrders") + "," + record(second, "carrefour", "salesOrders") + ","
                + record("x", "carrefour", "salesInvoices") + "]";

        runner.enqueue(records.getBytes(StandardCharsets.UTF_8));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralDimension.REL_SUCCESS, 1);
        final JsonNode out = MAPPER.readTree(runner.getFlowFilesForRelationship(PutBusinessCentralDimension.REL_SUCCESS).get(0).toByteArray());
        assertEquals(List.of("SET", "SET", "NOT_AN_OPEN_ORDER"), List.of(out.get(0).path("bcDimensionResult").asText(),
                out.get(1).path("bcDimensionResult").asText(), out.get(2).path("bcDimensionResult").asText()));
        assertEquals("CARREFOUR", company.dimensionSetLines(first).get(0).path("valueCode").asText());
        assertEquals("Sales Order", company.dimensionSetLines(first).get(0).path("parentType").asText());

        runner.clearTransferState();
        runner.enqueue(("[" + record(first, "carrefour", "salesOrders") + "," + record(second, "fnac-darty", "salesOrders") + "]")
                .getBytes(StandardCharsets.UTF_8));
        runner.run();
        runner.assertTransferCount(PutBusinessCentralDimension.REL_SUCCESS, 1);
        runner.assertTransferCount(PutBusinessCentralDimension.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralDimension.REL_FAILURE).get(0).assertAttributeEquals("error.code", "CONFLICT");
        assertEquals(1, company.dimensionSetLines(first).size(), "set once");
        assertEquals("CARREFOUR", company.dimensionSetLines(second).get(0).path("valueCode").asText(), "not overwritten");
    }

    /**
     * A marketplace batch (16 FlowFiles of about 150 orders in the 10,000-order run) at 10 % faults: a POST whose answer
     * was lost went back to the caller, which replayed the whole FlowFile, 30 s later, until one pass met no such POST.
     */
    @Test
    void aLargeBatchAtTenPercentFaultsIsSetInOnePassEachDimensionOnce() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator bc = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.all(0.1).withTimeoutHold(java.time.Duration.ofMillis(300)), 5, stats), stats);
        final BcCompany company = bc.createCompany("CRONUS FR");
        company.putCustomer("MKT-AMAZON", "Amazon", null, null);
        company.putDimensionValue("CANAL", "AMAZON", "Amazon");
        final List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            orders.add(company.createSalesOrder(MAPPER.createObjectNode().put("customerNumber", "MKT-AMAZON")).path("id").asText());
        }
        final TestRunner runner = channelDimension(bc);
        runner.enqueue(orders.stream().map(id -> record(id, "amazon", "salesOrders"))
                .collect(java.util.stream.Collectors.joining(",", "[", "]")).getBytes(StandardCharsets.UTF_8));
        runner.run();
        assertEquals(0, runner.getFlowFilesForRelationship(PutBusinessCentralDimension.REL_RETRY).size(), "replayed as a whole");
        runner.assertAllFlowFilesTransferred(PutBusinessCentralDimension.REL_SUCCESS, 1);
        for (final String order : orders) {
            assertEquals(1, company.dimensionSetLines(order).size(), "set once on " + order);
        }
        final long faults = stats.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("faults.")).mapToLong(Map.Entry::getValue).sum();
        org.junit.jupiter.api.Assertions.assertTrue(faults >= 10, faults + " faults injected");
    }

    /** The processor as the marketplace flow sets it: the channel in dimension CANAL, on the simulator's CRONUS FR. */
    private TestRunner channelDimension(final BusinessCentralSimulator bc) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(new PutBusinessCentralDimension());
        server = BusinessCentralTestSupport.connectToSimulator(runner, bc, "CRONUS FR", "10 sec", "3");
        BusinessCentralTestSupport.jsonRecords(runner, true);
        runner.setProperty(PutBusinessCentralDimension.CONNECTION_SERVICE, "bc");
        runner.setProperty(PutBusinessCentralDimension.RECORD_READER, "reader");
        runner.setProperty(PutBusinessCentralDimension.RECORD_WRITER, "writer");
        runner.setProperty(PutBusinessCentralDimension.DIMENSION_CODE, "CANAL");
        return runner;
    }

    private static String record(final String id, final String channel, final String type) {
        return "{\"sourceId\":\"" + id + "\",\"channel\":\"" + channel + "\",\"bcId\":\"" + id + "\",\"bcDocumentType\":\"" + type + "\"}";
    }
}
