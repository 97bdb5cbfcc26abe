package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A check-digit algorithm: verifies the check character of a tracking number against its serial part.
 * Implementations are immutable and thread-safe.
 */
public interface CheckDigit {

    /**
     * @param serial     the serial part the check character is computed from (no whitespace)
     * @param checkDigit the check character as printed on the label
     * @return true when the check character matches the serial
     */
    boolean isValid(String serial, String checkDigit);

    /** Builds the algorithm named in a carrier definition ({@code {"algorithm": "mod10", ...}}). */
    static CheckDigit fromDefinition(final JsonNode node) {
        final String algorithm = node.path("algorithm").asText("");
        return switch (algorithm) {
            case "mod10" -> new Mod10CheckDigit(node.path("evensMultiplier").asInt(1), node.path("oddsMultiplier").asInt(1),
                    node.path("reverse").asBoolean(false), node.path("offset").asInt(0));
            case "mod7" -> new Mod7CheckDigit();
            case "s10" -> node.has("weightings") ? new S10CheckDigit(intArray(node.get("weightings"))) : new S10CheckDigit();
            case "luhn" -> new Luhn();
            case "mod_37_36" -> new Mod37_36(node.path("alphabet").asText(Mod37_36.DEFAULT_ALPHABET));
            case "sum_product_with_weightings_and_modulo" -> new SumProductWithWeightings(intArray(node.get("weightings")),
                    node.path("modulo1").asInt(11), node.path("modulo2").asInt(10));
            default -> throw new IllegalArgumentException("Unknown check-digit algorithm [" + algorithm + "]");
        };
    }

    private static int[] intArray(final JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("Check-digit weightings must be a non-empty array");
        }
        final List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Numeric value of a single check character, -1 if it is not one digit. */
    static int digitValue(final String checkDigit) {
        if (checkDigit == null || checkDigit.length() != 1) {
            return -1;
        }
        final char c = checkDigit.charAt(0);
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }
}
