package io.nifiecommerce.processors.tracking;

import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A French carrier's back-office export as it arrives (Windows-1252, {@code ;}, day-first dates, CRLF, trailing empty
 * columns), read by the processor with only the column names set: the delimiter left at its default.
 */
class ParseCarrierTrackingFrenchCsvTest {

    @Test
    void windows1252SemicolonExportWithTheDefaultDelimiter() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ParseCarrierTracking.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ParseCarrierTracking.RECORD_WRITER, "writer");
        runner.setProperty(ParseCarrierTracking.CSV_TRACKING_NUMBER_COLUMN, "N° de colis");
        runner.setProperty(ParseCarrierTracking.CSV_STATUS_COLUMN, "Statut");
        runner.setProperty(ParseCarrierTracking.CSV_STATUS_LABEL_COLUMN, "Libellé");
        runner.setProperty(ParseCarrierTracking.CSV_EVENT_TIME_COLUMN, "Date");
        runner.enqueue(("N° de colis;Date;Statut;Libellé;;\r\n"
                + "6A15602676300;06/12/2026 14:35;DELIVERED;Votre colis est livré;;\r\n").getBytes(Charset.forName("windows-1252")));
        runner.run();
        runner.assertTransferCount(ParseCarrierTracking.REL_SUCCESS, 1);
        runner.assertTransferCount(ParseCarrierTracking.REL_ORIGINAL, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS).getFirst();
        out.assertAttributeEquals("record.count", "1");
        final String json = out.getContent();
        assertTrue(json.contains("Votre colis est livré"), json);
        assertTrue(json.contains("\"eventTime\":\"2026-12-06T14:35+01:00\""), json);
        assertTrue(json.contains("\"carrier\":\"colissimo\""), json);
    }
}
