package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.businesscentral.TestOrders;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PutBusinessCentralOrderTest {

    private StubBusinessCentral bc;
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        bc = new StubBusinessCentral();
        runner = BusinessCentralTestSupport.putOrderRunner(bc);
    }

    @AfterEach
    void tearDown() {
        bc.close();
    }

    private static List<Order> orders(final int count, final int from) {
        return IntStream.range(from, from + count).mapToObj(i -> TestOrders.b2c("#" + i, 3)).toList();
    }

    @Test
    void routesEachRecordByOutcomeWithNothingLostOrDuplicated() throws Exception {
        final List<Order> orders = new ArrayList<>(orders(4, 1001));
        final Order base = orders.get(2);
        final List<OrderLine> lines = new ArrayList<>(base.lines());
        lines.set(1, TestOrders.line("GHOST", 1, "19.99", "0.00", "0.20"));
        orders.set(2, TestOrders.order("#1003", Segment.B2C, null, true, lines, base.shippingLines(), BigDecimal.ZERO));
        final ArrayNode input = (ArrayNode) BusinessCentralTestSupport.MAPPER.readTree(BusinessCentralTestSupport.json(orders));
        ((ObjectNode) input.get(3)).putNull("name");

        runner.enqueue(input.toString());
        runner.run();

        runner.assertTransferCount(PutBusinessCentralOrder.REL_SUCCESS, 1);
        runner.assertTransferCount(PutBusinessCentralOrder.REL_FAILURE, 1);
        runner.assertTransferCount(PutBusinessCentralOrder.REL_RETRY, 0);
        final MockFlowFile success = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0);
        success.assertAttributeEquals("record.count", "2");
        success.assertAttributeEquals("bc.outcome", "CREATED");
        success.assertAttributeEquals("bc.created.count", "2");
        success.assertAttributeEquals("bc.failed.count", "2");
        final JsonNode created = BusinessCentralTestSupport.MAPPER.readTree(success.getContent());
        assertEquals("#1001", created.get(0).path("name").asText());
        assertTrue(created.get(0).path("bcNumber").asText().startsWith("SO"));
        assertEquals("CREATED", created.get(0).path("bcOutcome").asText());
        assertEquals("3", created.get(0).path("lines").get(2).path("quantity").asText(), "the input record is carried through");

        final MockFlowFile failure = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0);
        failure.assertAttributeEquals("record.count", "2");
        final JsonNode failed = BusinessCentralTestSupport.MAPPER.readTree(failure.getContent());
        assertEquals("Application_DialogException", failed.get(0).path("bcErrorCode").asText());
        assertTrue(failed.get(0).path("bcErrorMessage").asText().contains("GHOST"));
        assertEquals("INVALID_ORDER_RECORD", failed.get(1).path("bcErrorCode").asText());
        assertTrue(failed.get(1).path("bcErrorMessage").asText().startsWith("name"), "names the field");
        assertEquals(2, bc.records("salesOrders").size());
        assertEquals(1, runner.getProvenanceEvents().stream().filter(e -> e.getEventType().name().equals("SEND")).count());
    }

    @Test
    void unmappableAndAbsurdOrdersFailAloneWithTheirReason() throws Exception {
        // found by PutBusinessCentralOrderFuzzTest: a quantity of 0 with prices converted to tax-excluded threw
        // ArithmeticException out of onTrigger, so the FlowFile was rolled back and retried forever
        runner.setProperty(SalesOrderProperties.PRICE_BASIS, "EXCLUDING_TAX");
        final ArrayNode input = (ArrayNode) BusinessCentralTestSupport.MAPPER.readTree(BusinessCentralTestSupport.json(orders(3, 2001)));
        ((ObjectNode) input.get(0).path("lines").get(0)).put("quantity", 0);
        ((ObjectNode) input.get(1)).put("totalPrice", "1e99999999");

        runner.enqueue(input.toString());
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runner.run());

        runner.assertTransferCount(PutBusinessCentralOrder.REL_SUCCESS, 1);
        runner.assertTransferCount(PutBusinessCentralOrder.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("record.count", "1");
        final JsonNode failed = BusinessCentralTestSupport.MAPPER.readTree(runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0).getContent());
        assertEquals("UNMAPPABLE_ORDER", failed.get(0).path("bcErrorCode").asText());
        assertEquals("The order cannot be mapped to a sales order: a line of quantity 0 has no unit price excluding tax",
                failed.get(0).path("bcErrorMessage").asText());
        assertEquals("INVALID_ORDER_RECORD", failed.get(1).path("bcErrorCode").asText());
        assertTrue(failed.get(1).path("bcErrorMessage").asText().startsWith("totalPrice: '1e99999999' is out of range"));
        assertEquals(List.of("#2003"), bc.records("salesOrders").stream().map(o -> o.path("externalDocumentNumber").asText()).toList());
    }

    @Test
    void replayedFlowFileCreatesNothingTwice() {
        final String input = BusinessCentralTestSupport.json(orders(30, 1));
        runner.enqueue(input);
        runner.run();
        runner.enqueue(input);
        runner.run();
        final List<MockFlowFile> success = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS);
        assertEquals(2, success.size());
        success.get(0).assertAttributeEquals("bc.outcome", "CREATED");
        success.get(1).assertAttributeEquals("bc.outcome", "ALREADY_PRESENT");
        success.get(1).assertAttributeEquals("bc.already.present.count", "30");
        assertEquals(30, bc.records("salesOrders").size());
        assertEquals(30, runner.getCounterValue(PutBusinessCentralOrder.COUNTER_CREATED));
        assertEquals(30, runner.getCounterValue(PutBusinessCentralOrder.COUNTER_ALREADY_PRESENT));
    }

    @Test
    void failedRecordsOfDifferentCausesAreSummarisedAndCounted() throws Exception {
        final ArrayNode input = (ArrayNode) BusinessCentralTestSupport.MAPPER.readTree(BusinessCentralTestSupport.json(orders(3, 1)));
        ((ObjectNode) input.get(1)).put("totalPrice", "1.00");
        ((ObjectNode) input.get(2)).put("totalPrice", "not a number");
        runner.enqueue(input.toString());
        runner.run();
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0);
        failure.assertAttributeEquals("error.code", "ORDER_RECORDS_FAILED");
        assertTrue(failure.getAttribute("error.message").startsWith("2 of 3 records: AMOUNT_MISMATCH x1, INVALID_ORDER_RECORD x1. First: "),
                failure.getAttribute("error.message"));
        assertEquals(1, runner.getCounterValue(PutBusinessCentralOrder.COUNTER_CREATED));
        assertEquals(2, runner.getCounterValue(PutBusinessCentralOrder.COUNTER_FAILED));
    }

    @Test
    void lostAnswerThenRetryCreatesEachOrderOnce() {
        bc.loseNextBatchAnswers(2);
        runner.enqueue(BusinessCentralTestSupport.json(orders(60, 1)));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("record.count", "60");
        assertEquals(60, bc.records("salesOrders").size());
        final Set<String> numbers = new HashSet<>();
        bc.records("salesOrders").forEach(o -> numbers.add(o.path("externalDocumentNumber").asText()));
        assertEquals(60, numbers.size());
    }

    @Test
    void stormBeforeTheCompanyIsKnownLeavesTheFlowFileQueued() {
        bc.throttleNext(10_000);
        runner.enqueue(BusinessCentralTestSupport.json(orders(3, 1)));
        runner.run();
        runner.assertTransferCount(PutBusinessCentralOrder.REL_SUCCESS, 0);
        runner.assertTransferCount(PutBusinessCentralOrder.REL_RETRY, 0);
        runner.assertTransferCount(PutBusinessCentralOrder.REL_FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "rolled back, not lost");
    }

    @Test
    void throttlingStormGoesToRetryAndTheRetryCompletes() {
        runner.getControllerService("bc", BusinessCentralConnectionService.class).companyId();
        bc.throttleNext(10_000);
        runner.enqueue(BusinessCentralTestSupport.json(orders(12, 1)));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_RETRY).get(0);
        retry.assertAttributeEquals("record.count", "12");
        retry.assertAttributeEquals("bc.retry.count", "12");
        assertTrue(retry.isPenalized());
        assertEquals(0, bc.records("salesOrders").size());

        bc.throttleNext(3);
        bc.expireTokens();
        runner.clearTransferState();
        runner.enqueue(retry.toByteArray(), retry.getAttributes());
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("bc.created.count", "12");
        assertEquals(12, bc.records("salesOrders").size());
    }

    @Test
    void unreadableInputGoesToFailureWhole() {
        runner.enqueue("{ this is not json");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0).assertAttributeEquals("error.code", "UNREADABLE_INPUT");
        assertEquals(0, bc.apiRequests() - bc.apiRequests(), "nothing sent");
        assertEquals(0, bc.records("salesOrders").size());
    }

    @Test
    void amountsThatDoNotReconcileAreRefused() throws Exception {
        final ArrayNode input = (ArrayNode) BusinessCentralTestSupport.MAPPER.readTree(BusinessCentralTestSupport.json(orders(2, 1)));
        ((ObjectNode) input.get(1)).put("totalPrice", "1.00");
        runner.enqueue(input.toString());
        runner.run();
        final MockFlowFile failure = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE).get(0);
        failure.assertAttributeEquals("error.code", "AMOUNT_MISMATCH");
        assertEquals(1, bc.records("salesOrders").size());
    }

    @Test
    void verifyChecksTokenCompanyAndLookups() {
        final List<ConfigVerificationResult> results = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(5, results.size());
        results.forEach(r -> assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, r.getOutcome(), r.getVerificationStepName() + ": " + r.getExplanation()));
        assertTrue(results.get(3).getExplanation().contains("WEB"));

        runner.setProperty(SalesOrderProperties.B2C_DEFAULT_CUSTOMER, "NOBODY");
        final List<ConfigVerificationResult> missing = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertFalse(missing.stream().allMatch(r -> r.getOutcome() == ConfigVerificationResult.Outcome.SUCCESSFUL));
    }

    @Test
    void emptyInputPassesToSuccessWithoutCallingBusinessCentral() {
        runner.getControllerService("bc", BusinessCentralConnectionService.class).companyId();
        final long before = bc.apiRequests();
        runner.enqueue("[]");
        runner.run();
        runner.assertAllFlowFilesTransferred(PutBusinessCentralOrder.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS).get(0).assertAttributeEquals("record.count", "0");
        assertEquals(before, bc.apiRequests());
    }
}
