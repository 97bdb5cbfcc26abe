package io.nifiecommerce.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header, in seconds or as an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait asked for, or null when the header is absent or unreadable. */
    public static Duration from(final HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(RetryAfter::parse).orElse(null);
    }

    static Duration parse(final String value) {
        final String trimmed = value.trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(trimmed) * 1000));
        } catch (final NumberFormatException notSeconds) {
            try {
                final ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                final Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (final DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
