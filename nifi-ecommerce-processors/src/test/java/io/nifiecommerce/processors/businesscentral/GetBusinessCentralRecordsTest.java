package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.processors.RunScheduleValidator;
import io.nifiecommerce.schedule.RunState;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void outageLeavesNoOutputNorCursorAndIsRetriedAfterABackoff() {
        shipment(T1, "S1");
        runner.getControllerService("bc", BusinessCentralConnectionService.class).companyId();
        bc.failNextGets(100);
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        runner.getStateManager().assertStateNotSet(GetBusinessCentralRecords.STATE_CURSOR, Scope.CLUSTER);
        runner.getStateManager().assertStateEquals(RunState.FAILURES, "1", Scope.CLUSTER);
        bc.failNextGets(0);
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        at("2026-08-19T00:00:16Z");
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 1);
        runner.getStateManager().assertStateEquals(RunState.FAILURES, "0", Scope.CLUSTER);
    }

    private void at(final String instant) {
        processor.setClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private Map<String, String> state() throws Exception {
        return runner.getStateManager().getState(Scope.CLUSTER).toMap();
    }

    /** Issue #21: the hourly read failed at its first run and waited an hour; now it is retried within minutes. */
    @Test
    void hourlyReadFailingAtItsFirstRunIsRetriedWithinMinutesThenNotRepeatedBeforeTheHour() throws Exception {
        shipment(T1, "S1");
        runner.setProperty(GetBusinessCentralRecords.RUN_SCHEDULE, "1 hour");
        runner.getControllerService("bc", BusinessCentralConnectionService.class).companyId();
        bc.failNextGets(100);
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        final Instant retry = Instant.parse(state().get(RunState.DUE));
        assertTrue(retry.isAfter(Instant.parse("2026-08-19T00:00:07Z")) && !retry.isAfter(Instant.parse("2026-08-19T00:00:15Z")),
                "first retry 7.5 to 15 s later, not an hour: " + retry);
        assertTrue(state().get(RunState.LAST_ERROR).contains("503"), state().toString());
        assertTrue(runner.getLogger().getWarnMessages().stream().anyMatch(m -> m.getMsg().contains("next try at " + retry)),
                "the bulletin says when");

        // the second retry fails too: the backoff grows
        runner.run();
        at("2026-08-19T00:00:30Z");
        runner.run();
        assertEquals("2", state().get(RunState.FAILURES));
        final Instant secondRetry = Instant.parse(state().get(RunState.DUE));
        assertTrue(!secondRetry.isBefore(Instant.parse("2026-08-19T00:00:45Z")) && !secondRetry.isAfter(Instant.parse("2026-08-19T00:01:00Z")),
                secondRetry.toString());

        bc.failNextGets(0);
        at("2026-08-19T00:01:00Z");
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 1);
        assertEquals("0", state().get(RunState.FAILURES));
        assertEquals("2026-08-19T00:01:00Z", state().get(RunState.LAST_SUCCESS));
        assertEquals("2026-08-19T01:01:00Z", state().get(RunState.DUE));
        assertEquals(T1, state().get(GetBusinessCentralRecords.STATE_CURSOR));

        // triggered every 30 s, it does not read again before the hour
        shipment(T2, "S2");
        final long requests = bc.apiRequests();
        runner.clearTransferState();
        for (final String time : List.of("2026-08-19T00:01:30Z", "2026-08-19T00:30:00Z", "2026-08-19T01:00:59Z")) {
            at(time);
            runner.run();
        }
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        assertEquals(requests, bc.apiRequests(), "no request before the run is due");
        at("2026-08-19T01:01:00Z");
        runner.run();
        assertEquals(List.of("S2"), numbers(runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0)));
    }

    @Test
    void aTruncatedAnswerIsRetriedLikeAnyTransientFault() throws Exception {
        shipment(T1, "S1");
        shipment(T2, "S2");
        runner.getControllerService("bc", BusinessCentralConnectionService.class).companyId();
        bc.truncateNextGets(2);
        runner.run();
        assertEquals(List.of("S1", "S2"), numbers(runner.getFlowFilesForRelationship(GetBusinessCentralRecords.REL_SUCCESS).get(0)),
                "retried within the client");
        assertEquals("0", state().get(RunState.FAILURES));
    }

    @Test
    void nightlyCronWaitsForItsTimeAndRemembersIt() throws Exception {
        shipment(T1, "S1");
        runner.setProperty(GetBusinessCentralRecords.READ_MODE, "FULL");
        runner.setProperty(GetBusinessCentralRecords.RUN_SCHEDULE, "0 0 2 * * ?");
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        final Instant due = Instant.parse(state().get(RunState.DUE));
        assertEquals(RunScheduleValidator.parse("0 0 2 * * ?").next(Instant.parse("2026-08-19T00:00:00Z")), due, "planned for 02:00 local time");
        at(due.minusSeconds(1).toString());
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 0);
        at(due.plusSeconds(20).toString());
        runner.run();
        runner.assertTransferCount(GetBusinessCentralRecords.REL_SUCCESS, 1);
        assertEquals(due.plus(Duration.ofDays(1)), Instant.parse(state().get(RunState.DUE)), "then the next night");
    }

    @Test
    void anUnreadableRunScheduleIsInvalid() {
        runner.setProperty(GetBusinessCentralRecords.RUN_SCHEDULE, "every hour");
        runner.assertNotValid();
        runner.setProperty(GetBusinessCentralRecords.RUN_SCHEDULE, "0 0 2 L * ?");
        runner.assertNotValid();
        runner.setProperty(GetBusinessCentralRecords.RUN_SCHEDULE, "30 mins");
        runner.assertValid();
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
