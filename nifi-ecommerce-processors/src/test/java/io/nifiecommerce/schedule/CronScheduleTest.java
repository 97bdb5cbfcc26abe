package io.nifiecommerce.schedule;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronScheduleTest {

    private static ZonedDateTime at(final String text) {
        return ZonedDateTime.parse(text);
    }

    @Test
    void nightlyAtTwo() {
        final CronSchedule cron = CronSchedule.parse("0 0 2 * * ?");
        assertEquals(at("2026-08-19T02:00Z"), cron.next(at("2026-08-18T23:59:59Z")));
        assertEquals(at("2026-08-20T02:00Z"), cron.next(at("2026-08-19T02:00Z")), "strictly after");
        assertEquals(at("2027-01-01T02:00Z"), cron.next(at("2026-12-31T02:00:00.5Z")), "across the year");
    }

    @Test
    void stepsRangesListsAndNames() {
        assertEquals(at("2026-08-18T10:15Z"), CronSchedule.parse("0 */15 * * * *").next(at("2026-08-18T10:07:12Z")));
        assertEquals(at("2026-08-18T10:07:30Z"), CronSchedule.parse("0,30 * * * * *").next(at("2026-08-18T10:07:12Z")));
        // 2026-08-18 is a Tuesday: the next weekday 06:00 in MON-FRI is Wednesday
        assertEquals(at("2026-08-19T06:00Z"), CronSchedule.parse("0 0 6 ? * MON-FRI").next(at("2026-08-18T07:00Z")));
        assertEquals(at("2026-08-23T06:00Z"), CronSchedule.parse("0 0 6 ? * 0").next(at("2026-08-18T07:00Z")), "0 is Sunday");
        assertEquals(at("2026-08-23T06:00Z"), CronSchedule.parse("0 0 6 ? * 7").next(at("2026-08-18T07:00Z")), "7 is Sunday too");
        assertEquals(at("2026-11-01T00:00Z"), CronSchedule.parse("0 0 0 1 NOV *").next(at("2026-08-18T07:00Z")));
        assertEquals(at("2028-02-29T00:00Z"), CronSchedule.parse("0 0 0 29 2 ?").next(at("2026-08-18T07:00Z")), "leap day");
    }

    @Test
    void refusesWhatItWouldMisread() {
        for (final String bad : new String[]{"0 0 2 L * ?", "0 0 2 ? * MON#1", "0 0 2 * *", "0 61 * * * *", "0 0 2 5-1 * ?", "x 0 2 * * ?"}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(bad), bad);
            assertTrue(e.getMessage().length() > 10, "a reason for " + bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 0 31 2 ?").next(at("2026-08-18T07:00Z")), "never fires");
    }
}
