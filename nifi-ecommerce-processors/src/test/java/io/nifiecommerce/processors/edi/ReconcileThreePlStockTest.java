package io.nifiecommerce.processors.edi;


import io.nifiecommerce.tracking.SharedReference;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileThreePlStockTest {

    private static final String ITEMS = """
            {"value":[
              {"number":"TSHIRT-BLU-M","gtin":"3760123450001","inventory":100},
              {"number":"TSHIRT-BLU-L","gtin":"3760123450018","inventory":0},
              {"number":"MUG-01","gtin":"","inventory":7}]}
            """;

    private StubBcServer server;
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        server = new StubBcServer(request -> ITEMS);
        runner = TestRunners.newTestRunner(ReconcileThreePlStock.class);
        StubConnection.addTo(runner, server.port());
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ReconcileThreePlStock.CONNECTION, "bc");
        runner.setProperty(ReconcileThreePlStock.RECORD_WRITER, "writer");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theReferenceInvrptAgainstBcItems() throws Exception {
        runner.setProperty(ReconcileThreePlStock.COMPLETE_REPORT, "true");
        runner.enqueue(Files.readAllBytes(SharedReference.dir().resolve("edi-samples/INVRPT-3pl-D96A.edi")));
        runner.run();
        runner.assertTransferCount(ReconcileThreePlStock.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ReconcileThreePlStock.REL_SUCCESS).get(0);
        out.assertAttributeEquals("stock.items.compared", "3");
        out.assertAttributeEquals("stock.differences", "2");
        final String json = out.getContent();
        assertTrue(json.contains("\"itemNumber\":\"TSHIRT-BLU-M\",\"gtin\":\"3760123450001\",\"bcQuantity\":\"100\",\"reportedQuantity\":\"120\","
                + "\"difference\":\"20\""), json);
        // MUG-01 is not in the complete report: BC's 7 are not at the 3PL
        assertTrue(json.contains("\"itemNumber\":\"MUG-01\""), json);
    }

    @Test
    void aMalformedReportGoesToReview() {
        runner.enqueue("UNB+UNOC:3+A:ZZZ+B:ZZZ+260301:0600+1'UNH+1+INVRPT:D:96A:UN'BGM+35+X+9'UNT+9+1'UNZ+1+1'");
        runner.run();
        runner.assertAllFlowFilesTransferred(ReconcileThreePlStock.REL_REVIEW, 1);
        runner.getFlowFilesForRelationship(ReconcileThreePlStock.REL_REVIEW).get(0).assertAttributeEquals("error.segment", "UNT");
    }
}
