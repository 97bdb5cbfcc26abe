package io.nifiecommerce.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a scheduled source's work is due: every trigger (blank), a period after the last success
 * ("1 hour"), or the next time of a cron expression ("0 0 2 * * ?"), in the zone NiFi's CRON
 * strategy uses (the JVM's).
 */
public final class RunSchedule {

    private static final Pattern PERIOD = Pattern.compile("(\\d+)\\s*([a-z]+)");

    private final String text;
    private final Duration period;
    private final CronSchedule cron;
    private final ZoneId zone;

    private RunSchedule(final String text, final Duration period, final CronSchedule cron, final ZoneId zone) {
        this.text = text;
        this.period = period;
        this.cron = cron;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException with the reason when the text is neither a period nor a cron expression */
    public static RunSchedule parse(final String text, final ZoneId zone) {
        final String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return new RunSchedule("", Duration.ZERO, null, zone);
        }
        if (CronSchedule.looksLikeCron(trimmed)) {
            return new RunSchedule(trimmed, null, CronSchedule.parse(trimmed), zone);
        }
        return new RunSchedule(trimmed, period(trimmed), null, zone);
    }

    private static Duration period(final String text) {
        final Matcher m = PERIOD.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is neither a time period (e.g. 1 hour, 30 mins) nor a six-field cron expression");
        }
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms", "millis", "milliseconds" -> Duration.ofMillis(n);
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(n);
            case "d", "day", "days" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("Unknown time unit '" + m.group(2) + "' in '" + text + "'");
        };
    }

    /** Due on every trigger: the processor's own timer is the schedule. */
    public boolean everyTrigger() {
        return cron == null && period.isZero();
    }

    /** The first due time of a source that never ran: at once for periods, the next cron time for cron. */
    public Instant first(final Instant now) {
        return cron == null ? now : next(now);
    }

    /** The due time after a run that succeeded at {@code now}. */
    public Instant next(final Instant now) {
        return cron == null ? now.plus(period) : cron.next(now.atZone(zone)).toInstant();
    }

    @Override
    public String toString() {
        return text;
    }
}
