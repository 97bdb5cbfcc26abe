package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.edi.EdiStockReader;
import io.nifiecommerce.edi.EdiSyntaxException;
import io.nifiecommerce.edi.StockReadOptions;
import io.nifiecommerce.edi.StockRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every feed of the third-party corpus ({@code src/test/resources/corpus}, provenance and licences in its
 * {@code manifest.json}) goes through format detection and its parser as ParseCarrierTracking runs them (stock
 * files through the EDI stock reader): it parses with the events, numbers and first event time the manifest
 * states, every event has a trimmed tracking number, a status that is not UNKNOWN unless its code is an
 * undocumented partner code, and a time with an offset; a truly broken file fails with the stated reason; a
 * format without a parser is refused with the reason. No corpus file may be left out of the manifest.
 */
class TrackingCorpusTest {

    static final Path CORPUS = Path.of("src", "test", "resources", "corpus");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode manifest() throws IOException {
        return MAPPER.readTree(CORPUS.resolve("manifest.json").toFile());
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFeedBehavesAsTheManifestSays() throws IOException {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final JsonNode entry : manifest().get("files")) {
            tests.add(DynamicTest.dynamicTest(entry.get("file").asText(), () -> check(entry)));
        }
        return tests.stream();
    }

    @Test
    void everyCorpusFileIsInTheManifestWithItsSourceAndLicence() throws IOException {
        final JsonNode manifest = manifest();
        final Set<String> listed = new HashSet<>();
        for (final String section : List.of("files", "code_lists")) {
            for (final JsonNode entry : manifest.get(section)) {
                final String file = entry.get("file").asText();
                assertTrue(listed.add(file), "listed twice: " + file);
                assertTrue(Files.isRegularFile(CORPUS.resolve(file)), "missing corpus file " + file);
                for (final String field : List.of("what", "source_repository", "source_path", "licence", "licence_file")) {
                    assertFalse(entry.path(field).asText("").isBlank(), file + " has no " + field);
                }
                assertTrue(entry.path("source_commit").asText("").matches("[0-9a-f]{40}"), file + ": source_commit is not a commit id");
                assertTrue(Files.isRegularFile(CORPUS.resolve(entry.get("licence_file").asText())), file + ": licence file missing");
            }
        }
        try (Stream<Path> files = Files.walk(CORPUS.resolve("feeds"))) {
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                final String relative = CORPUS.relativize(file).toString().replace('\\', '/');
                assertTrue(listed.contains(relative), relative + " is in the corpus but not in manifest.json");
            }
        }
    }

    @Test
    void corpusIsBroad() throws IOException {
        final JsonNode files = manifest().get("files");
        int parsed = 0;
        final Set<String> formats = new HashSet<>();
        for (final JsonNode entry : files) {
            if (!"unsupported".equals(entry.get("expect").asText())) {
                parsed++;
                formats.add(entry.path("format").asText());
            }
        }
        assertTrue(files.size() >= 30, "at least 30 third-party feeds, got " + files.size());
        assertTrue(formats.containsAll(Set.of("IFTSTA", "X12_214", "X12_846", "LAPOSTE_JSON", "GLS_JSON")), "formats covered: " + formats);
        assertTrue(parsed >= 10, "feeds actually parsed: " + parsed);
    }

    private static void check(final JsonNode entry) throws Exception {
        final byte[] content = Files.readAllBytes(CORPUS.resolve(entry.get("file").asText()));
        final ZoneId zone = ZoneId.of(entry.path("zone").asText("Europe/Paris"));
        if ("stock".equals(entry.get("kind").asText())) {
            checkStock(entry, content);
            return;
        }
        final TrackingEventAssembler assembler = new TrackingEventAssembler(CarrierRegistry.builtIn(), StatusMapping.builtIn(), null);
        final List<TrackingEvent> events = new ArrayList<>();
        TrackingFeedException failure = null;
        SourceFormat format = null;
        try {
            format = FeedFormatDetector.detect(new BufferedInputStream(new ByteArrayInputStream(content)));
            final SourceFormat detected = format;
            FeedFormatDetector.parserFor(format, zone, null).parse(new ByteArrayInputStream(content),
                    raw -> events.add(assembler.assemble(detected, raw)));
        } catch (final TrackingFeedException e) {
            failure = e;
        }
        final String expect = entry.get("expect").asText();
        if ("parse".equals(expect)) {
            if (failure != null) {
                fail("expected to parse, failed with " + failure.getErrorCode() + ": " + failure.getMessage());
            }
        } else {
            assertNotNull(failure, "expected to fail with " + entry.path("error_code").asText() + " but parsed " + events.size() + " events");
            assertEquals(entry.get("error_code").asText(), failure.getErrorCode(), failure.getMessage());
            assertTrue(failure.getMessage().contains(entry.get("error_contains").asText()),
                    "the reason should say [" + entry.get("error_contains").asText() + "]: " + failure.getMessage());
        }
        if (entry.hasNonNull("format") && format != null && !"unsupported".equals(expect)) {
            assertEquals(entry.get("format").asText(), format.name(), "detected format");
        }
        assertEquals(entry.get("events").asInt(), events.size(), "events written");
        final Set<String> undocumented = new HashSet<>();
        entry.path("undocumented_codes").forEach(code -> undocumented.add(code.asText()));
        final Set<String> numbers = new LinkedHashSet<>();
        for (final TrackingEvent event : events) {
            final String number = event.trackingNumber();
            assertNotNull(number, "event without a tracking number: " + event);
            assertFalse(number.isBlank(), "blank tracking number: " + event);
            assertEquals(number.strip(), number, "untrimmed tracking number");
            numbers.add(number);
            if (!undocumented.contains(event.rawCode())) {
                assertNotEquals(TrackingStatus.UNKNOWN, event.status(), "documented code " + event.rawCode() + " left UNKNOWN");
            }
            assertNotNull(event.eventTime(), "event without a time: " + event);
            if (event.rawLabel() != null) {
                assertEquals(event.rawLabel().strip(), event.rawLabel(), "untrimmed label");
            }
        }
        assertEquals(texts(entry.path("numbers")), List.copyOf(numbers), "tracking numbers");
        if (entry.hasNonNull("first_event_time")) {
            assertEquals(entry.get("first_event_time").asText(), events.getFirst().eventTime().toString(), "first event time and offset");
        }
    }

    private static void checkStock(final JsonNode entry, final byte[] content) {
        final JsonNode options = entry.path("options");
        final StockReadOptions stockOptions = StockReadOptions.defaults()
                .withSkuQualifiers(Set.copyOf(texts(options.path("sku"))))
                .withQuantityQualifiers(Set.copyOf(texts(options.path("quantity"))));
        final List<StockRecord> records = new ArrayList<>();
        EdiSyntaxException failure = null;
        try (InputStream in = new ByteArrayInputStream(content)) {
            EdiStockReader.read(in, stockOptions, records::add);
        } catch (final EdiSyntaxException e) {
            failure = e;
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
        if ("parse".equals(entry.get("expect").asText())) {
            if (failure != null) {
                fail("expected to parse, failed with " + failure.getMessage());
            }
        } else {
            assertNotNull(failure, "expected to fail");
            assertTrue(failure.getMessage().contains(entry.get("error_contains").asText()), failure.getMessage());
        }
        assertEquals(entry.get("events").asInt(), records.size(), "stock records written");
        final List<String> skus = new ArrayList<>();
        for (final StockRecord record : records) {
            assertNotNull(record.sku(), "record without SKU: " + record);
            assertEquals(record.sku().strip(), record.sku(), "untrimmed SKU");
            skus.add(record.sku());
        }
        assertEquals(texts(entry.path("numbers")), skus, "SKUs");
    }

    static List<String> texts(final JsonNode array) {
        final List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void everyX12ShipmentStatusCodeMapsToACanonicalStatus() throws IOException {
        final StatusMapping mapping = StatusMapping.builtIn();
        final List<String> lines = new ArrayList<>(Files.readAllLines(CORPUS.resolve("code-lists/x12-1650-shipment-status-indicator.tsv"), StandardCharsets.UTF_8));
        assertEquals(70, lines.size(), "the 005010 list has 70 codes");
        final List<String> v4010 = Files.readAllLines(CORPUS.resolve("code-lists/x12-1650-004010-stupidedi.tsv"), StandardCharsets.UTF_8);
        assertEquals(43, v4010.size(), "the 004010 list has 43 codes");
        lines.addAll(v4010);
        for (final String line : lines) {
            final String code = line.substring(0, line.indexOf('\t'));
            assertNotEquals(TrackingStatus.UNKNOWN, mapping.map(SourceFormat.X12_214, code), "AT701 " + line);
        }
        // spot checks against the names of the list
        assertEquals(TrackingStatus.DELIVERED, mapping.map(SourceFormat.X12_214, "D1"));
        assertEquals(TrackingStatus.ATTEMPT_FAILED, mapping.map(SourceFormat.X12_214, "AH"));
        assertEquals(TrackingStatus.AVAILABLE_FOR_PICKUP, mapping.map(SourceFormat.X12_214, "AW"));
        assertEquals(TrackingStatus.RETURNED_TO_SENDER, mapping.map(SourceFormat.X12_214, "A3"));
        assertEquals(TrackingStatus.DELAYED, mapping.map(SourceFormat.X12_214, "PR"));
    }

    /**
     * The IFTSTA table maps the consignment events of UN/CEFACT Recommendation 24 (the STS event codes): every code
     * it maps is in the list, and the mapping agrees with the names the list gives the codes.
     */
    @Test
    void theIftstaTableMapsTheConsignmentEventsOfRecommendation24() throws IOException {
        final Map<String, String> names = new HashMap<>();
        try (var parser = com.fasterxml.jackson.dataformat.csv.CsvMapper.builder().build()
                .readerFor(Map.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(CORPUS.resolve("code-lists/unece-rec24-trade-and-transport-status-codes.csv").toFile())) {
            parser.forEachRemaining(row -> names.put(row.get("Code").trim(), row.get("Name").trim()));
        }
        assertEquals(345, names.size());
        final Map<String, String> table = new HashMap<>();
        try (InputStream in = StatusMapping.class.getResourceAsStream("status-mappings.json")) {
            MAPPER.readTree(in).path("formats").path("IFTSTA").properties().forEach(entry -> table.put(entry.getKey(), entry.getValue().asText()));
        }
        assertTrue(table.size() >= 90, "IFTSTA codes mapped: " + table.size());
        for (final Map.Entry<String, String> entry : table.entrySet()) {
            final String code = entry.getKey();
            if (code.equals("56")) {
                continue; // kept from earlier tables, withdrawn from Rec 24 v9.0.0
            }
            final String name = names.get(code);
            assertNotNull(name, "IFTSTA code " + code + " is not in Recommendation 24");
            final TrackingStatus status = TrackingStatus.valueOf(entry.getValue());
            final String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("delivery, completed")) {
                assertEquals(TrackingStatus.DELIVERED, status, code + " " + name);
            }
            if (lower.startsWith("delayed") || lower.startsWith("delivery delayed") || lower.startsWith("delivery, postponed")) {
                assertEquals(TrackingStatus.DELAYED, status, code + " " + name);
            }
            if (lower.contains("refused") || lower.contains("not completed") || lower.contains("impossible")
                    || lower.contains("damaged") || lower.contains("lost") || lower.contains("missing")) {
                assertFalse(status == TrackingStatus.DELIVERED || status == TrackingStatus.IN_TRANSIT, code + " " + name + " -> " + status);
            }
            if (lower.startsWith("returned")) {
                assertEquals(TrackingStatus.RETURNED_TO_SENDER, status, code + " " + name);
            }
        }
        final StatusMapping mapping = StatusMapping.builtIn();
        assertEquals(TrackingStatus.PICKED_UP, mapping.map(SourceFormat.IFTSTA, "13"));
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, mapping.map(SourceFormat.IFTSTA, "113"));
        assertEquals(TrackingStatus.ATTEMPT_FAILED, mapping.map(SourceFormat.IFTSTA, "269"));
        assertEquals(TrackingStatus.AVAILABLE_FOR_PICKUP, mapping.map(SourceFormat.IFTSTA, "112"));
        // vessel operations are no parcel event
        assertEquals(TrackingStatus.UNKNOWN, mapping.map(SourceFormat.IFTSTA, "179"));
    }

    @Test
    void everyUpsStatusCodeMapsToACanonicalStatus() throws IOException {
        final StatusMapping mapping = StatusMapping.builtIn();
        final List<String> lines = Files.readAllLines(CORPUS.resolve("code-lists/ups-status-description-codes.tsv"), StandardCharsets.UTF_8);
        assertEquals(160, lines.size());
        // no canonical status says "no information"
        final Set<String> noStatus = Set.of("0", "88", "148", "163");
        for (final String line : lines) {
            final String code = line.substring(0, line.indexOf('\t'));
            final TrackingStatus status = mapping.map(SourceFormat.UPS_JSON, code);
            assertEquals(noStatus.contains(code), status == TrackingStatus.UNKNOWN, "UPS " + line + " -> " + status);
        }
        assertEquals(TrackingStatus.DELIVERED, mapping.map(SourceFormat.UPS_JSON, "11"));
        assertEquals(TrackingStatus.OUT_FOR_DELIVERY, mapping.map(SourceFormat.UPS_JSON, "21"));
        assertEquals(TrackingStatus.ATTEMPT_FAILED, mapping.map(SourceFormat.UPS_JSON, "22"));
        assertEquals(TrackingStatus.AVAILABLE_FOR_PICKUP, mapping.map(SourceFormat.UPS_JSON, "40"));
        assertEquals(TrackingStatus.RETURNED_TO_SENDER, mapping.map(SourceFormat.UPS_JSON, "34"));
    }

    @Test
    void aPaddedIndentedBomPrefixedCopyOfARealFeedReadsTheSame() throws Exception {
        // the EDI.Net 214 as a Windows tool with fixed-width fields would write it
        final String original = Files.readString(CORPUS.resolve("feeds/edi/edinet-214-MGCTLYST-SAMPLE.edi"), StandardCharsets.UTF_8);
        final String variant = "\uFEFF" + original.replace("~\n", "~\r\n  ").replace("B10*1751807*", "B10*  1751807  *")
                .replace("MS1*BRATTLEBORO*", "MS1* BRATTLEBORO *");
        final List<TrackingEvent> expected = parse(original.getBytes(StandardCharsets.UTF_8), ZoneId.of("America/New_York"));
        final List<TrackingEvent> actual = parse(variant.getBytes(StandardCharsets.UTF_8), ZoneId.of("America/New_York"));
        assertEquals(1, expected.size());
        assertEquals(expected, actual);
    }

    @Test
    void anyEdifactDirectoryIsAccepted() throws Exception {
        final String original = Files.readString(CORPUS.resolve("feeds/edi/edifunct-IFTSTA_example.edi"), StandardCharsets.UTF_8)
                .replace("UNT+18+45689", "UNT+39+45689");
        for (final String directory : List.of("96A", "01B", "10B", "21B", "99Z")) {
            final List<TrackingEvent> events = parse(original.replace("IFTSTA:D:10B:UN", "IFTSTA:D:" + directory + ":UN")
                    .getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris"));
            assertEquals(1, events.size(), directory);
            assertEquals("7481947187", events.getFirst().trackingNumber(), directory);
        }
    }

    @Test
    void anEdifactFeedWithBomCrLfAndIndentationReadsTheSame() throws Exception {
        final String original = Files.readString(CORPUS.resolve("feeds/edi/edifunct-IFTSTA_example.edi"), StandardCharsets.UTF_8)
                .replace("UNT+18+45689", "UNT+39+45689");
        final String variant = "\uFEFF\r\n" + original.replace("'\n", "'\r\n    ").replace("RFF+AAS:7481947187'", "RFF+AAS:  7481947187  '");
        assertEquals(parse(original.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")),
                parse(variant.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")));
    }

    @Test
    void x12VersionsFrom004010To008010AndOtherDelimitersAreRead() throws Exception {
        final String original = Files.readString(CORPUS.resolve("feeds/edi/edinet-214-MGCTLYST-SAMPLE.edi"), StandardCharsets.UTF_8);
        final List<TrackingEvent> expected = parse(original.getBytes(StandardCharsets.UTF_8), ZoneId.of("America/New_York"));
        for (final String version : List.of("00401", "00403", "00501", "00601", "00701", "00801")) {
            // from 00501 on ISA11 is the repetition separator
            final String repetition = version.compareTo("00501") >= 0 ? "^" : "U";
            final String versioned = original.replace("*U*00403*", "*" + repetition + "*" + version + "*").replace("*X*004030~", "*X*" + version + "0~");
            assertEquals(expected, parse(versioned.getBytes(StandardCharsets.UTF_8), ZoneId.of("America/New_York")), version);
            // element separator |, component separator : (ISA16), segment terminator a line break
            final String delimited = versioned.replace('*', '|').replace("|>~", "|:~").replace("~\n", "\n");
            assertEquals(expected, parse(delimited.getBytes(StandardCharsets.UTF_8), ZoneId.of("America/New_York")), version + " with | and line breaks");
        }
    }

    @Test
    void theCarriersReferenceOfTheConsignmentBeatsAWaybillOfTheStatus() throws Exception {
        final String original = Files.readString(CORPUS.resolve("feeds/edi/edifunct-IFTSTA_example.edi"), StandardCharsets.UTF_8)
                .replace("UNT+18+45689", "UNT+40+45689").replace("CNI+1+DSVS41599'\n", "CNI+1+DSVS41599'\nRFF+CN:6A15602676300'\n");
        final List<TrackingEvent> events = parse(original.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris"));
        assertEquals("6A15602676300", events.getFirst().trackingNumber());
        assertEquals("colissimo", events.getFirst().carrier());
    }

    @Test
    void aFourteenDigitNumberIsResolvedByTheSenderOfTheInterchange() throws Exception {
        final String dsv = Files.readString(CORPUS.resolve("feeds/edi/edifunct-IFTSTA_example.edi"), StandardCharsets.UTF_8)
                .replace("UNT+18+45689", "UNT+40+45689").replace("CNI+1+DSVS41599'\n", "CNI+1+DSVS41599'\nRFF+CN:89108749065090'\n");
        // sent by a forwarder that is none of our carriers: the number stays ambiguous
        final TrackingEvent fromDsv = parse(dsv.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")).getFirst();
        assertEquals(null, fromDsv.carrier());
        assertTrue(fromDsv.carrierCandidates().contains("chronopost") && fromDsv.carrierCandidates().contains("dpd"), fromDsv.carrierCandidates());
        // the same interchange sent by Chronopost
        final String chronopost = dsv.replace("UNB+UNOC:4+5790000110018:14+", "UNB+UNOC:4+CHRONOPOST:ZZZ+");
        final TrackingEvent fromChronopost = parse(chronopost.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")).getFirst();
        assertEquals("chronopost", fromChronopost.carrier());
        assertTrue(fromChronopost.carrierValid());
        assertEquals(null, fromChronopost.carrierCandidates());
    }

    @Test
    void aFourteenDigitNumberInAnX12StatusIsResolvedByItsScacOrTheInterchangeSender() throws Exception {
        // a DPD France parcel number of the corpus (numbers.csv) in the 214 of the corpus, without a SCAC
        final String forwarder = Files.readString(CORPUS.resolve("feeds/edi/edinet-214-MGCTLYST-SAMPLE.edi"), StandardCharsets.UTF_8)
                .replace("B10*1751807*75027674*SCAC~", "B10*10774000248377*75027674~");
        final TrackingEvent fromForwarder = parse(forwarder.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")).getFirst();
        assertEquals(null, fromForwarder.carrier());
        assertFalse(fromForwarder.carrierValid());
        assertTrue(fromForwarder.carrierCandidates().contains("dpd") && fromForwarder.carrierCandidates().contains("chronopost"),
                fromForwarder.carrierCandidates());
        // sent by DPD (ISA06, padded to 15 characters, its legal name)
        final String fromDpd = forwarder.replace("*02*SCAC           *", "*ZZ*DPD FRANCE SAS *");
        final TrackingEvent bySender = parse(fromDpd.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")).getFirst();
        assertEquals("dpd", bySender.carrier());
        assertTrue(bySender.carrierValid());
        assertEquals(null, bySender.carrierCandidates());
        // the SCAC of the shipment names the carrier, whoever sent the interchange
        final String withScac = forwarder.replace("B10*10774000248377*75027674~", "B10*10774000248377*75027674*CHRONOPOST~");
        assertEquals("chronopost", parse(withScac.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris")).getFirst().carrier());
    }

    @Test
    void theDeliveryDateTheCarrierAnnouncesIsKeptOnEveryEventOfItsParcel() throws Exception {
        final List<TrackingEvent> laPoste = parse(Files.readAllBytes(CORPUS.resolve("feeds/api/karrio-laposte-TrackingResponse.json")), ZoneId.of("Europe/Paris"));
        assertEquals(9, laPoste.size());
        laPoste.forEach(event -> assertEquals(java.time.OffsetDateTime.parse("2023-03-09T09:38+01:00"), event.estimatedDeliveryAt()));
        final List<TrackingEvent> dhl = parse(Files.readAllBytes(CORPUS.resolve("feeds/api/karrio-dhl_universal-TrackingResponseJSON.json")), ZoneId.of("Europe/Paris"));
        assertFalse(dhl.isEmpty());
        dhl.forEach(event -> assertEquals(java.time.OffsetDateTime.parse("2018-08-03T00:00Z"), event.estimatedDeliveryAt()));
        // the window's end when DHL gives only a window
        final String windowOnly = Files.readString(CORPUS.resolve("feeds/api/karrio-dhl_universal-TrackingResponseJSON.json"), StandardCharsets.UTF_8)
                .replace("\"estimatedTimeOfDelivery\"", "\"estimatedTimeOfDeliveryWas\"");
        parse(windowOnly.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris"))
                .forEach(event -> assertEquals(java.time.OffsetDateTime.parse("2018-08-03T22:00Z"), event.estimatedDeliveryAt()));
        // a delivered UPS package announces nothing: DEL is the delivery date, no estimate
        parse(Files.readAllBytes(CORPUS.resolve("feeds/api/karrio-ups-schema-sample.json")), ZoneId.of("Europe/Paris"))
                .forEach(event -> assertEquals(null, event.estimatedDeliveryAt()));
        // an estimate that cannot be read is left out, the events stay
        final String unreadable = Files.readString(CORPUS.resolve("feeds/api/karrio-laposte-TrackingResponse.json"), StandardCharsets.UTF_8)
                .replace("\"estimDate\": \"2023-03-09T09:38:00+01:00\"", "\"estimDate\": \"prochainement\"");
        final List<TrackingEvent> withoutEstimate = parse(unreadable.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Paris"));
        assertEquals(9, withoutEstimate.size());
        withoutEstimate.forEach(event -> assertEquals(null, event.estimatedDeliveryAt()));
        // an X12 214 status AG (Estimated Delivery) dates the estimate
        final String estimate = Files.readString(CORPUS.resolve("feeds/edi/edinet-214-MGCTLYST-SAMPLE.edi"), StandardCharsets.UTF_8)
                .replace("AT7*D1*NS***20160726*1230*LT~", "AT7*AG*NS***20160728*1700*LT~");
        final TrackingEvent announced = parse(estimate.getBytes(StandardCharsets.UTF_8), ZoneId.of("America/New_York")).getFirst();
        assertEquals(TrackingStatus.IN_TRANSIT, announced.status());
        assertEquals(java.time.OffsetDateTime.parse("2016-07-28T17:00-04:00"), announced.estimatedDeliveryAt());
        // the GLS answer has no delivery date field
        parse(Files.readAllBytes(CORPUS.resolve("feeds/api/karrio-gls-TrackingResponse.json")), ZoneId.of("Europe/Paris"))
                .forEach(event -> assertEquals(null, event.estimatedDeliveryAt()));
    }

    static List<TrackingEvent> parse(final byte[] content, final ZoneId zone) throws Exception {
        final TrackingEventAssembler assembler = new TrackingEventAssembler(CarrierRegistry.builtIn(), StatusMapping.builtIn(), null);
        final SourceFormat format = FeedFormatDetector.detect(new BufferedInputStream(new ByteArrayInputStream(content)));
        final List<TrackingEvent> events = new ArrayList<>();
        FeedFormatDetector.parserFor(format, zone, null).parse(new ByteArrayInputStream(content), raw -> events.add(assembler.assemble(format, raw)));
        return events;
    }
}
