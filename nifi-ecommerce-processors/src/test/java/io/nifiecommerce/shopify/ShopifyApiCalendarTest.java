package io.nifiecommerce.shopify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The versions the bundle offers follow Shopify's calendar: a version on the first day of each quarter, served for
 * 12 months. {@link #noReleaseIsDueToday()} is the guard that fails the build once Shopify has released a version
 * newer than {@link ApiVersion#NEWEST}; the other tests pin the rule with fixed dates.
 */
class ShopifyApiCalendarTest {

    private static Clock at(final String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static LocalDate today(final Clock clock) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    @Test
    void theCurrentVersionIsTheOneReleasedAtTheStartOfTheQuarter() {
        assertEquals("2026-10", ApiVersion.currentOn(LocalDate.of(2026, 12, 6)).toString());
        assertEquals("2026-10", ApiVersion.currentOn(LocalDate.of(2026, 10, 1)).toString());
        assertEquals("2026-07", ApiVersion.currentOn(LocalDate.of(2026, 9, 30)).toString());
        assertEquals("2027-01", ApiVersion.currentOn(LocalDate.of(2027, 1, 1)).toString());
        assertEquals("2027-01", ApiVersion.currentOn(LocalDate.of(2027, 3, 31)).toString());
    }

    @Test
    void aReleaseIsDueOnceShopifyHasReleasedANewerVersion() {
        final Clock december = at("2026-12-06T12:00:00Z");
        assertEquals(Optional.empty(), ApiVersion.releaseDue("2026-10", today(december)));
        assertEquals(Optional.empty(), ApiVersion.releaseDue("2027-01", today(december)), "knowing the release candidate is fine");

        final Optional<String> behind = ApiVersion.releaseDue("2026-07", today(december));
        assertTrue(behind.isPresent());
        assertTrue(behind.get().contains("2026-10") && behind.get().contains("2026-07"), behind.get());

        // the first day of the next quarter, in UTC: the bundle that knows 2026-10 is now behind
        assertEquals(Optional.empty(), ApiVersion.releaseDue("2026-10", today(at("2026-12-31T23:59:59Z"))));
        final Optional<String> january = ApiVersion.releaseDue("2026-10", today(at("2027-01-01T00:00:00Z")));
        assertTrue(january.isPresent());
        assertTrue(january.get().contains("add 2027-01"), january.get());
    }

    /** The guard: fails on the day Shopify releases a version newer than the newest the bundle knows. */
    @Test
    void noReleaseIsDueToday() {
        final Optional<String> due = ApiVersion.releaseDue(ApiVersion.NEWEST, today(Clock.systemUTC()));
        assertTrue(due.isEmpty(), () -> due.orElseThrow());
    }

    @Test
    void theVersionListIsHonest() throws IOException {
        // newest first, quarterly, no duplicates
        final List<ApiVersion> supported = ApiVersion.SUPPORTED.stream().map(ApiVersion::parse).toList();
        assertEquals(supported.stream().sorted((a, b) -> b.compareTo(a)).distinct().toList(), supported);
        assertTrue(ApiVersion.SUPPORTED.containsAll(ApiVersion.SCHEMA_VALIDATED));
        assertTrue(ApiVersion.SUPPORTED.contains(ApiVersion.DEFAULT));

        // a schema-validated version has its SDL, and every SDL in the reference data is validated against
        final Path sdlDir = ShopifyAdminSdl.referenceDir().resolve("shopify-admin-graphql");
        final List<String> withSdl;
        try (Stream<Path> dirs = Files.list(sdlDir)) {
            withSdl = dirs.filter(dir -> Files.isRegularFile(dir.resolve("schema.graphql")))
                    .map(dir -> dir.getFileName().toString()).sorted((a, b) -> b.compareTo(a)).toList();
        }
        assertEquals(withSdl, ApiVersion.SCHEMA_VALIDATED, "the versions validated are exactly those whose SDL is in " + sdlDir);

        // a supported version without its SDL is named, with the reason, in the integrator guide
        final String guide = Files.readString(ShopifyAdminSdl.referenceDir().resolveSibling("docs").resolve("integrator-guide.md"));
        for (final String version : ApiVersion.SUPPORTED) {
            if (!ApiVersion.SCHEMA_VALIDATED.contains(version)) {
                assertTrue(guide.contains("`" + version + "`: no SDL"), version + " is offered without its SDL; docs/integrator-guide.md must say so");
            }
        }
    }
}
