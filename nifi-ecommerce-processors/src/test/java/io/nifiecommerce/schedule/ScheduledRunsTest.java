package io.nifiecommerce.schedule;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledRunsTest {

    private static final Instant T0 = Instant.parse("2026-08-18T10:00:00Z");

    private static ScheduledRuns runs(final String schedule) {
        return new ScheduledRuns(RunSchedule.parse(schedule, ZoneOffset.UTC));
    }

    @Test
    void hourlyRunsAtOnceThenAnHourAfterItsSuccess() {
        final ScheduledRuns hourly = runs("1 hour");
        RunState state = hourly.current(Map.of(), T0);
        assertTrue(hourly.isDue(state, T0), "a source that never ran reads at once");
        state = hourly.succeeded(state, T0.plusSeconds(2), false);
        assertFalse(hourly.isDue(state, T0.plusSeconds(30)), "not twice after a success");
        assertFalse(hourly.isDue(state, T0.plus(Duration.ofMinutes(59))));
        assertTrue(hourly.isDue(state, T0.plus(Duration.ofMinutes(60)).plusSeconds(2)));
        assertEquals(T0.plusSeconds(2), state.lastSuccess());
    }

    @Test
    void failedRunsAreRetriedWithinMinutesWithGrowingBackoffUntilSuccess() {
        final ScheduledRuns hourly = runs("1 hour");
        RunState state = hourly.current(Map.of(), T0);
        Instant now = T0;
        Duration previousCeiling = Duration.ZERO;
        for (int failure = 1; failure <= 10; failure++) {
            state = hourly.failed(state, now, "HTTP 503");
            final Duration wait = Duration.between(now, state.due());
            assertEquals(failure, state.failures());
            assertEquals("HTTP 503", state.lastError());
            assertTrue(wait.compareTo(ScheduledRuns.MAX_RETRY) <= 0, "capped at a few minutes: " + wait);
            assertTrue(wait.compareTo(Duration.ofSeconds(7)) >= 0, "never at once: " + wait);
            final Duration ceiling = wait.multipliedBy(2);
            assertTrue(ceiling.plusSeconds(1).compareTo(previousCeiling) >= 0 || wait.compareTo(ScheduledRuns.MAX_RETRY.dividedBy(2)) >= 0,
                    "backs off: " + wait);
            previousCeiling = wait;
            assertFalse(hourly.isDue(state, now.plusSeconds(1)));
            now = state.due();
            assertTrue(hourly.isDue(state, now));
        }
        state = hourly.succeeded(state, now, false);
        assertEquals(0, state.failures());
        assertNull(state.lastError());
        assertEquals(now.plus(Duration.ofHours(1)), state.due());
    }

    @RepeatedTest(20)
    void backoffDoublesFromFifteenSecondsToFiveMinutesWithJitter() {
        assertBetween(ScheduledRuns.backoff(1), 7_500, 15_000);
        assertBetween(ScheduledRuns.backoff(2), 15_000, 30_000);
        assertBetween(ScheduledRuns.backoff(3), 30_000, 60_000);
        assertBetween(ScheduledRuns.backoff(6), 150_000, 300_000);
        assertBetween(ScheduledRuns.backoff(60), 150_000, 300_000);
    }

    @Test
    void longestWaitAddsTheCappedCeilings() {
        assertEquals(Duration.ZERO, ScheduledRuns.longestWait(0));
        assertEquals(Duration.ofSeconds(15), ScheduledRuns.longestWait(1));
        assertEquals(Duration.ofSeconds(15 + 30 + 60 + 120 + 240), ScheduledRuns.longestWait(5));
        assertEquals(Duration.ofSeconds(15 + 30 + 60 + 120 + 240 + 300 + 300), ScheduledRuns.longestWait(7));
    }

    private static void assertBetween(final Duration d, final long fromMillis, final long toMillis) {
        assertTrue(d.toMillis() >= fromMillis && d.toMillis() <= toMillis, d + " not in [" + fromMillis + ", " + toMillis + "] ms");
    }

    @Test
    void cronPlansTheNextTimeAndKeepsItAcrossRestarts() {
        final ScheduledRuns nightly = runs("0 0 2 * * ?");
        final RunState planned = nightly.current(Map.of(), T0);
        assertEquals(Instant.parse("2026-08-19T02:00:00Z"), planned.due());
        assertFalse(nightly.isDue(planned, T0));
        final Map<String, String> stored = planned.mergeInto(Map.of("cursor", "c1"));
        assertEquals("c1", stored.get("cursor"), "the processor's own entries kept");
        assertEquals(planned, nightly.current(stored, Instant.parse("2026-08-19T02:00:30Z")), "read back as planned");
        assertTrue(nightly.isDue(planned, Instant.parse("2026-08-19T02:00:30Z")));
        final RunState done = nightly.succeeded(planned, Instant.parse("2026-08-19T02:03:00Z"), false);
        assertEquals(Instant.parse("2026-08-20T02:00:00Z"), done.due());
    }

    @Test
    void aChangedScheduleIsReplannedAndAnUnfinishedRunContinuesAtOnce() {
        final RunState hourly = runs("1 hour").succeeded(runs("1 hour").current(Map.of(), T0), T0, false);
        final RunState replanned = runs("0 0 2 * * ?").current(hourly.mergeInto(Map.of()), T0.plusSeconds(60));
        assertEquals(Instant.parse("2026-08-19T02:00:00Z"), replanned.due());
        assertEquals(T0, replanned.lastSuccess());
        assertEquals(T0, runs("1 hour").succeeded(hourly, T0, true).due(), "a run stopped at its record limit goes on");
        assertTrue(runs("").isDue(runs("").succeeded(hourly, T0, false), T0), "blank: every trigger");
    }

    @Test
    void refusesSchedulesItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> RunSchedule.parse("hourly", ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> RunSchedule.parse("5 fortnights", ZoneOffset.UTC));
        assertEquals(Duration.ofMinutes(30), Duration.between(T0, RunSchedule.parse("30 mins", ZoneOffset.UTC).next(T0)));
        assertNull(RunState.read(Map.of("run.due", "not a time")), "unreadable state is re-planned, not fatal");
    }
}
