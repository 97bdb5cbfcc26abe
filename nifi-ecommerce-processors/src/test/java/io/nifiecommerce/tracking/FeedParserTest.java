package io.nifiecommerce.tracking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedParserTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final TrackingEventAssembler assembler = new TrackingEventAssembler(CarrierRegistry.builtIn(), StatusMapping.builtIn(), null);

    static byte[] sample(final String name) throws IOException {
        return Files.readAllBytes(SharedReference.dir().resolve("edi-samples").resolve(name));
    }

    static byte[] resource(final String name) throws IOException {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/tracking/" + name)) {
            return in.readAllBytes();
        }
    }

    private List<TrackingEvent> parse(final byte[] content) throws Exception {
        final SourceFormat format = FeedFormatDetector.detect(new java.io.BufferedInputStream(new ByteArrayInputStream(content)));
        final List<TrackingEvent> events = new ArrayList<>();
        FeedFormatDetector.parserFor(format, PARIS, new CsvColumnMapping("tracking_number", "status", "status_label", "event_time",
                        "order_reference", "carrier", "city", "postal_code", "country", ';'))
                .parse(new ByteArrayInputStream(content), raw -> events.add(assembler.assemble(format, raw)));
        return events;
    }

    @Test
    void iftstaSampleGivesOneEventPerStatus() throws Exception {
        final List<TrackingEvent> events = parse(sample("IFTSTA-colissimo-D01B.edi"));
        assertEquals(2, events.size());
        final TrackingEvent delivered = events.get(0);
        assertEquals("SO-10045", delivered.orderReference());
        assertEquals("6A15602676300", delivered.trackingNumber());
        assertEquals("colissimo", delivered.carrier());
        assertTrue(delivered.carrierValid());
        assertEquals("Colissimo", delivered.shopifyCarrierName());
        assertEquals("https://www.laposte.fr/outils/suivre-vos-envois?code=6A15602676300", delivered.trackingUrl());
        assertEquals(TrackingStatus.DELIVERED, delivered.status());
        assertTrue(delivered.statusFinal());
        assertEquals("DELIVERED", delivered.shopifyEventStatus());
        assertEquals("21", delivered.rawCode());
        assertEquals("Votre colis est livre", delivered.rawLabel());
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+01:00"), delivered.eventTime());
        assertEquals(new TrackingLocation("PARIS", "75015", null), delivered.location());
        assertEquals(SourceFormat.IFTSTA, delivered.sourceFormat());

        final TrackingEvent enRoute = events.get(1);
        assertEquals("SO-10046", enRoute.orderReference(), "CNI document number when no RFF+CU");
        assertEquals("6A15602683841", enRoute.trackingNumber());
        assertTrue(enRoute.carrierValid());
        assertEquals(TrackingStatus.IN_TRANSIT, enRoute.status());
        assertFalse(enRoute.statusFinal());
        assertEquals(OffsetDateTime.parse("2026-03-01T09:30:00+01:00"), enRoute.eventTime());
    }

    @Test
    void x12SampleGivesOneEventPerAt7() throws Exception {
        final List<TrackingEvent> events = parse(sample("X12-214-ups-4010.edi"));
        assertEquals(2, events.size());
        final TrackingEvent arrived = events.get(0);
        assertEquals("SO-10045", arrived.orderReference());
        assertEquals("1Z5R89390357567127", arrived.trackingNumber());
        assertEquals("ups", arrived.carrier());
        assertEquals("UPS", arrived.shopifyCarrierName());
        assertTrue(arrived.carrierValid());
        assertEquals("X1", arrived.rawCode());
        assertEquals(TrackingStatus.IN_TRANSIT, arrived.status());
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+01:00"), arrived.eventTime());
        assertEquals(new TrackingLocation("PARIS", null, "FR"), arrived.location());
        final TrackingEvent delivered = events.get(1);
        assertEquals("D1", delivered.rawCode());
        assertEquals(TrackingStatus.DELIVERED, delivered.status());
        assertEquals(OffsetDateTime.parse("2026-03-01T10:15:00+01:00"), delivered.eventTime());
        assertEquals(SourceFormat.X12_214, delivered.sourceFormat());
    }

    @Test
    void laPosteSuiviGivesEveryEvent() throws Exception {
        final List<TrackingEvent> events = parse(resource("laposte-suivi-v2.json"));
        assertEquals(List.of("DI1", "MD2", "ET1", "PC1", "DR1"), events.stream().map(TrackingEvent::rawCode).toList());
        assertEquals(List.of(TrackingStatus.DELIVERED, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.IN_TRANSIT,
                TrackingStatus.PICKED_UP, TrackingStatus.PENDING), events.stream().map(TrackingEvent::status).toList());
        final TrackingEvent first = events.getFirst();
        assertEquals("6A15602676300", first.trackingNumber());
        assertEquals("Colissimo", first.shopifyCarrierName());
        assertTrue(first.carrierValid());
        assertNull(first.orderReference());
        assertEquals("Votre colis est livré.", first.rawLabel());
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+01:00"), first.eventTime());
        assertEquals(SourceFormat.LAPOSTE_JSON, first.sourceFormat());
    }

    @Test
    void glsTrackGivesEventsAndStatusOnlyParcels() throws Exception {
        final List<TrackingEvent> events = parse(resource("gls-track.json"));
        assertEquals(5, events.size());
        assertEquals(List.of(TrackingStatus.PENDING, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY,
                TrackingStatus.DELIVERED, TrackingStatus.ATTEMPT_FAILED), events.stream().map(TrackingEvent::status).toList());
        final TrackingEvent delivered = events.get(3);
        assertEquals("SO-10047", delivered.orderReference());
        assertEquals("123456789011", delivered.trackingNumber());
        assertEquals("gls", delivered.carrier());
        assertTrue(delivered.carrierValid());
        assertEquals(new TrackingLocation("Paris", "75011", "FR"), delivered.location());
        final TrackingEvent statusOnly = events.get(4);
        assertEquals("SO-10048", statusOnly.orderReference());
        assertEquals("123456789028", statusOnly.trackingNumber());
        assertEquals(OffsetDateTime.parse("2026-03-02T12:10:00+01:00"), statusOnly.eventTime());
    }

    @Test
    void dpdStatusGivesLifecycle() throws Exception {
        final List<TrackingEvent> events = parse(resource("dpd-status.json"));
        assertEquals(List.of(TrackingStatus.PENDING, TrackingStatus.PICKED_UP, TrackingStatus.IN_TRANSIT,
                TrackingStatus.ATTEMPT_FAILED, TrackingStatus.AVAILABLE_FOR_PICKUP), events.stream().map(TrackingEvent::status).toList());
        assertTrue(events.stream().allMatch(event -> event.carrierValid() && "dpd".equals(event.carrier())));
        assertEquals("SO-10049", events.getFirst().orderReference());
        assertEquals(TrackingLocation.NONE, events.get(2).location());
        assertEquals(new TrackingLocation("Rennes", "35000", "FR"), events.get(4).location());
    }

    @Test
    void csvWithQuotedDelimitersQuotesAndLineBreaks() throws Exception {
        final List<TrackingEvent> events = parse(resource("carrier-export.csv"));
        assertEquals(3, events.size());
        final TrackingEvent ups = events.get(0);
        assertEquals("Delivered; left at \"front door\"", ups.rawLabel());
        assertEquals(TrackingStatus.DELIVERED, ups.status());
        assertEquals(OffsetDateTime.parse("2026-03-03T09:00:00-05:00"), ups.eventTime());
        assertTrue(ups.carrierValid());
        assertEquals("Multi\nline label", events.get(1).rawLabel());
        assertEquals(OffsetDateTime.parse("2026-03-03T08:00:00+01:00"), events.get(1).eventTime());
        assertEquals("SO-10052", events.get(2).orderReference());
        assertFalse(events.get(2).carrierValid(), "an unknown number keeps its event");
        assertNull(events.get(2).carrier());
    }

    @Test
    void truncatedIftstaNamesSegmentAndPosition() throws Exception {
        final String whole = new String(sample("IFTSTA-colissimo-D01B.edi"), StandardCharsets.UTF_8);
        final byte[] truncated = whole.substring(0, whole.indexOf("UNT+")).getBytes(StandardCharsets.UTF_8);
        final TrackingFeedException e = assertThrows(TrackingFeedException.class, () -> parse(truncated));
        assertEquals("EDI_SYNTAX", e.getErrorCode());
        assertTrue(e.getSegment() != null && e.getPosition() > 0, () -> "segment " + e.getSegment() + " position " + e.getPosition());
    }

    @Test
    void wrongControlCountIsRejected() throws Exception {
        final String whole = new String(sample("X12-214-ups-4010.edi"), StandardCharsets.UTF_8);
        final byte[] bad = whole.replace("SE*13*0001", "SE*12*0001").getBytes(StandardCharsets.UTF_8);
        final TrackingFeedException e = assertThrows(TrackingFeedException.class, () -> parse(bad));
        assertEquals("SE", e.getSegment());
        assertEquals(15, e.getPosition(), "SE is the 15th segment of the interchange");
    }

    @Test
    void malformedJsonIsAFeedError() {
        final TrackingFeedException e = assertThrows(TrackingFeedException.class,
                () -> parse("{\"shipment\": {\"idShip\": \"6A15602676300\", \"event\": [{\"code\": \"DI1\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals("JSON_SYNTAX", e.getErrorCode());
    }

    @Test
    void csvWithoutMappedColumnIsAFeedError() {
        final TrackingFeedException e = assertThrows(TrackingFeedException.class,
                () -> parse("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("CSV_MISSING_COLUMN", e.getErrorCode());
        assertEquals("tracking_number", e.getSegment());
    }

    @Test
    void iftstaConsignmentReferencesZonedTimesAndReleaseCharacter() throws Exception {
        final String interchange = "UNA:+.? '\nUNB+UNOC:3+ACME3PL:ZZZ+SHOPERP:ZZZ+260301:1015+7'\nUNH+1+IFTSTA:D:01B:UN'\nBGM+77+X+9'\n"
                + "NAD+CA+DPD::92'\nCNI+1+SO-9'\nRFF+CN:09980000020034D'\nSTS+1+56'\nDTM+334:202603011012?+02:303'\n"
                + "FTX+AAI+++Absent?: avis de passage'\nUNT+9+1'\nUNZ+1+7'\n";
        final List<TrackingEvent> events = parse(interchange.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, events.size());
        final TrackingEvent event = events.getFirst();
        assertEquals("SO-9", event.orderReference());
        assertEquals("09980000020034D", event.trackingNumber(), "RFF+CN before the STS applies to the consignment");
        assertEquals("dpd", event.carrier());
        assertTrue(event.carrierValid());
        assertEquals(TrackingStatus.ATTEMPT_FAILED, event.status());
        assertEquals("Absent: avis de passage", event.rawLabel());
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+02:00"), event.eventTime());
    }

    @Test
    void x12PackageTrackingNumberAndTimeCode() throws Exception {
        final String whole = new String(sample("X12-214-ups-4010.edi"), StandardCharsets.UTF_8);
        final String modified = whole.replace("LX*2~\n", "LX*2~\nL11*1Z879E930346834440*2I~\n").replace("SE*13*0001", "SE*14*0001")
                .replace("AT7*D1*NS***20260301*1015*LT~", "AT7*D1*NS***20260301*1015*ET~");
        final List<TrackingEvent> events = parse(modified.getBytes(StandardCharsets.UTF_8));
        assertEquals("1Z5R89390357567127", events.get(0).trackingNumber());
        assertEquals("1Z879E930346834440", events.get(1).trackingNumber(), "L11 2I in the loop names the package");
        assertTrue(events.get(1).carrierValid());
        assertEquals(OffsetDateTime.parse("2026-03-01T10:15:00-05:00"), events.get(1).eventTime());
    }

    @Test
    void unsupportedDtmFormatNamesTheSegment() throws Exception {
        final String whole = new String(sample("IFTSTA-colissimo-D01B.edi"), StandardCharsets.UTF_8);
        final TrackingFeedException e = assertThrows(TrackingFeedException.class,
                () -> parse(whole.replace("DTM+334:202603011012:203", "DTM+334:20260301:718").getBytes(StandardCharsets.UTF_8)));
        assertEquals("DTM", e.getSegment());
        assertEquals(11, e.getPosition());
    }
}
