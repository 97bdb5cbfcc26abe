package io.nifiecommerce.tracking;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventTimesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Property(tries = 500)
    void fastPathAgreesWithTheJdk(@ForAll @IntRange(min = 2000, max = 2099) final int year, @ForAll @IntRange(min = 1, max = 12) final int month,
                                  @ForAll @IntRange(min = 1, max = 28) final int day, @ForAll @IntRange(min = 0, max = 86_399) final int secondOfDay,
                                  @ForAll @IntRange(min = -12 * 4, max = 14 * 4) final int quarterHours) {
        final LocalDateTime local = LocalDateTime.of(year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
        final OffsetDateTime expected = OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(quarterHours * 900));
        assertEquals(expected, EventTimes.parseIso(expected.toString(), PARIS));
        assertEquals(local.atZone(PARIS).toOffsetDateTime(), EventTimes.parseIso(local.toString().length() == 16 ? local + ":00" : local.toString(), PARIS));
        final String compact = String.format("%04d%02d%02d%02d%02d", year, month, day, local.getHour(), local.getMinute());
        assertEquals(local.withSecond(0).atZone(PARIS).toOffsetDateTime(), EventTimes.parseEdi(compact, PARIS));
    }

    @Test
    void shapesAndZones() {
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00.250Z"), EventTimes.parseIso("2026-03-01T10:12:00.25Z", PARIS));
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+01:00"), EventTimes.parseIso("2026-03-01 10:12:00", PARIS));
        assertEquals(OffsetDateTime.parse("2026-07-01T10:12:00+02:00"), EventTimes.parseIso("2026-07-01T10:12", PARIS));
        assertEquals(OffsetDateTime.parse("2026-03-01T00:00:00+01:00"), EventTimes.parseIso("2026-03-01", PARIS));
        assertEquals(OffsetDateTime.parse("2000-01-01T00:00:00Z"), EventTimes.parseIso("2000-01-01T00:00Z", PARIS));
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+05:30"), EventTimes.parseIso("2026-03-01T10:12+05:30", PARIS));
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00-05:00"), EventTimes.parseX12("20260301", "1012", "ET", PARIS));
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:30Z"), EventTimes.parseX12("20260301", "101230", "UT", PARIS));
        assertEquals(OffsetDateTime.parse("2026-03-01T10:12:00+03:00"), EventTimes.parseEdi("202603011012+03", PARIS));
        // 02:30 does not exist in Paris on 2026-03-29: the zone rules move it forward
        assertEquals(OffsetDateTime.parse("2026-03-29T03:30:00+02:00"), EventTimes.parseIso("2026-03-29T02:30:00", PARIS));
        assertThrows(DateTimeParseException.class, () -> EventTimes.parseIso("2026-13-01T10:12:00Z", PARIS));
        assertThrows(DateTimeParseException.class, () -> EventTimes.parseEdi("202613011012", PARIS));
    }
}
