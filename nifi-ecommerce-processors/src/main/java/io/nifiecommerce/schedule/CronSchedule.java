package io.nifiecommerce.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A six-field cron expression (second minute hour day-of-month month day-of-week), the syntax NiFi 2
 * uses for its CRON driven strategy: {@code *}, {@code ?}, values, ranges, steps and lists, month and
 * day names, day of week 0-7 with 0 and 7 for Sunday. The Quartz specials L, W and # are refused
 * rather than misread. Like cron, a field restricted in both day of month and day of week matches
 * either.
 */
public final class CronSchedule {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Far enough for any valid expression (Feb 29 on a given weekday recurs within 28 years). */
    private static final int MAX_YEARS = 30;

    private final String expression;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(final String expression, final String[] fields) {
        this.expression = expression;
        seconds = field(fields[0], 0, 59, List.of(), "second");
        minutes = field(fields[1], 0, 59, List.of(), "minute");
        hours = field(fields[2], 0, 23, List.of(), "hour");
        daysOfMonth = field(fields[3], 1, 31, List.of(), "day of month");
        months = field(fields[4], 1, 12, MONTHS, "month");
        final BitSet dow = field(fields[5], 0, 7, DAYS, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        daysOfWeek = dow;
        anyDayOfMonth = isAny(fields[3]);
        anyDayOfWeek = isAny(fields[5]);
    }

    /** Whether the text looks like a cron expression rather than a time period. */
    public static boolean looksLikeCron(final String text) {
        return text.trim().split("\\s+").length == 6;
    }

    public static CronSchedule parse(final String expression) {
        final String[] fields = expression.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("A cron expression has six fields (second minute hour day-of-month month day-of-week), got "
                    + fields.length + " in '" + expression + "'");
        }
        return new CronSchedule(expression.trim(), fields);
    }

    /** The first matching second strictly after {@code after}, in its zone. */
    public ZonedDateTime next(final ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        final int lastYear = after.getYear() + MAX_YEARS;
        while (t.getYear() <= lastYear) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t;
            }
        }
        throw new IllegalArgumentException("'" + expression + "' never fires");
    }

    private boolean dayMatches(final LocalDate date) {
        final boolean dom = daysOfMonth.get(date.getDayOfMonth());
        final boolean dow = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static boolean isAny(final String field) {
        return field.equals("*") || field.equals("?");
    }

    private static BitSet field(final String text, final int min, final int max, final List<String> names, final String what) {
        final BitSet bits = new BitSet(max + 1);
        for (final String part : text.split(",")) {
            final String[] stepped = part.split("/", -1);
            if (stepped.length > 2 || part.isEmpty()) {
                throw invalid(text, what);
            }
            final int step = stepped.length == 2 ? number(stepped[1], text, what) : 1;
            int from;
            int to;
            if (isAny(stepped[0])) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                final String[] range = stepped[0].split("-", -1);
                if (range.length != 2) {
                    throw invalid(text, what);
                }
                from = value(range[0], names, text, what);
                to = value(range[1], names, text, what);
            } else {
                from = value(stepped[0], names, text, what);
                to = stepped.length == 2 ? max : from;
            }
            if (step < 1 || from < min || to > max || from > to) {
                throw invalid(text, what);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(final String text, final List<String> names, final String field, final String what) {
        final int named = names.indexOf(text);
        if (named >= 0) {
            return named + (names == MONTHS ? 1 : 0);
        }
        return number(text, field, what);
    }

    private static int number(final String text, final String field, final String what) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw invalid(field, what);
        }
    }

    private static IllegalArgumentException invalid(final String field, final String what) {
        return new IllegalArgumentException("Invalid " + what + " field '" + field + "' (supported: *, ?, numbers, names, a-b, */n, a/n, lists;"
                + " not L, W or #)");
    }

    @Override
    public String toString() {
        return expression;
    }
}
