package io.nifiecommerce.tracking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tracking exports as French carriers' and 3PLs' back offices write them: Windows-1252 or ISO-8859-1 (accents in
 * headers and labels), {@code ;} between fields, dates {@code dd/MM/yyyy HH:mm} in Europe/Paris without offset,
 * CRLF, trailing empty columns, columns we do not map, quoted labels over two lines.
 */
class FrenchCarrierCsvTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The mapping an integrator sets for such an export: French header names, the delimiter left at its default. */
    private static CsvColumnMapping french(final char delimiter) {
        return new CsvColumnMapping("N° de colis", "Code événement", "Libellé événement", "Date événement", "Référence", null,
                "Ville", "Code postal", "Pays", delimiter);
    }

    private static final String EXPORT = "N° de colis;Référence;Date événement;Code événement;Libellé événement;Ville;Code postal;Pays;Poids (kg);;\r\n"
            + "6A15602676300;CMD-1001;06/12/2026 08:05;PCHCFM;Votre colis est pris en charge par La Poste;Gonesse;95500;FR;1,250;;\r\n"
            + "6A15602676300;CMD-1001;7/12/2026 14:35;DI1;\"Votre colis est livré.\r\nRemis au gardien\";Paris;75015;FR;1,250;;\r\n"
            + "6A15602683841;CMD-1002;29/03/2026 02:30;AARCFM;Arrivé sur le site de distribution;Lyon 3ème;69003;FR;0,5;;\r\n";

    private static List<RawTrackingEvent> parse(final CsvColumnMapping mapping, final byte[] bytes) throws Exception {
        final List<RawTrackingEvent> events = new ArrayList<>();
        new CsvTrackingParser(mapping, PARIS).parse(new ByteArrayInputStream(bytes), events::add);
        return events;
    }

    private static void assertExportRead(final List<RawTrackingEvent> events) {
        assertEquals(3, events.size());
        final RawTrackingEvent taken = events.get(0);
        assertEquals("6A15602676300", taken.trackingNumber());
        assertEquals("CMD-1001", taken.orderReference());
        assertEquals("PCHCFM", taken.rawCode());
        assertEquals(OffsetDateTime.parse("2026-12-06T08:05+01:00"), taken.eventTime());
        assertEquals("Votre colis est livré.\r\nRemis au gardien", events.get(1).rawLabel());
        assertEquals(OffsetDateTime.parse("2026-12-07T14:35+01:00"), events.get(1).eventTime(), "day without leading zero");
        assertEquals("Lyon 3ème", events.get(2).location().city());
        // 02:30 on 29 March 2026 does not exist in Paris (clocks go from 02:00 to 03:00): the zone rules move it on
        assertEquals(OffsetDateTime.parse("2026-03-29T03:30+02:00"), events.get(2).eventTime());
    }

    @Test
    void windows1252WithSemicolonsAndFrenchDates() throws Exception {
        for (final Charset charset : List.of(Charset.forName("windows-1252"), StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8)) {
            assertExportRead(parse(french(';'), EXPORT.getBytes(charset)));
        }
    }

    @Test
    void theDelimiterOfTheFileIsFoundWhenTheConfiguredOneFindsNoColumn() throws Exception {
        assertExportRead(parse(french(','), EXPORT.getBytes(Charset.forName("windows-1252"))));
        assertExportRead(parse(french(','), EXPORT.replace(';', '\t').getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExcelSepLineNamesTheDelimiter() throws Exception {
        assertExportRead(parse(french(','), ("sep=;\r\n" + EXPORT).getBytes(Charset.forName("windows-1252"))));
        assertExportRead(parse(french(';'), io.nifiecommerce.fuzz.EdiText.bytes("SEP=;\n" + EXPORT, StandardCharsets.UTF_8, true)));
    }

    @Test
    void windows1252PunctuationIsKept() throws Exception {
        // 0x92 is the right single quote and 0x80 the euro sign in Windows-1252, not valid UTF-8 bytes
        final String csv = "tracking_number;status;status_label\r\n6A15602676300;RE;Refusé à l’adresse – taxe 12 €\r\n";
        final List<RawTrackingEvent> events = parse(new CsvColumnMapping("tracking_number", "status", "status_label", null, null, null,
                null, null, null, ';'), csv.getBytes(Charset.forName("windows-1252")));
        assertEquals("Refusé à l’adresse – taxe 12 €", events.getFirst().rawLabel());
    }

    @Test
    void otherDayFirstAndTextDates() {
        assertEquals(OffsetDateTime.parse("2026-12-06T08:05:09+01:00"), EventTimes.parseText("06/12/2026 08:05:09", PARIS));
        assertEquals(OffsetDateTime.parse("2026-12-06T08:05+01:00"), EventTimes.parseText("06.12.2026 08:05", PARIS));
        assertEquals(OffsetDateTime.parse("2026-12-06T08:05+01:00"), EventTimes.parseText("06-12-2026 08h05", PARIS));
        assertEquals(OffsetDateTime.parse("2026-12-06T00:00+01:00"), EventTimes.parseText("06/12/2026", PARIS));
        assertEquals(OffsetDateTime.parse("2026-07-06T08:05+02:00"), EventTimes.parseText("2026/07/06 08:05", PARIS));
        assertEquals(OffsetDateTime.parse("2026-12-06T08:05+01:00"), EventTimes.parseText("2026-12-06T08:05:00+01:00", PARIS));
        // a US export (month first) is recognised when the day cannot be a month
        assertEquals(OffsetDateTime.parse("2026-12-26T08:05+01:00"), EventTimes.parseText("12/26/2026 08:05", PARIS));
    }
}
