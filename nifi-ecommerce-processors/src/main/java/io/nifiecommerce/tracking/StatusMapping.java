package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-format tables from a carrier's raw event code to a canonical {@link TrackingStatus}. The bundled
 * {@code status-mappings.json} covers La Poste, GLS, DPD, IFTSTA and X12 214; an integrator's file of the same
 * shape adds or replaces codes (partners' MIGs differ). Unmapped codes give UNKNOWN; in CSV a status that is
 * already a canonical name is taken as is.
 */
public final class StatusMapping {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BUILT_IN = "status-mappings.json";

    private final Map<SourceFormat, Map<String, TrackingStatus>> tables;

    private StatusMapping(final Map<SourceFormat, Map<String, TrackingStatus>> tables) {
        this.tables = tables;
    }

    public static StatusMapping builtIn() {
        try {
            return withOverrides(null);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StatusMapping withOverrides(final Path overrideFile) throws IOException {
        final Map<SourceFormat, Map<String, TrackingStatus>> tables = new EnumMap<>(SourceFormat.class);
        for (final SourceFormat format : SourceFormat.values()) {
            tables.put(format, new HashMap<>());
        }
        try (InputStream in = StatusMapping.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + BUILT_IN);
            }
            apply(tables, MAPPER.readTree(in), BUILT_IN);
        }
        if (overrideFile != null) {
            try (InputStream in = Files.newInputStream(overrideFile)) {
                apply(tables, MAPPER.readTree(in), overrideFile.toString());
            }
        }
        return new StatusMapping(tables);
    }

    private static void apply(final Map<SourceFormat, Map<String, TrackingStatus>> tables, final JsonNode root, final String source) {
        final JsonNode formats = root == null ? null : root.get("formats");
        if (formats == null || !formats.isObject()) {
            throw new IllegalArgumentException(source + ": expected an object with a 'formats' object");
        }
        formats.properties().forEach(format -> {
            final SourceFormat sourceFormat;
            try {
                sourceFormat = SourceFormat.valueOf(format.getKey());
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": unknown format [" + format.getKey() + "]", e);
            }
            format.getValue().properties().forEach(code -> {
                try {
                    tables.get(sourceFormat).put(normalize(code.getKey()), TrackingStatus.valueOf(code.getValue().asText()));
                } catch (final IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": " + format.getKey() + " code [" + code.getKey()
                            + "] maps to unknown status [" + code.getValue().asText() + "]", e);
                }
            });
        });
    }

    private static String normalize(final String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }

    public TrackingStatus map(final SourceFormat format, final String rawCode) {
        if (rawCode == null || rawCode.isBlank()) {
            return TrackingStatus.UNKNOWN;
        }
        final String code = normalize(rawCode);
        final TrackingStatus status = tables.get(format).get(code);
        if (status != null) {
            return status;
        }
        if (format == SourceFormat.CSV) {
            try {
                return TrackingStatus.valueOf(code);
            } catch (final IllegalArgumentException notCanonical) {
                return TrackingStatus.UNKNOWN;
            }
        }
        return TrackingStatus.UNKNOWN;
    }
}
