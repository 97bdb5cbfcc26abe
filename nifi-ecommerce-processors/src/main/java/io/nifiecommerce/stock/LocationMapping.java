package io.nifiecommerce.stock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the warehouse or location codes of stock records to Shopify location GIDs: a code's configured
 * location (GID, numeric id or name), the default location for records without a code, or the
 * location named like the code when allowed. Shopify's locations are read once and kept 15 minutes.
 */
public final class LocationMapping {

    private static final Duration DIRECTORY_TTL = Duration.ofMinutes(15);

    private final AdminApi api;
    private final Map<String, String> configuredByCode;
    private final String defaultLocation;
    private final boolean matchNames;
    private final Clock clock;
    private LocationDirectory directory;
    private Instant directoryExpires = Instant.MIN;

    /**
     * @param configuredByCode the Shopify location configured per code
     * @param defaultLocation the location of records without a code, or null
     * @param matchNames whether an unconfigured code may name the location itself
     */
    public LocationMapping(final AdminApi api, final Map<String, String> configuredByCode, final String defaultLocation,
                           final boolean matchNames, final Clock clock) {
        this.api = api;
        this.configuredByCode = Map.copyOf(configuredByCode);
        this.defaultLocation = defaultLocation;
        this.matchNames = matchNames;
        this.clock = clock;
    }

    /** Location code to GID (null when unmapped) for the codes given; a null code stands for records without one. */
    public synchronized Map<String, String> resolve(final Collection<String> codes) {
        final Map<String, String> mapped = new HashMap<>();
        for (final String code : codes) {
            if (mapped.containsKey(code)) {
                continue;
            }
            final String configured = code == null ? defaultLocation : configuredByCode.get(code);
            Optional<String> id = Optional.empty();
            if (configured != null) {
                id = directory().resolve(configured);
            } else if (code != null && matchNames) {
                id = directory().resolve(code);
            }
            mapped.put(code, id.orElse(null));
        }
        return mapped;
    }

    /** The configured references (code properties and the default) that match no active location, for the Verify button. */
    public static Collection<String> unresolved(final LocationDirectory locations, final Map<String, String> configuredByName) {
        return configuredByName.entrySet().stream().filter(entry -> locations.resolve(entry.getValue()).isEmpty())
                .map(entry -> entry.getKey() + " = " + entry.getValue()).toList();
    }

    private LocationDirectory directory() {
        final Instant now = clock.instant();
        if (directory == null || now.isAfter(directoryExpires)) {
            directory = LocationDirectory.fetch(api);
            directoryExpires = now.plus(DIRECTORY_TTL);
        }
        return directory;
    }
}
