package io.nifiecommerce.processors.edi;

import io.nifiecommerce.tracking.SharedReference;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadShipmentConfirmationEdiTest {

    static final String DESADV = """
            UNB+UNOC:3+5490000000017:14+5412345000013:14+261207:1015+DN7001++++1'
            UNH+1+DESADV:D:96A:UN:EAN005'
            BGM+351+DN-7001+9'
            DTM+11:20261207:102'
            RFF+ON:S-ORD101001'
            TDT+20++30++GLS:172:9:GLS'
            RFF+CN:ZK4XWJ6Q'
            CPS+1'
            PAC+1++201'
            GIN+BJ+354123450000000014'
            LIN+10000++5412345000020:EN'
            PIA+5+1896-S:SA'
            QTY+12:1'
            GIN+BX+LOT-A1'
            UNT+14+1'
            UNZ+1+DN7001'
            """;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        final ReadShipmentConfirmationEdi processor = new ReadShipmentConfirmationEdi();
        processor.setClock(Clock.fixed(Instant.parse("2026-12-07T10:20:00Z"), ZoneOffset.UTC));
        runner = TestRunners.newTestRunner(processor);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ReadShipmentConfirmationEdi.RECORD_WRITER, "writer");
    }

    @Test
    void linesBecomeRecordsAndTheRequestedContrlIsWritten() {
        runner.enqueue(DESADV);
        runner.run();
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_SUCCESS, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ORIGINAL, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ACKNOWLEDGMENT, 1);
        final MockFlowFile records = runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_SUCCESS).get(0);
        records.assertAttributeEquals("record.count", "1");
        final String json = records.getContent();
        assertTrue(json.contains("\"orderNumber\":\"S-ORD101001\""), json);
        assertTrue(json.contains("\"trackingNumber\":\"ZK4XWJ6Q\""), json);
        assertTrue(json.contains("\"sscc\":\"354123450000000014\""), json);
        assertTrue(json.contains("\"lot\":\"LOT-A1\""), json);
        final MockFlowFile ack = runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_ACKNOWLEDGMENT).get(0);
        ack.assertAttributeEquals("edi.acknowledged.reference", "DN7001");
        assertTrue(ack.getContent().contains("UCI+DN7001+5490000000017:14+5412345000013:14+7'"), ack.getContent());
    }

    @Test
    void aMalformedFileGoesToReviewWithTheSegmentAndPosition() {
        runner.enqueue(DESADV.replace("UNT+14+1", "UNT+13+1"));
        runner.run();
        runner.assertAllFlowFilesTransferred(ReadShipmentConfirmationEdi.REL_REVIEW, 1);
        final MockFlowFile review = runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_REVIEW).get(0);
        review.assertAttributeEquals("error.code", "EDI_SYNTAX");
        review.assertAttributeEquals("error.segment", "UNT");
        review.assertAttributeEquals("error.position", "15");
        review.assertContentEquals(DESADV.replace("UNT+14+1", "UNT+13+1"));
    }

    @Test
    void thirdPartySamplesOneReadOneToReview() throws Exception {
        runner.setProperty(AcknowledgmentOption.PROPERTY, "ALWAYS");
        runner.enqueue(Files.readAllBytes(SharedReference.dir().resolve("edi-exchange-samples/edi2json/desadv-d96a-ean005.edi")));
        runner.enqueue(Files.readAllBytes(SharedReference.dir().resolve("edi-exchange-samples/x12-types/945-4010-serialized.edi")));
        runner.run(2);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_SUCCESS, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ACKNOWLEDGMENT, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_REVIEW, 1);
        runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_REVIEW).get(0).assertAttributeEquals("error.segment", "SE");
    }

    @Test
    void somethingElseThanAConfirmationGoesToReview() {
        runner.enqueue("UNB+UNOC:3+A:14+B:14+261207:1015+1'\nUNH+1+INVRPT:D:96A:UN'\nBGM+35+X+9'\nUNT+3+1'\nUNZ+1+1'\n");
        runner.run();
        runner.assertAllFlowFilesTransferred(ReadShipmentConfirmationEdi.REL_REVIEW, 1);
        runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_REVIEW).get(0).assertAttributeEquals("error.code", "NO_CONFIRMATION");
    }
}
