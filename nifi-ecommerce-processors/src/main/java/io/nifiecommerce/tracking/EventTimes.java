package io.nifiecommerce.tracking;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the date-times of the feeds into offset date-times; a time without offset is in the feed's zone. */
public final class EventTimes {

    private static final DateTimeFormatter EDI_MINUTES = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter EDI_SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter EDI_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private EventTimes() {
    }

    /**
     * ISO-8601 with or without offset ({@code 2026-03-01T10:12:00+01:00}, {@code +0100}, {@code +01}, {@code 2026-03-01T10:12:00Z},
     * {@code 2026-03-01T10:12:00}, {@code 2026-03-01 10:12}), or a date alone (midnight).
     *
     * @throws DateTimeParseException when the text is none of those
     */
    public static OffsetDateTime parseIso(final String raw, final ZoneId zone) {
        // values padded with spaces are read trimmed (strip() returns the same string when there is none)
        final String text = raw.strip();
        final OffsetDateTime fast = parseIsoFast(text, zone);
        if (fast != null) {
            return fast;
        }
        final String value = text.trim().replace(' ', 'T');
        // an offset after the time, with or without seconds (OffsetDateTime.toString drops zero seconds)
        if (value.length() > 10 && (value.endsWith("Z") || value.indexOf('+', 10) > 0 || value.indexOf('-', 10) > 0)) {
            return OffsetDateTime.parse(value);
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime();
        }
        return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
    }

    /**
     * Times as exports write them: ISO-8601 ({@link #parseIso}), or day first as in French and most European back
     * offices: {@code dd/MM/yyyy}, {@code dd.MM.yyyy} or {@code dd-MM-yyyy}, then optionally {@code HH:mm},
     * {@code HH:mm:ss} or {@code HHhmm}, in the feed's zone. A date whose second number cannot be a month is read month
     * first (a US export, {@code 12/26/2026}); {@code yyyy/MM/dd} is read too.
     *
     * @throws DateTimeParseException when the text is none of those
     */
    public static OffsetDateTime parseText(final String raw, final ZoneId zone) {
        final String text = raw.strip();
        final Matcher dayFirst = DAY_FIRST.matcher(text);
        if (dayFirst.matches()) {
            int day = Integer.parseInt(dayFirst.group("a"));
            int month = Integer.parseInt(dayFirst.group("b"));
            if (month > 12 && day <= 12) {
                final int monthFirst = day;
                day = month;
                month = monthFirst;
            }
            return local(text, Integer.parseInt(dayFirst.group("year")), month, day, dayFirst, zone);
        }
        final Matcher yearFirst = YEAR_FIRST.matcher(text);
        if (yearFirst.matches()) {
            return local(text, Integer.parseInt(yearFirst.group("year")), Integer.parseInt(yearFirst.group("b")),
                    Integer.parseInt(yearFirst.group("a")), yearFirst, zone);
        }
        return parseIso(text, zone);
    }

    private static final String CLOCK = "(?:[ T]+(?<hour>\\d{1,2})[:hH](?<minute>\\d{2})(?::(?<second>\\d{2}))?)?";
    private static final Pattern DAY_FIRST = Pattern.compile("(?<a>\\d{1,2})(?<sep>[/.-])(?<b>\\d{1,2})\\k<sep>(?<year>\\d{4})" + CLOCK);
    private static final Pattern YEAR_FIRST = Pattern.compile("(?<year>\\d{4})/(?<b>\\d{1,2})/(?<a>\\d{1,2})" + CLOCK);

    private static OffsetDateTime local(final String text, final int year, final int month, final int day, final Matcher clock,
                                        final ZoneId zone) {
        try {
            return inZone(LocalDateTime.of(year, month, day, orZero(clock.group("hour")), orZero(clock.group("minute")),
                    orZero(clock.group("second"))), zone);
        } catch (final DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), text, 0, e);
        }
    }

    private static int orZero(final String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /**
     * EDI date-times: {@code CCYYMMDD} (102), {@code CCYYMMDDHHMM} (203), {@code CCYYMMDDHHMMSS} (204) and
     * {@code CCYYMMDDHHMMZZZ} (303, ZZZ being an hour offset such as +01 or a UTC marker).
     */
    public static OffsetDateTime parseEdi(final String value, final ZoneId zone) {
        final String text = value.trim();
        if (text.length() == 12 || text.length() == 14) {
            final OffsetDateTime fast = compact(text, 0, text, 8, text.length() == 14, zone);
            if (fast != null) {
                return fast;
            }
        }
        return switch (text.length()) {
            case 8 -> LocalDate.parse(text, EDI_DATE).atStartOfDay(zone).toOffsetDateTime();
            case 12 -> LocalDateTime.parse(text, EDI_MINUTES).atZone(zone).toOffsetDateTime();
            case 14 -> LocalDateTime.parse(text, EDI_SECONDS).atZone(zone).toOffsetDateTime();
            case 15 -> withZoneSuffix(text.substring(0, 12), text.substring(12), zone);
            default -> throw new DateTimeParseException("Unsupported EDI date-time", text, 0);
        };
    }

    private static OffsetDateTime withZoneSuffix(final String minutes, final String suffix, final ZoneId zone) {
        final LocalDateTime local = LocalDateTime.parse(minutes, EDI_MINUTES);
        if ("UTC".equals(suffix) || "GMT".equals(suffix) || "000".equals(suffix)) {
            return local.atOffset(ZoneOffset.UTC);
        }
        try {
            return local.atOffset(ZoneOffset.of(suffix.startsWith("+") || suffix.startsWith("-") ? suffix : "+" + suffix.substring(1)));
        } catch (final DateTimeException e) {
            return local.atZone(zone).toOffsetDateTime();
        }
    }

    /** X12 date (CCYYMMDD) and time (HHMM or HHMMSS) with an X12 time code (LT local, UT/GM, ET, CT, MT, PT). */
    public static OffsetDateTime parseX12(final String date, final String time, final String timeCode, final ZoneId localZone) {
        final String clock = time == null || time.isBlank() ? "0000" : time.trim();
        if (date.length() == 8 && (clock.length() == 4 || clock.length() == 6)) {
            final OffsetDateTime fast = compact(date, 0, clock, 0, clock.length() == 6, x12Zone(timeCode, localZone));
            if (fast != null) {
                return fast;
            }
        }
        final LocalDateTime local = LocalDateTime.parse(date.trim() + (clock.length() >= 6 ? clock.substring(0, 6) : clock + "00"),
                EDI_SECONDS);
        return local.atZone(x12Zone(timeCode, localZone)).toOffsetDateTime();
    }

    private static ZoneId x12Zone(final String timeCode, final ZoneId localZone) {
        if (timeCode == null) {
            return localZone;
        }
        return switch (timeCode.trim()) {
            case "UT", "GM", "UTC" -> ZoneOffset.UTC;
            case "ET", "ED", "ES" -> ZoneId.of("America/New_York");
            case "CT", "CD", "CS" -> ZoneId.of("America/Chicago");
            case "MT", "MD", "MS" -> ZoneId.of("America/Denver");
            case "PT", "PD", "PS" -> ZoneId.of("America/Los_Angeles");
            default -> localZone;
        };
    }

    /**
     * The common shapes without DateTimeFormatter (which dominates a feed's parse time): {@code yyyy-MM-ddTHH:mm:ss},
     * optional fraction, then nothing, {@code Z}, {@code ±HH:MM}, {@code ±HHMM} or {@code ±HH}. Anything else returns null
     * for the full parser.
     */
    private static OffsetDateTime parseIsoFast(final String text, final ZoneId zone) {
        final int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        final int year = number(text, 0, 4);
        final int month = number(text, 5, 7);
        final int day = number(text, 8, 10);
        final int hour = number(text, 11, 13);
        final int minute = number(text, 14, 16);
        final int second = number(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (position < length && text.charAt(position) == '.') {
            int digits = 0;
            position++;
            while (position < length && Character.isDigit(text.charAt(position)) && digits < 9) {
                nanos = nanos * 10 + (text.charAt(position) - '0');
                position++;
                digits++;
            }
            if (digits == 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        final LocalDateTime local;
        try {
            local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (final DateTimeException e) {
            return null;
        }
        if (position == length) {
            return inZone(local, zone);
        }
        final char sign = text.charAt(position);
        if (sign == 'Z' && position + 1 == length) {
            return OffsetDateTime.of(local, ZoneOffset.UTC);
        }
        // offsets written +01:00, +0100 (GLS, many Java and .NET exports) or +01
        final boolean colon = position + 6 == length && text.charAt(position + 3) == ':';
        final boolean compact = position + 5 == length;
        final boolean hoursOnly = position + 3 == length;
        if ((sign == '+' || sign == '-') && (colon || compact || hoursOnly)) {
            final int offsetHours = number(text, position + 1, position + 3);
            final int offsetMinutes = hoursOnly ? 0 : colon ? number(text, position + 4, position + 6) : number(text, position + 3, position + 5);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            final int seconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
            try {
                return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(seconds));
            } catch (final DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code CCYYMMDD} at dateFrom in date and {@code HHMM[SS]} at timeFrom in time, in a zone; null when not digits. */
    private static OffsetDateTime compact(final String date, final int dateFrom, final String time, final int timeFrom,
                                          final boolean withSeconds, final ZoneId zone) {
        final int year = number(date, dateFrom, dateFrom + 4);
        final int month = number(date, dateFrom + 4, dateFrom + 6);
        final int day = number(date, dateFrom + 6, dateFrom + 8);
        final int hour = number(time, timeFrom, timeFrom + 2);
        final int minute = number(time, timeFrom + 2, timeFrom + 4);
        final int second = withSeconds ? number(time, timeFrom + 4, timeFrom + 6) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return inZone(LocalDateTime.of(year, month, day, hour, minute, second), zone);
        } catch (final DateTimeException e) {
            return null;
        }
    }

    private static OffsetDateTime inZone(final LocalDateTime local, final ZoneId zone) {
        final List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return OffsetDateTime.of(local, offsets.getFirst());
        }
        // daylight-saving gap or overlap: let the zone rules decide
        return local.atZone(zone).toOffsetDateTime();
    }

    private static int number(final String text, final int from, final int to) {
        if (to > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
