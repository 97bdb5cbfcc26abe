package io.nifiecommerce.shopify;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A quarterly Admin API version ({@code 2026-04}). Shopify supports each version for 12 months from
 * its release on the first day of its month; a request for a version past that silently falls
 * forward to the oldest supported one. The bundle warns 60 days before that happens.
 */
public record ApiVersion(YearMonth release) implements Comparable<ApiVersion> {

    /**
     * Every version the bundle accepts, newest first. It follows Shopify's calendar: a new version each quarter,
     * each served for 12 months. Not every one of them has its SDL in the repository: see {@link #SCHEMA_VALIDATED}.
     */
    public static final List<String> SUPPORTED = List.of("2026-10", "2026-07", "2026-04", "2026-01");

    /**
     * The versions whose Admin SDL is in {@code reference/shopify-admin-graphql/} and against which the tests validate
     * every document the bundle sends, newest first. A supported version missing here was accepted on a review of
     * Shopify's release notes instead (docs/integrator-guide.md, "Shopify API versions", says which and why).
     */
    public static final List<String> SCHEMA_VALIDATED = List.of("2026-07", "2026-04");

    /** The newest version the bundle knows; the test ShopifyApiCalendarTest fails once Shopify has released a newer one. */
    public static final String NEWEST = SUPPORTED.get(0);

    /** The connection service's default: the newest version the documents are validated against with its SDL. */
    public static final String DEFAULT = SCHEMA_VALIDATED.get(0);
    public static final int WARNING_DAYS = 60;

    public enum Support {
        SUPPORTED,
        /** Within {@link #WARNING_DAYS} of its end of support. */
        ENDING_SOON,
        /** Past its end of support: Shopify serves a newer version instead. */
        UNSUPPORTED
    }

    public static ApiVersion parse(final String handle) {
        try {
            final YearMonth month = YearMonth.parse(handle.trim());
            if (month.getMonthValue() % 3 != 1) {
                throw new IllegalArgumentException("'" + handle + "' is not a quarterly release (January, April, July, October)");
            }
            return new ApiVersion(month);
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("'" + handle + "' is not an API version like 2026-04", e);
        }
    }

    /** The version Shopify releases on the first day of the quarter holding {@code day}: 2026-10 for 2026-12-06. */
    public static ApiVersion currentOn(final LocalDate day) {
        final int quarterStartMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
        return new ApiVersion(YearMonth.of(day.getYear(), quarterStartMonth));
    }

    /**
     * Why a release of the bundle is due on {@code today}, or empty: Shopify has released a version newer than
     * {@code newestKnown}, so the bundle no longer offers the current stable version.
     */
    public static Optional<String> releaseDue(final String newestKnown, final LocalDate today) {
        final ApiVersion known = parse(newestKnown);
        final ApiVersion current = currentOn(today);
        if (known.compareTo(current) >= 0) {
            return Optional.empty();
        }
        return Optional.of("Shopify released Admin API version " + current + " on " + current.releasedOn() + " but the newest version "
                + "the bundle knows is " + known + ": add " + current + " to ApiVersion.SUPPORTED (with its SDL in "
                + "reference/shopify-admin-graphql/ when it can be had) and release the bundle.");
    }

    public LocalDate releasedOn() {
        return release.atDay(1);
    }

    /** The first day the version is no longer served: 12 months after its release (2026-01 until 2027-01-01). */
    public LocalDate endOfSupport() {
        return releasedOn().plusMonths(12);
    }

    public long daysOfSupportLeft(final LocalDate today) {
        return ChronoUnit.DAYS.between(today, endOfSupport());
    }

    public Support support(final LocalDate today) {
        final long left = daysOfSupportLeft(today);
        if (left <= 0) {
            return Support.UNSUPPORTED;
        }
        return left <= WARNING_DAYS ? Support.ENDING_SOON : Support.SUPPORTED;
    }

    /** A sentence for Verify and bulletins, or null when the version is comfortably supported. */
    public String supportWarning(final LocalDate today) {
        return switch (support(today)) {
            case SUPPORTED -> null;
            case ENDING_SOON -> "Shopify Admin API version " + this + " reaches its end of support on " + endOfSupport()
                    + " (" + daysOfSupportLeft(today) + " days left); after that Shopify silently serves a newer version."
                    + " Move to " + NEWEST + ".";
            case UNSUPPORTED -> "Shopify Admin API version " + this + " is no longer supported since " + endOfSupport()
                    + ": Shopify serves a newer version instead. Move to " + NEWEST + ".";
        };
    }

    @Override
    public int compareTo(final ApiVersion other) {
        return release.compareTo(other.release);
    }

    @Override
    public String toString() {
        return release.toString();
    }
}
