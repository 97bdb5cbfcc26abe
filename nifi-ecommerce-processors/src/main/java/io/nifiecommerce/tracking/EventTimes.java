package io.nifiecommerce.tracking;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the date-times of the feeds into offset date-times; a time without offset is in the feed's zone. */
public final class EventTimes {

    private static final DateTimeFormatter EDI_MINUTES = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter EDI_SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter EDI_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private EventTimes() {
    }

    /**
     * ISO-8601 with or without offset ({@code 2026-03-01T10:12:00+01:00}, {@code 2026-03-01T10:12:00Z},
     * {@code 2026-03-01T10:12:00}, {@code 2026-03-01 10:12}), or a date alone (midnight).
     *
     * @throws DateTimeParseException when the text is none of those
     */
    public static OffsetDateTime parseIso(final String text, final ZoneId zone) {
        final String value = text.trim().replace(' ', 'T');
        if (value.length() > 19 && (value.endsWith("Z") || value.indexOf('+', 10) > 0 || value.indexOf('-', 10) > 0)) {
            return OffsetDateTime.parse(value);
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime();
        }
        return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
    }

    /**
     * EDI date-times: {@code CCYYMMDD} (102), {@code CCYYMMDDHHMM} (203), {@code CCYYMMDDHHMMSS} (204) and
     * {@code CCYYMMDDHHMMZZZ} (303, ZZZ being an hour offset such as +01 or a UTC marker).
     */
    public static OffsetDateTime parseEdi(final String value, final ZoneId zone) {
        final String text = value.trim();
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
            return local.atOffset(java.time.ZoneOffset.UTC);
        }
        try {
            return local.atOffset(java.time.ZoneOffset.of(suffix.startsWith("+") || suffix.startsWith("-") ? suffix : "+" + suffix.substring(1)));
        } catch (final java.time.DateTimeException e) {
            return local.atZone(zone).toOffsetDateTime();
        }
    }

    /** X12 date (CCYYMMDD) and time (HHMM or HHMMSS) with an X12 time code (LT local, UT/GM, ET, CT, MT, PT). */
    public static OffsetDateTime parseX12(final String date, final String time, final String timeCode, final ZoneId localZone) {
        final String clock = time == null || time.isBlank() ? "0000" : time.trim();
        final LocalDateTime local = LocalDateTime.parse(date.trim() + (clock.length() >= 6 ? clock.substring(0, 6) : clock + "00"),
                EDI_SECONDS);
        return local.atZone(x12Zone(timeCode, localZone)).toOffsetDateTime();
    }

    private static ZoneId x12Zone(final String timeCode, final ZoneId localZone) {
        if (timeCode == null) {
            return localZone;
        }
        return switch (timeCode.trim()) {
            case "UT", "GM", "UTC" -> java.time.ZoneOffset.UTC;
            case "ET", "ED", "ES" -> ZoneId.of("America/New_York");
            case "CT", "CD", "CS" -> ZoneId.of("America/Chicago");
            case "MT", "MD", "MS" -> ZoneId.of("America/Denver");
            case "PT", "PD", "PS" -> ZoneId.of("America/Los_Angeles");
            default -> localZone;
        };
    }
}
