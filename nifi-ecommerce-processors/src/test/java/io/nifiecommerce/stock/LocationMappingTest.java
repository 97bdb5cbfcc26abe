package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LocationMappingTest {

    private static final String LYON = "gid://shopify/Location/1";
    private static final String PARIS = "gid://shopify/Location/2";

    private final AtomicInteger locationQueries = new AtomicInteger();
    private final AdminApi api = (document, variables) -> {
        locationQueries.incrementAndGet();
        try {
            return new ObjectMapper().readTree("""
                    {"data":{"locations":{"nodes":[{"id":"%s","name":"Lyon","isActive":true},{"id":"%s","name":"Paris","isActive":true}],
                    "pageInfo":{"hasNextPage":false}}}}""".formatted(LYON, PARIS));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @Test
    void configuredCodesDefaultAndNamesAreResolvedWithOneLocationQuery() {
        final LocationMapping mapping = new LocationMapping(api, Map.of("WH01", "Lyon", "WH02", "2"), "Paris", true, Clock.systemUTC());

        final Map<String, String> resolved = mapping.resolve(Arrays.asList("WH01", "WH02", null, "paris", "WH99"));

        assertEquals(LYON, resolved.get("WH01"));
        assertEquals(PARIS, resolved.get("WH02"), "a numeric id");
        assertEquals(PARIS, resolved.get(null), "no code: the default location");
        assertEquals(PARIS, resolved.get("paris"), "an unconfigured code naming a location");
        assertNull(resolved.get("WH99"));
        assertEquals(1, locationQueries.get());
    }

    @Test
    void unconfiguredCodesStayUnmappedWhenNamesMayNotMatch() {
        final LocationMapping mapping = new LocationMapping(api, Map.of(), null, false, Clock.systemUTC());
        assertNull(mapping.resolve(List.of("Lyon")).get("Lyon"));
        assertEquals(0, locationQueries.get(), "nothing to look up");
    }

    @Test
    void locationsAreReadAgainAfterFifteenMinutes() {
        final SkuResolverTest.MutableClock clock = new SkuResolverTest.MutableClock();
        final Instant start = clock.now;
        final LocationMapping mapping = new LocationMapping(api, Map.of("WH01", "Lyon"), null, false, clock);
        mapping.resolve(List.of("WH01"));
        clock.now = start.plus(Duration.ofMinutes(14));
        mapping.resolve(List.of("WH01"));
        assertEquals(1, locationQueries.get());
        clock.now = start.plus(Duration.ofMinutes(16));
        mapping.resolve(List.of("WH01"));
        assertEquals(2, locationQueries.get());
    }

    @Test
    void verifyListsTheReferencesNoActiveLocationMatches() {
        final Map<String, String> configured = new LinkedHashMap<>();
        configured.put("location.WH01", "Lyon");
        configured.put("location.WH09", "Marseille");
        configured.put("Default Location", "99");
        assertEquals(List.of("location.WH09 = Marseille", "Default Location = 99"),
                List.copyOf(LocationMapping.unresolved(LocationDirectory.fetch(api), configured)));
    }
}
