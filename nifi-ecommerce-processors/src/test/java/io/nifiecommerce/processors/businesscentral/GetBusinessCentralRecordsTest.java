package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetBusinessCentralRecordsTest {

    private static final String T1 = "2026-08-18T20:05:51.28Z";
    private static final String T2 = "2026-08-18T20:05:52Z";
    private static final String T3 = "2026-08-18T21:00:00.5Z";

    private StubBusinessCentral bc;
    private TestRunner runner;
    private GetBusinessCentralRecords processor;

    @BeforeEach
    void setUp() throws Exception {
        bc = new StubBusinessCentral();
        processor = new GetBusinessCentralRecords();
        runner = TestRunners.newTestRunner(processor);
        BusinessCentralTestSupport.connect(runner, bc, "secret");
        BusinessCentralTestSupport.jsonRecords(runner, false);
        runner.setProperty(GetBusinessCentralRecords.CONNECTION_SERVICE, "bc");
        runner.setProperty(GetBusinessCentralRecords.RECORD_WRITER, "writer");
        runner.setProperty(GetBusinessCentralRecords.ENTITY_SET, "salesShipments");
        runner.setProperty(GetBusinessCentralRecords.PAGE_SIZE, "2");
        processor.setClock(Clock.fixed(Instant.parse("2026-08-19T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        bc.close();
    }

    private String shipment(final String modified, final String number) {
        final ObjectNode s = BusinessCentralTestSupport.MAPPER.createObjectNode();
        final String id = UUID.randomUUID().toString();
        s.put("id", id);
        s.put("number", number);
        s.put("externalDocumentNumber", "#" + number);
        s.put("lastModifiedDateTime", modified);
        s.put("totalAmountIncludingTax", 123.45);
        s.putArray("salesShipmentLines").addObject().put("lineObjectNumber", "SKU-1").put("quantity", 2);
        bc.add("salesShipments", s);
        return id;
    }

    private List<String> numbers(final MockFlowFile flowFile) throws Exception {
        final List<String> out = new ArrayList<>();
        for (final JsonNode record : BusinessCentralTestSupport.MAPPER.readTree(flowFile.getContent())) {
            out.add(record.path("number").asText());
        }
        return out;
    }

    @Test
    void readsIncrementallyFollowingPagesAndKeepsRecordsSharingTheBoundaryTimestamp() throws Exception {
        shipment(T1, "S1");
        shipment(T1, "S2");
        shipment(T2, "S3");
        shipment(T2, "S4");
        shipment(T2, "S5");

        runner.run();
        runner.assertAllFlowFilesTransferred(GetBusinessCentralRecords.REL_SUCCESS, 1);
        MockFlowFile first = runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0);
        assertEquals(List.of("S1", "S2", "S3", "S4", "S5"), numbers(first), "three pages of two");
        first.assertAttributeEquals("record.count", "5");
        first.assertAttributeEquals("bc.cursor", T2);
        final JsonNode record = BusinessCentralTestSupport.MAPPER.readTree(first.getContent()).get(0);
        assertEquals("123.45", record.path("totalAmountIncludingTax").decimalValue().stripTrailingZeros().toPlainString(), "decimals kept exact");
        assertEquals(2, record.path("salesShipmentLines").get(0).path("quantity").asInt(), "expanded lines kept as nested records");
        assertFalse(record.has("@odata.etag"));
        runner.getStateManager().assertStateEquals(GetBusinessCentralRecords.STATE_CURSOR, T2, Scope.CLUSTER);

        // a record committed later with the same timestamp as the boundary, and a newer one
        shipment(T2, "S6");
        shipment(T3, "S7");
        runner.clearTransferState();
        runner.run();
        final MockFlowFile second = runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0);
        assertEquals(List.of("S6", "S7"), numbers(second), "nothing lost at the boundary, nothing repeated");
        runner.getStateManager().assertStateEquals(GetBusinessCentralRecords.STATE_CURSOR, T3, Scope.CLUSTER);

        runner.clearTransferState();
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
    }

    @Test
    void recordsStillSettlingAreLeftForTheNextRun() throws Exception {
        shipment(T1, "S1");
        shipment("2026-08-18T23:59:55Z", "S2");
        runner.run();
        assertEquals(List.of("S1"), numbers(runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0)));
        processor.setClock(Clock.fixed(Instant.parse("2026-08-19T00:01:00Z"), ZoneOffset.UTC));
        runner.clearTransferState();
        runner.run();
        assertEquals(List.of("S2"), numbers(runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0)));
    }

    @Test
    void customRouteFilterAndSelectAreSent() throws Exception {
        shipment(T1, "S1");
        shipment(T2, "S2");
        runner.setProperty(GetBusinessCentralRecords.API_ROUTE, "api/contoso/logistics/v1.0");
        runner.setProperty(GetBusinessCentralRecords.FILTER, "externalDocumentNumber eq '#S2'");
        runner.setProperty(GetBusinessCentralRecords.SELECT, "id, number, lastModifiedDateTime");
        runner.run();
        final MockFlowFile out = runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0);
        assertEquals(List.of("S2"), numbers(out));
        final JsonNode record = BusinessCentralTestSupport.MAPPER.readTree(out.getContent()).get(0);
        assertFalse(record.has("externalDocumentNumber"), "only the selected fields");
        assertTrue(record.has("lastModifiedDateTime"));
    }

    @Test
    void outageYieldsWithoutOutputOrStateChange() {
        shipment(T1, "S1");
        runner.getControllerService("bc", BusinessCentralConnectionService.class).companyId();
        bc.failNextGets(100);
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        runner.getStateManager().assertStateNotSet(GetBusinessCentralRecords.STATE_CURSOR, Scope.CLUSTER);
        bc.failNextGets(0);
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 1);
    }

    @Test
    void fullModeReadsEverythingEveryRunWithoutState() throws Exception {
        shipment(T1, "S1");
        shipment(T2, "S2");
        runner.setProperty(GetBusinessCentralRecords.READ_MODE, "FULL");
        runner.run();
        assertEquals(List.of("S1", "S2"), numbers(runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0)));
        runner.clearTransferState();
        runner.run();
        assertEquals(List.of("S1", "S2"), numbers(runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0)));
        runner.getStateManager().assertStateNotSet(GetBusinessCentralRecords.STATE_CURSOR, Scope.CLUSTER);
    }
}
