package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detects the carrier of a tracking number from format and check digit. Definitions come from the bundled
 * {@code carriers.json} and an optional integrator file that adds entries or replaces them by id
 * ({@code "disabled": true} removes one). Formats with a check digit are tried before format-only ones, then by
 * priority; the candidates are bucketed by length so a lookup runs only the few patterns that can apply.
 */
public final class CarrierRegistry {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BUILT_IN = "carriers.json";
    private static final Comparator<CarrierDefinition> PREFERENCE = Comparator
            .comparing((CarrierDefinition definition) -> !definition.hasCheckDigit())
            .thenComparing(Comparator.comparingInt(CarrierDefinition::priority).reversed());

    private final List<CarrierDefinition> definitions;
    private final CarrierDefinition[][] byLength;
    private final Map<String, CarrierDefinition[]> byHint = new ConcurrentHashMap<>();

    private CarrierRegistry(final List<CarrierDefinition> definitions) {
        this.definitions = definitions.stream().sorted(PREFERENCE).toList();
        byLength = new CarrierDefinition[CarrierDefinition.MAX_LENGTH + 1][];
        for (int length = 0; length <= CarrierDefinition.MAX_LENGTH; length++) {
            final int size = length;
            byLength[length] = this.definitions.stream()
                    .filter(definition -> !definition.hintOnly())
                    .filter(definition -> size >= definition.minLength() && size <= definition.maxLength())
                    .toArray(CarrierDefinition[]::new);
        }
    }

    /** The bundled definitions. */
    public static CarrierRegistry builtIn() {
        return new CarrierRegistry(new ArrayList<>(loadBuiltIn().values()));
    }

    /** The bundled definitions with an integrator's file applied on top (null or blank path: none). */
    public static CarrierRegistry withOverrides(final Path overrideFile) throws IOException {
        final Map<String, CarrierDefinition> merged = loadBuiltIn();
        if (overrideFile != null) {
            try (InputStream in = Files.newInputStream(overrideFile)) {
                apply(merged, MAPPER.readTree(in), overrideFile.toString());
            }
        }
        return new CarrierRegistry(new ArrayList<>(merged.values()));
    }

    private static Map<String, CarrierDefinition> loadBuiltIn() {
        final Map<String, CarrierDefinition> definitions = new LinkedHashMap<>();
        try (InputStream in = CarrierRegistry.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + BUILT_IN);
            }
            apply(definitions, MAPPER.readTree(in), BUILT_IN);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return definitions;
    }

    private static void apply(final Map<String, CarrierDefinition> definitions, final JsonNode root, final String source) {
        final JsonNode carriers = root == null ? null : root.get("carriers");
        if (carriers == null || !carriers.isArray()) {
            throw new IllegalArgumentException(source + ": expected an object with a 'carriers' array");
        }
        for (final JsonNode entry : carriers) {
            final String id = entry.path("id").asText("");
            if (entry.path("disabled").asBoolean(false)) {
                definitions.remove(id);
            } else {
                try {
                    definitions.put(id, CarrierDefinition.fromJson(entry));
                } catch (final RuntimeException e) {
                    throw new IllegalArgumentException(source + ": carrier [" + id + "]: " + e.getMessage(), e);
                }
            }
        }
    }

    public List<CarrierDefinition> definitions() {
        return definitions;
    }

    /** Every format the number is valid for, best first (format-only and hint-only carriers included last). */
    public List<CarrierMatch> detectAll(final String number) {
        final String compact = compact(number);
        final List<CarrierMatch> matches = new ArrayList<>();
        if (compact.isEmpty() || compact.length() > CarrierDefinition.MAX_LENGTH) {
            return matches;
        }
        for (final CarrierDefinition definition : byLength[compact.length()]) {
            final CarrierMatch match = definition.match(compact);
            if (match != null) {
                matches.add(match);
            }
        }
        return matches;
    }

    /** The best valid match, or null. */
    public CarrierMatch detect(final String number) {
        return detect(number, null);
    }

    /**
     * Attributes a number, trusting the carrier the feed names (a SCAC such as UPSN, a name such as COLISSIMO)
     * when it is one of ours: the number is then checked against that carrier's formats only, and a number that
     * fits none of them is returned as an invalid match of that carrier rather than given to another one.
     *
     * @return the match, or null when nothing is known about the number
     */
    public CarrierMatch detect(final String number, final String carrierHint) {
        final String compact = compact(number);
        final String hint = CarrierDefinition.normalizeHint(carrierHint);
        if (!hint.isEmpty()) {
            final CarrierDefinition[] named = named(hint);
            for (final CarrierDefinition definition : named) {
                final CarrierMatch match = compact.length() <= CarrierDefinition.MAX_LENGTH ? definition.match(compact) : null;
                if (match != null) {
                    return match;
                }
            }
            if (named.length > 0) {
                return named[0].invalid(compact);
            }
        }
        if (compact.isEmpty() || compact.length() > CarrierDefinition.MAX_LENGTH) {
            return null;
        }
        for (final CarrierDefinition definition : byLength[compact.length()]) {
            final CarrierMatch match = definition.match(compact);
            if (match != null) {
                return match;
            }
        }
        return null;
    }

    /**
     * A carrier attribution that says when the number alone cannot tell the carrier.
     *
     * @param match      the attribution, or null when nothing fits or when the number is ambiguous
     * @param candidates the carrier families whose formats fit an ambiguous number, best first; empty otherwise
     */
    public record Detection(CarrierMatch match, List<String> candidates) {

        public Detection {
            candidates = List.copyOf(candidates);
        }

        /** True when several carriers' formats fit the number and nothing (check digit, feed hint) decides. */
        public boolean ambiguous() {
            return match == null && candidates.size() > 1;
        }
    }

    private static final Detection NOTHING = new Detection(null, List.of());

    /**
     * Like {@link #detect(String, String)}, but a number that only format-only definitions of several carriers fit
     * (14 digits: a Chronopost skybill, a DPD parcel number without its check character, a DHL eCommerce number) is
     * reported as ambiguous with its candidates instead of being given to the highest priority; so is a number that
     * passes the published check digits of several carriers (12 digits: a Purolator number that is also a valid FedEx
     * Express number). A carrier named by the feed decides; a number passing the check digit of one carrier only is
     * attributed to it, whatever format-only definitions it also fits.
     */
    public Detection classify(final String number, final String carrierHint) {
        final String hint = CarrierDefinition.normalizeHint(carrierHint);
        if (!hint.isEmpty() && named(hint).length > 0) {
            final CarrierMatch match = detect(number, carrierHint);
            return match == null ? NOTHING : new Detection(match, List.of());
        }
        final String compact = compact(number);
        if (compact.isEmpty() || compact.length() > CarrierDefinition.MAX_LENGTH) {
            return NOTHING;
        }
        CarrierMatch best = null;
        List<String> families = null;
        for (final CarrierDefinition definition : byLength[compact.length()]) {
            // definitions with a check digit come first: once one passed, only another check digit can compete
            if (best != null && best.definition().hasCheckDigit() && !definition.hasCheckDigit()) {
                break;
            }
            final CarrierMatch match = definition.match(compact);
            if (match == null) {
                continue;
            }
            if (best == null) {
                best = match;
                families = new ArrayList<>(2);
                families.add(definition.family());
            } else if (!families.contains(definition.family()) && !best.definition().sameCheckDigitAs(definition)) {
                families.add(definition.family());
            }
        }
        if (best == null) {
            return NOTHING;
        }
        return families.size() > 1 ? new Detection(null, families) : new Detection(best, List.of());
    }

    private CarrierDefinition[] named(final String normalizedHint) {
        final CarrierDefinition[] cached = byHint.get(normalizedHint);
        if (cached != null) {
            return cached;
        }
        CarrierDefinition[] named = answering(normalizedHint);
        // "DPD FRANCE SAS", "CHRONOPOST S.A.": a carrier's legal name is an alias followed by its legal form
        final String withoutLegalForm = withoutLegalForm(normalizedHint);
        if (named.length == 0 && !withoutLegalForm.equals(normalizedHint)) {
            named = answering(withoutLegalForm);
        }
        // feeds name few carriers; do not let arbitrary hints grow the cache without bound
        if (byHint.size() < 1024) {
            byHint.put(normalizedHint, named);
        }
        return named;
    }

    private CarrierDefinition[] answering(final String normalizedHint) {
        return definitions.stream().filter(definition -> definition.answersTo(normalizedHint)).toArray(CarrierDefinition[]::new);
    }

    /** Legal forms a company name may end with; only these are dropped, so "COLI COLI" never becomes "COLI". */
    private static final java.util.Set<String> LEGAL_FORMS = java.util.Set.of("SA", "SAS", "SASU", "SARL", "SNC", "EURL", "GMBH", "AG",
            "KG", "BV", "NV", "LTD", "LIMITED", "PLC", "INC", "LLC", "CORP", "CO", "SPA", "SRL", "SL", "AB", "AS", "OY");

    private static String withoutLegalForm(final String normalizedHint) {
        String name = normalizedHint.replace(".", "").replace(",", " ").trim();
        int space;
        while ((space = name.lastIndexOf(' ')) > 0 && LEGAL_FORMS.contains(name.substring(space + 1))) {
            name = name.substring(0, space).trim();
        }
        return name;
    }

    /** Finds a carrier by id, family, alias or Shopify name (for a default carrier), or null. */
    public CarrierDefinition find(final String nameOrAlias) {
        final String hint = CarrierDefinition.normalizeHint(nameOrAlias);
        for (final CarrierDefinition definition : definitions) {
            if (definition.answersTo(hint)) {
                return definition;
            }
        }
        return null;
    }

    static String compact(final String number) {
        if (number == null) {
            return "";
        }
        final String stripped = CarrierDefinition.stripWhitespace(number);
        for (int i = 0; i < stripped.length(); i++) {
            final char c = stripped.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return stripped.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return stripped;
    }
}
