package io.nifiecommerce.amazon.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates of settlement reports as they are found in the wild: Amazon has written the same columns as ISO-8601 with
 * an offset ({@code 2015-12-02T03:27:08+00:00}), as {@code 2019-06-20 07:42:52 UTC}, in the European marketplaces'
 * {@code 20.06.2019 07:42:52 UTC}, and as bare dates. A date written with slashes ({@code 09/06/25}) is refused: day
 * and month cannot be told apart, and a settlement booked on the wrong day is worse than one not booked.
 */
final class ReportDates {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?\\s*(.*)|(\\d{2})\\.(\\d{2})\\.(\\d{4})\\s+(\\d{2}):(\\d{2}):(\\d{2})\\s*(.*)");
    private static final Pattern DOTTED_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("z", Locale.US);

    private ReportDates() {
    }

    /** @throws DateTimeParseException when the text is not one of the known forms, naming it */
    static Instant parse(final String text) {
        final String value = text.trim();
        try {
            final Matcher dateTime = DATE_TIME.matcher(value);
            if (dateTime.matches()) {
                final boolean iso = dateTime.group(1) != null;
                final LocalDateTime local = iso
                        ? LocalDateTime.of(i(dateTime, 1), i(dateTime, 2), i(dateTime, 3), i(dateTime, 4), i(dateTime, 5), i(dateTime, 6))
                        : LocalDateTime.of(i(dateTime, 10), i(dateTime, 9), i(dateTime, 8), i(dateTime, 11), i(dateTime, 12), i(dateTime, 13));
                return local.atZone(zone(dateTime.group(iso ? 7 : 14).trim(), value)).toInstant();
            }
            final Matcher dotted = DOTTED_DATE.matcher(value);
            if (dotted.matches()) {
                return LocalDate.of(i(dotted, 3), i(dotted, 2), i(dotted, 1)).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.length() == 10 && value.charAt(4) == '-') {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (final java.time.DateTimeException e) {
            throw new DateTimeParseException("'" + value + "' is not a valid date: " + e.getMessage(), value, 0);
        }
        if (value.contains("/")) {
            throw new DateTimeParseException("'" + value + "' has day and month in an order that cannot be told", value, 0);
        }
        throw new DateTimeParseException("'" + value + "' is not a date in a settlement report format", value, 0);
    }

    /** UTC when nothing follows the time (Amazon's settlement dates are UTC), else an offset or a zone name. */
    private static ZoneId zone(final String zone, final String value) {
        if (zone.isEmpty() || zone.equals("Z") || zone.equalsIgnoreCase("UTC") || zone.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            return ZoneOffset.of(zone);
        }
        try {
            return ZoneId.from(ZONE_NAME.parse(zone));
        } catch (final DateTimeParseException e) {
            throw new DateTimeParseException("'" + value + "' has an unknown time zone '" + zone + "'", value, 0);
        }
    }

    private static int i(final Matcher matcher, final int group) {
        return Integer.parseInt(matcher.group(group));
    }

    /** For tests and messages: the instant as ISO-8601 at UTC. */
    static String iso(final Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
