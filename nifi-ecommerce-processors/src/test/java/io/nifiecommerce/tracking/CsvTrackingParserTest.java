package io.nifiecommerce.tracking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV tracking parser: Jackson's CSV reading under the column mapping. */
class CsvTrackingParserTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static List<RawTrackingEvent> parse(final CsvColumnMapping mapping, final byte[] content) throws Exception {
        final List<RawTrackingEvent> events = new ArrayList<>();
        new CsvTrackingParser(mapping, PARIS).parse(new ByteArrayInputStream(content), events::add);
        return events;
    }

    private static List<RawTrackingEvent> parse(final String content) throws Exception {
        return parse(CsvColumnMapping.defaults(), content.getBytes(StandardCharsets.UTF_8));
    }

    private static CsvColumnMapping semicolons() {
        final CsvColumnMapping d = CsvColumnMapping.defaults();
        return new CsvColumnMapping(d.trackingNumber(), d.status(), d.statusLabel(), d.eventTime(), d.orderReference(), d.carrier(),
                d.city(), d.postalCode(), d.country(), ';');
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws Exception {
        final List<RawTrackingEvent> events = parse("""
                tracking_number,status,status_label,city,event_time
                6A15602676300,DELIVERED,"Livré, remis au ""gardien""\","Paris, 15e",2026-03-03T09:00:00Z
                6A15602676301,IN_TRANSIT,"En cours
                d'acheminement",Lyon,2026-03-03 10:00:00
                """);
        assertEquals(2, events.size());
        assertEquals("Livré, remis au \"gardien\"", events.get(0).rawLabel());
        assertEquals("Paris, 15e", events.get(0).location().city());
        assertEquals("En cours\nd'acheminement", events.get(1).rawLabel());
        assertEquals("Lyon", events.get(1).location().city());
        assertEquals(OffsetDateTime.parse("2026-03-03T10:00:00+01:00"), events.get(1).eventTime(), "local time in the feed's zone");
    }

    @Test
    void byteOrderMarkIsDropped() throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("tracking_number,status\r\n6A15602676300,DELIVERED\r\n".getBytes(StandardCharsets.UTF_8));
        final List<RawTrackingEvent> events = parse(CsvColumnMapping.defaults(), bytes.toByteArray());
        assertEquals(1, events.size(), "the first header cell is found despite the BOM");
        assertEquals("6A15602676300", events.getFirst().trackingNumber());
        assertEquals("DELIVERED", events.getFirst().rawCode());
    }

    @Test
    void semicolonDelimiterAsInFrenchExports() throws Exception {
        final List<RawTrackingEvent> events = parse(semicolons(), """
                order_reference;tracking_number;status;status_label;postal_code
                SO-1;6A15602676300;LIVRE;"Colis livré; boîte aux lettres";75015
                SO-2;6A15602676301;EN_COURS;Poids 1,5 kg;69001
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, events.size());
        assertEquals("Colis livré; boîte aux lettres", events.get(0).rawLabel());
        assertEquals("75015", events.get(0).location().postalCode());
        assertEquals("Poids 1,5 kg", events.get(1).rawLabel(), "a comma is plain text when the delimiter is ';'");
        assertEquals("SO-2", events.get(1).orderReference());
    }

    @Test
    void paddedValuesAndHeadersAreTrimmed() throws Exception {
        final List<RawTrackingEvent> events = parse("""
                 tracking_number , Status ,  status_label
                   6A15602676300   ,  DELIVERED  ,  "  Livré, à l'heure  "  \s
                6A15602676301,   ,
                """);
        assertEquals(2, events.size());
        assertEquals("6A15602676300", events.get(0).trackingNumber());
        assertEquals("DELIVERED", events.get(0).rawCode());
        assertEquals("Livré, à l'heure", events.get(0).rawLabel());
        assertNull(events.get(1).rawCode(), "a cell of spaces is absent");
        assertNull(events.get(1).rawLabel());
    }

    @Test
    void emptyLinesAreSkippedAndShortRowsLeaveColumnsAbsent() throws Exception {
        final List<RawTrackingEvent> events = parse("tracking_number,status,city\n\n6A15602676300,DELIVERED\n   \n\n6A15602676301,IN_TRANSIT,Lyon");
        assertEquals(2, events.size());
        assertNull(events.get(0).location().city());
        assertEquals("Lyon", events.get(1).location().city(), "the last record needs no line break");
    }

    @Test
    void oneColumnMappedToTwoFields() throws Exception {
        final CsvColumnMapping mapping = new CsvColumnMapping("Numero", "Etat", "Etat", null, null, null, null, null, null, ';');
        final List<RawTrackingEvent> events = parse(mapping, "Numero;Etat\n6A15602676300;LIVRE\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("LIVRE", events.getFirst().rawCode());
        assertEquals("LIVRE", events.getFirst().rawLabel());
    }

    @Test
    void unclosedQuoteIsASyntaxError() {
        final TrackingFeedException e = assertThrows(TrackingFeedException.class,
                () -> parse("tracking_number,status,status_label\n6A15602676300,DELIVERED,\"never closed\n"));
        assertEquals("CSV_SYNTAX", e.getErrorCode());
        assertTrue(e.getPosition() >= 2, () -> "position " + e.getPosition());
    }

    @Test
    void textAfterAClosingQuoteIsASyntaxErrorAndAQuoteInsideAFieldIsText() throws Exception {
        final TrackingFeedException e = assertThrows(TrackingFeedException.class,
                () -> parse("tracking_number,status,status_label\n6A15602676300,DELIVERED,\"quoted\"after\n"));
        assertEquals("CSV_SYNTAX", e.getErrorCode());
        assertEquals(2, e.getPosition());
        assertEquals("Livré \"ici\"", parse("tracking_number,status,status_label\n6A15602676300,DELIVERED,Livré \"ici\"\n").getFirst().rawLabel());
    }

    @Test
    void overlongFieldIsASyntaxError() {
        final String field = "x".repeat(CsvTrackingParser.MAX_FIELD_LENGTH + 10);
        final TrackingFeedException e = assertThrows(TrackingFeedException.class,
                () -> parse("tracking_number,status,status_label\n6A15602676300,DELIVERED,\"" + field + "\"\n"));
        assertEquals("CSV_SYNTAX", e.getErrorCode());
    }

    @Test
    void invalidTimeNamesColumnAndLineAfterAMultiLineField() {
        final TrackingFeedException e = assertThrows(TrackingFeedException.class, () -> parse("""
                tracking_number,status,status_label,event_time
                6A15602676300,IN_TRANSIT,"two
                lines",2026-03-03T09:00:00Z
                6A15602676301,DELIVERED,,yesterday
                """));
        assertEquals("INVALID_CONTENT", e.getErrorCode());
        assertEquals("event_time", e.getSegment());
        assertEquals(3, e.getPosition(), "Jackson counts lines outside quoted fields");
        assertTrue(e.getMessage().contains("6A15602676301"), e::getMessage);
    }

    @Test
    void malformedUtf8KeepsTheEvent() throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("tracking_number,status,status_label\n6A15602676300,DELIVERED,Livr".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Windows-1252 'é'
        bytes.write("\n".getBytes(StandardCharsets.UTF_8));
        final List<RawTrackingEvent> events = parse(CsvColumnMapping.defaults(), bytes.toByteArray());
        assertEquals(1, events.size());
        assertEquals("Livré", events.getFirst().rawLabel(), "a byte that is not UTF-8 is read as Windows-1252");
    }

    @Test
    void headerOnlyGivesNoEventAndEmptyInputIsAnError() throws Exception {
        assertEquals(List.of(), parse("tracking_number,status\n"));
        assertEquals("CSV_SYNTAX", assertThrows(TrackingFeedException.class, () -> parse("")).getErrorCode());
    }
}
