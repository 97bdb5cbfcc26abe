package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.ReceiptAdviceTestData;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadReceiptAdviceEdiTest {

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestRunners.newTestRunner(ReadReceiptAdviceEdi.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ReadReceiptAdviceEdi.RECORD_WRITER, "writer");
    }

    @Test
    void blockedQuantitiesAreKeptApartFromAvailableOnes() {
        runner.enqueue(ReceiptAdviceTestData.RECADV);
        runner.run();
        runner.assertTransferCount(ReadReceiptAdviceEdi.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ReadReceiptAdviceEdi.REL_SUCCESS).get(0);
        out.assertAttributeEquals("record.count", "2");
        final String json = out.getContent();
        assertTrue(json.contains("\"quantityReceived\":\"50\",\"quantityBlocked\":\"10\",\"quantityAvailable\":\"40\""), json);
        assertTrue(json.contains("\"purchaseOrderNumber\":\"106001\""), json);
    }

    @Test
    void aMalformedReceiptGoesToReview() {
        runner.enqueue(ReceiptAdviceTestData.RECADV.replace("UNT+13+1", "UNT+12+1"));
        runner.run();
        runner.assertAllFlowFilesTransferred(ReadReceiptAdviceEdi.REL_REVIEW, 1);
        runner.getFlowFilesForRelationship(ReadReceiptAdviceEdi.REL_REVIEW).get(0).assertAttributeEquals("error.segment", "UNT");
    }
}
