package io.nifiecommerce.processors.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.tracking.SharedReference;
import io.nifiecommerce.tracking.SourceFormat;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParseCarrierTrackingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestRunner runner;

    @BeforeEach
    void setUp() throws InitializationException {
        runner = TestRunners.newTestRunner(ParseCarrierTracking.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ParseCarrierTracking.RECORD_WRITER, "writer");
    }

    private static byte[] sample(final String name) throws IOException {
        return Files.readAllBytes(SharedReference.dir().resolve("edi-samples").resolve(name));
    }

    private static byte[] resource(final String name) throws IOException {
        try (InputStream in = ParseCarrierTrackingTest.class.getResourceAsStream("/tracking/" + name)) {
            return in.readAllBytes();
        }
    }

    private JsonNode successRecords(final String format, final int count) throws IOException {
        runner.assertTransferCount(ParseCarrierTracking.REL_SUCCESS, 1);
        runner.assertTransferCount(ParseCarrierTracking.REL_ORIGINAL, 1);
        runner.assertTransferCount(ParseCarrierTracking.REL_FAILURE, 0);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS).getFirst();
        out.assertAttributeEquals("record.count", String.valueOf(count));
        out.assertAttributeEquals("mime.type", "application/json");
        out.assertAttributeEquals("tracking.format", format);
        final JsonNode records = MAPPER.readTree(out.getContent());
        assertEquals(count, records.size());
        return records;
    }

    @Test
    void iftstaIsDetectedAndWrittenAsRecords() throws IOException {
        runner.enqueue(sample("IFTSTA-colissimo-D01B.edi"));
        runner.run();
        final JsonNode records = successRecords("IFTSTA", 2);
        final JsonNode delivered = records.get(0);
        assertEquals("SO-10045", delivered.get("orderReference").asText());
        assertEquals("6A15602676300", delivered.get("trackingNumber").asText());
        assertEquals("colissimo", delivered.get("carrier").asText());
        assertTrue(delivered.get("carrierValid").asBoolean());
        assertEquals("Colissimo", delivered.get("shopifyCarrierName").asText());
        assertEquals("DELIVERED", delivered.get("status").asText());
        assertTrue(delivered.get("statusFinal").asBoolean());
        assertEquals("DELIVERED", delivered.get("shopifyEventStatus").asText());
        assertEquals("21", delivered.get("rawCode").asText());
        assertEquals("2026-03-01T10:12+01:00", delivered.get("eventTime").asText());
        assertEquals("PARIS", delivered.get("location").get("city").asText());
        assertEquals("75015", delivered.get("location").get("postalCode").asText());
        assertEquals("IFTSTA", delivered.get("sourceFormat").asText());
        assertEquals("IN_TRANSIT", records.get(1).get("status").asText());
    }

    @Test
    void x12IsDetected() throws IOException {
        runner.enqueue(sample("X12-214-ups-4010.edi"));
        runner.run();
        final JsonNode records = successRecords("X12_214", 2);
        assertEquals("UPS", records.get(1).get("shopifyCarrierName").asText());
        assertEquals("DELIVERED", records.get(1).get("status").asText());
        assertEquals("FR", records.get(1).get("location").get("country").asText());
    }

    @Test
    void jsonFeedsAreDetected() throws IOException {
        runner.enqueue(resource("laposte-suivi-v2.json"));
        runner.enqueue(resource("gls-track.json"));
        runner.enqueue(resource("dpd-status.json"));
        runner.run(3);
        runner.assertTransferCount(ParseCarrierTracking.REL_SUCCESS, 3);
        runner.assertTransferCount(ParseCarrierTracking.REL_FAILURE, 0);
        final var outputs = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS);
        outputs.get(0).assertAttributeEquals("tracking.format", "LAPOSTE_JSON");
        outputs.get(0).assertAttributeEquals("record.count", "5");
        outputs.get(1).assertAttributeEquals("tracking.format", "GLS_JSON");
        outputs.get(1).assertAttributeEquals("record.count", "5");
        outputs.get(2).assertAttributeEquals("tracking.format", "DPD_JSON");
        outputs.get(2).assertAttributeEquals("record.count", "5");
        assertEquals(15, runner.getCounterValue(ParseCarrierTracking.COUNTER_EVENTS_PARSED));
    }

    @Test
    void everyFeedFormatTheParsersReadCanBeChosen() {
        final Set<String> offered = new HashSet<>();
        ParseCarrierTracking.INPUT_FORMAT.getAllowableValues().forEach(value -> offered.add(value.getValue()));
        for (final SourceFormat format : SourceFormat.values()) {
            assertTrue(offered.contains(format.name()), format + " is not an Input Format");
        }
    }

    /** The third-party answers of the corpus, read with their format chosen, keep the delivery date the carrier announces. */
    @Test
    void chosenFormatsReadTheCorpusAndKeepTheAnnouncedDeliveryDate() throws IOException {
        final Path corpus = Path.of("src", "test", "resources", "corpus", "feeds", "api");
        runner.setProperty(ParseCarrierTracking.INPUT_FORMAT, "DHL_JSON");
        runner.enqueue(Files.readAllBytes(corpus.resolve("karrio-dhl_universal-TrackingResponseJSON.json")));
        runner.run();
        final MockFlowFile dhlFeed = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS).getFirst();
        dhlFeed.assertAttributeEquals("tracking.format", "DHL_JSON");
        final JsonNode dhl = MAPPER.readTree(dhlFeed.getContent());
        assertFalse(dhl.isEmpty());
        dhl.forEach(record -> assertEquals("2018-08-03T00:00Z", record.get("estimatedDeliveryAt").asText()));

        runner.clearTransferState();
        runner.setProperty(ParseCarrierTracking.INPUT_FORMAT, "CHRONOPOST_XML");
        runner.enqueue(Files.readAllBytes(corpus.resolve("karrio-chronopost-TrackingResponse.xml")));
        runner.run();
        final MockFlowFile chronopost = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS).getFirst();
        chronopost.assertAttributeEquals("tracking.format", "CHRONOPOST_XML");
        MAPPER.readTree(chronopost.getContent()).forEach(record -> assertTrue(record.get("estimatedDeliveryAt").isNull()));

        runner.clearTransferState();
        runner.setProperty(ParseCarrierTracking.INPUT_FORMAT, "UPS_JSON");
        // the UPS answer of the corpus with its delivered date turned into a scheduled one
        runner.enqueue(Files.readString(corpus.resolve("karrio-ups-schema-sample.json")).replace("\"DEL\"", "\"SDD\""));
        runner.run();
        final MockFlowFile ups = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS).getFirst();
        ups.assertAttributeEquals("tracking.format", "UPS_JSON");
        final JsonNode upsRecords = MAPPER.readTree(ups.getContent());
        assertFalse(upsRecords.isEmpty());
        upsRecords.forEach(record -> assertEquals("2022-01-26T16:30+01:00", record.get("estimatedDeliveryAt").asText()));
    }

    @Test
    void csvWithMappedColumnsKeepsUnknownNumbers() throws IOException {
        runner.setProperty(ParseCarrierTracking.INPUT_FORMAT, "CSV");
        runner.setProperty(ParseCarrierTracking.CSV_DELIMITER, ";");
        runner.setProperty(ParseCarrierTracking.CSV_TRACKING_NUMBER_COLUMN, "Numero");
        runner.setProperty(ParseCarrierTracking.CSV_STATUS_COLUMN, "Etat");
        runner.setProperty(ParseCarrierTracking.CSV_ORDER_REFERENCE_COLUMN, "Commande");
        runner.setProperty(ParseCarrierTracking.DEFAULT_CARRIER, "Mondial Relay");
        runner.enqueue("Commande;Numero;Etat\nSO-1;6A15602676300;DELIVERED\nSO-2;XYZ;IN_TRANSIT\n".getBytes(StandardCharsets.UTF_8));
        runner.run();
        final JsonNode records = successRecords("CSV", 2);
        assertEquals("colissimo", records.get(0).get("carrier").asText());
        assertTrue(records.get(0).get("carrierValid").asBoolean());
        assertEquals("SO-2", records.get(1).get("orderReference").asText());
        assertEquals("XYZ", records.get(1).get("trackingNumber").asText());
        assertFalse(records.get(1).get("carrierValid").asBoolean());
        assertEquals("mondial_relay", records.get(1).get("carrier").asText());
        assertEquals("Mondial Relay", records.get(1).get("shopifyCarrierName").asText());
    }

    @Test
    void truncatedEdiGoesToFailureWithSegmentAndPosition() throws IOException {
        final String whole = new String(sample("IFTSTA-colissimo-D01B.edi"), StandardCharsets.UTF_8);
        runner.enqueue(whole.substring(0, whole.indexOf("UNT+")));
        runner.run();
        runner.assertAllFlowFilesTransferred(ParseCarrierTracking.REL_FAILURE, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_FAILURE).getFirst();
        failed.assertAttributeEquals("error.code", "EDI_SYNTAX");
        failed.assertAttributeExists("error.message");
        failed.assertAttributeExists("error.segment");
        assertTrue(Integer.parseInt(failed.getAttribute("error.position")) > 0);
        failed.assertContentEquals(whole.substring(0, whole.indexOf("UNT+")));
    }

    @Test
    void unknownJsonAndEmptyContentGoToFailure() {
        runner.enqueue("{\"hello\": 1}");
        runner.enqueue("");
        runner.run(2);
        runner.assertAllFlowFilesTransferred(ParseCarrierTracking.REL_FAILURE, 2);
        final var failed = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_FAILURE);
        failed.get(0).assertAttributeEquals("error.code", "UNRECOGNISED_CONTENT");
        failed.get(1).assertAttributeEquals("error.code", "EMPTY_INPUT");
    }

    @Test
    void overrideFilesChangeCarriersAndStatuses(@TempDir final Path dir) throws IOException {
        final Path carriers = dir.resolve("carriers.json");
        Files.writeString(carriers, """
                {"carriers": [{"id": "acme_courier", "family": "acme", "name": "Acme Courier", "shopifyName": "Acme",
                  "pattern": "ACME(?<SerialNumber>[0-9]{6})", "lengths": [10, 10], "priority": 99,
                  "trackingUrl": "https://track.acme.example/{number}"}]}
                """);
        final Path statuses = dir.resolve("statuses.json");
        Files.writeString(statuses, """
                {"formats": {"CSV": {"LIVRE": "DELIVERED"}, "IFTSTA": {"31": "DELAYED"}}}
                """);
        runner.setProperty(ParseCarrierTracking.CARRIER_DEFINITIONS_FILE, carriers.toString());
        runner.setProperty(ParseCarrierTracking.STATUS_MAPPING_FILE, statuses.toString());
        runner.enqueue("tracking_number,status\nACME123456,livre\n");
        runner.enqueue(sample("IFTSTA-colissimo-D01B.edi"));
        runner.run(2);
        runner.assertTransferCount(ParseCarrierTracking.REL_SUCCESS, 2);
        final var outputs = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS);
        final JsonNode csv = MAPPER.readTree(outputs.get(0).getContent()).get(0);
        assertEquals("acme", csv.get("carrier").asText());
        assertEquals("Acme", csv.get("shopifyCarrierName").asText());
        assertEquals("https://track.acme.example/ACME123456", csv.get("trackingUrl").asText());
        assertEquals("DELIVERED", csv.get("status").asText());
        assertEquals("DELAYED", MAPPER.readTree(outputs.get(1).getContent()).get(1).get("status").asText());
    }

    @Test
    void invalidOverrideFileMakesTheProcessorInvalid(@TempDir final Path dir) throws IOException {
        final Path carriers = dir.resolve("carriers.json");
        Files.writeString(carriers, "{\"carriers\": [{\"id\": \"x\", \"pattern\": \"(unclosed\"}]}");
        runner.setProperty(ParseCarrierTracking.CARRIER_DEFINITIONS_FILE, carriers.toString());
        runner.assertNotValid();
    }
}
