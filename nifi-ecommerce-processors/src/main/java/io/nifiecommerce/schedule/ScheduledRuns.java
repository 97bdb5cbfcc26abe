package io.nifiecommerce.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides when a scheduled source does its work. The processor runs on a short timer and asks
 * {@link #isDue}; a run that fails is retried after a backoff that doubles from {@link #FIRST_RETRY}
 * up to {@link #MAX_RETRY}, jittered so that sources hit by the same outage do not retry in step,
 * until it succeeds; a success plans the next run from the schedule. One transient fault at the top
 * of the hour thus costs minutes, not the hour.
 */
public final class ScheduledRuns {

    public static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    public static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final int MAX_ERROR_LENGTH = 300;

    private final RunSchedule schedule;

    public ScheduledRuns(final RunSchedule schedule) {
        this.schedule = schedule;
    }

    /** The state to act on: the stored one, or a new plan when there is none or the schedule changed. */
    public RunState current(final Map<String, String> state, final Instant now) {
        final RunState stored = RunState.read(state);
        if (stored != null && stored.schedule().equals(schedule.toString())) {
            return stored;
        }
        return new RunState(schedule.toString(), schedule.first(now), stored == null ? null : stored.lastSuccess(), 0, null);
    }

    public boolean isDue(final RunState state, final Instant now) {
        return !now.isBefore(state.due());
    }

    /**
     * @param unfinished the run stopped at a limit with work left: the rest is due at once
     */
    public RunState succeeded(final RunState state, final Instant now, final boolean unfinished) {
        return new RunState(schedule.toString(), unfinished ? now : schedule.next(now), now, 0, null);
    }

    public RunState failed(final RunState state, final Instant now, final String reason) {
        final int failures = state.failures() + 1;
        final String error = reason == null ? "unknown" : reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
        return new RunState(schedule.toString(), now.plus(backoff(failures)), state.lastSuccess(), failures, error);
    }

    /** Half the doubled delay plus a random part of the other half: grows, never zero, never above the cap. */
    static Duration backoff(final int failures) {
        final long ceiling = ceiling(failures);
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static long ceiling(final int failures) {
        return Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures - 1, 20));
    }

    /**
     * The longest a source waits in all after {@code failures} failed runs in a row before its next try:
     * 15 s, 45 s, 1 min 45 s, 3 min 45 s, 7 min 45 s, then 5 minutes more per failure.
     */
    public static Duration longestWait(final int failures) {
        long total = 0;
        for (int i = 1; i <= failures; i++) {
            total += ceiling(i);
        }
        return Duration.ofMillis(total);
    }

    public RunSchedule schedule() {
        return schedule;
    }
}
