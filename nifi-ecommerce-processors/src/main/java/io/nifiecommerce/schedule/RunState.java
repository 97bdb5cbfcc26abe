package io.nifiecommerce.schedule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a scheduled source stands, kept in its cluster state so that whichever node is primary
 * next neither repeats a run that succeeded nor forgets one that failed.
 *
 * @param schedule the schedule the due time was planned with (a changed schedule re-plans)
 * @param due when the next run (or retry) may start
 * @param lastSuccess when the last run succeeded, null before the first
 * @param failures failed runs since the last success
 * @param lastError why the last run failed, null after a success
 */
public record RunState(String schedule, Instant due, Instant lastSuccess, int failures, String lastError) {

    public static final String SCHEDULE = "run.schedule";
    public static final String DUE = "run.due";
    public static final String LAST_SUCCESS = "run.last.success";
    public static final String FAILURES = "run.failures";
    public static final String LAST_ERROR = "run.last.error";

    /** The run state among a processor's state entries, null when it has none (or an unreadable one). */
    public static RunState read(final Map<String, String> state) {
        final String due = state.get(DUE);
        if (due == null) {
            return null;
        }
        try {
            final String success = state.get(LAST_SUCCESS);
            return new RunState(state.getOrDefault(SCHEDULE, ""), Instant.parse(due), success == null ? null : Instant.parse(success),
                    Integer.parseInt(state.getOrDefault(FAILURES, "0")), state.get(LAST_ERROR));
        } catch (final RuntimeException e) {
            return null; // re-planned from scratch: at worst one early run, never a lost one
        }
    }

    /** The processor's own entries (cursors...) with this run state added; null values are left out. */
    public Map<String, String> mergeInto(final Map<String, String> others) {
        final Map<String, String> merged = new LinkedHashMap<>(others);
        merged.keySet().removeIf(key -> key.startsWith("run."));
        merged.put(SCHEDULE, schedule);
        merged.put(DUE, due.toString());
        if (lastSuccess != null) {
            merged.put(LAST_SUCCESS, lastSuccess.toString());
        }
        merged.put(FAILURES, String.valueOf(failures));
        if (lastError != null) {
            merged.put(LAST_ERROR, lastError);
        }
        return merged;
    }

    public boolean isRetry() {
        return failures > 0;
    }
}
