package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tracking-number format of one carrier, compiled from a carrier-definition JSON entry: a whole-string
 * pattern with named groups {@code SerialNumber} and optionally {@code CheckDigit}, an optional check-digit
 * algorithm, the name Shopify recognises and a tracking URL template ({@code {number}}).
 */
public final class CarrierDefinition {

    static final int MAX_LENGTH = 64;

    private final String id;
    private final String family;
    private final String name;
    private final String shopifyName;
    private final Set<String> aliases;
    private final Pattern pattern;
    private final boolean hasCheckDigitGroup;
    private final int minLength;
    private final int maxLength;
    private final int priority;
    private final CheckDigit checkDigit;
    private final String checkDigitAlgorithm;
    private final Pattern serialPrefixWhen;
    private final String serialPrefix;
    private final Map<String, Set<String>> requiredGroupValues;
    private final String shopifyNameGroup;
    private final Map<String, String> shopifyNameByGroupValue;
    private final String trackingUrl;
    private final boolean hintOnly;

    private CarrierDefinition(final JsonNode node) {
        id = required(node, "id");
        family = node.path("family").asText(id);
        name = node.path("name").asText(id);
        shopifyName = node.path("shopifyName").asText(name);
        aliases = new HashSet<>();
        aliases.add(normalizeHint(id));
        aliases.add(normalizeHint(family));
        aliases.add(normalizeHint(shopifyName));
        node.path("aliases").forEach(alias -> aliases.add(normalizeHint(alias.asText())));
        final String regex = required(node, "pattern");
        pattern = Pattern.compile(regex);
        hasCheckDigitGroup = regex.contains("(?<CheckDigit>");
        if (!regex.contains("(?<SerialNumber>")) {
            throw new IllegalArgumentException("Carrier [" + id + "] pattern needs a named group SerialNumber");
        }
        final JsonNode lengths = node.path("lengths");
        minLength = lengths.isArray() && lengths.size() == 2 ? lengths.get(0).asInt() : 1;
        maxLength = lengths.isArray() && lengths.size() == 2 ? Math.min(lengths.get(1).asInt(), MAX_LENGTH) : MAX_LENGTH;
        priority = node.path("priority").asInt(0);
        checkDigit = node.hasNonNull("checkDigit") ? CheckDigit.fromDefinition(node.get("checkDigit")) : null;
        checkDigitAlgorithm = checkDigit == null ? null : node.get("checkDigit").path("algorithm").asText();
        if (checkDigit != null && !hasCheckDigitGroup) {
            throw new IllegalArgumentException("Carrier [" + id + "] has a check digit but no CheckDigit group");
        }
        final JsonNode prefix = node.path("serialPrefix");
        serialPrefixWhen = prefix.has("whenMatches") ? Pattern.compile(prefix.get("whenMatches").asText()) : null;
        serialPrefix = prefix.path("prefix").asText("");
        requiredGroupValues = new HashMap<>();
        node.path("requiredGroupValues").properties().forEach(entry -> {
            final Set<String> values = new HashSet<>();
            entry.getValue().forEach(value -> values.add(value.asText()));
            requiredGroupValues.put(entry.getKey(), values);
        });
        final JsonNode byGroup = node.path("shopifyNameByGroup");
        shopifyNameGroup = byGroup.has("group") ? byGroup.get("group").asText() : null;
        shopifyNameByGroupValue = new HashMap<>();
        byGroup.path("values").properties().forEach(entry -> shopifyNameByGroupValue.put(entry.getKey(), entry.getValue().asText()));
        trackingUrl = node.hasNonNull("trackingUrl") ? node.get("trackingUrl").asText() : null;
        hintOnly = node.path("hintOnly").asBoolean(false);
    }

    public static CarrierDefinition fromJson(final JsonNode node) {
        return new CarrierDefinition(node);
    }

    private static String required(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Carrier definition needs a text field [" + field + "]: " + node);
        }
        return value.asText();
    }

    static String normalizeHint(final String hint) {
        return hint == null ? "" : hint.trim().toUpperCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * Matches a compact (whitespace-free, upper-case) number against this format.
     *
     * @return the match with its check-digit verdict, or null when the format does not apply
     */
    CarrierMatch match(final String compact) {
        if (compact.length() < minLength || compact.length() > maxLength) {
            return null;
        }
        final Matcher matcher = pattern.matcher(compact);
        if (!matcher.matches()) {
            return null;
        }
        for (final Map.Entry<String, Set<String>> required : requiredGroupValues.entrySet()) {
            final String value = group(matcher, required.getKey());
            if (value == null || !required.getValue().contains(value)) {
                return null;
            }
        }
        if (checkDigit != null) {
            String serial = group(matcher, "SerialNumber");
            if (serialPrefixWhen != null && serial != null && serialPrefixWhen.matcher(serial).matches()) {
                serial = serialPrefix + serial;
            }
            final String check = group(matcher, "CheckDigit");
            if (serial == null || check == null || !checkDigit.isValid(serial, check)) {
                return null;
            }
        }
        String shopify = shopifyName;
        if (shopifyNameGroup != null) {
            shopify = shopifyNameByGroupValue.getOrDefault(group(matcher, shopifyNameGroup), shopifyName);
        }
        return new CarrierMatch(this, compact, true, shopify, trackingUrlFor(compact));
    }

    private static String group(final Matcher matcher, final String group) {
        try {
            final String value = matcher.group(group);
            return value == null ? null : stripWhitespace(value);
        } catch (final IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    static String stripWhitespace(final String value) {
        boolean clean = true;
        for (int i = 0; i < value.length() && clean; i++) {
            clean = !Character.isWhitespace(value.charAt(i));
        }
        if (clean) {
            return value;
        }
        final StringBuilder builder = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (!Character.isWhitespace(c)) {
                builder.append(c);
            }
        }
        return builder.toString();
    }

    /** A result for a number the feed attributes to this carrier but which does not fit its format. */
    CarrierMatch invalid(final String compact) {
        return new CarrierMatch(this, compact, false, shopifyName, trackingUrlFor(compact));
    }

    String trackingUrlFor(final String compact) {
        if (trackingUrl == null || compact.isEmpty()) {
            return null;
        }
        return trackingUrl.replace("{number}", urlSafe(compact) ? compact : URLEncoder.encode(compact, StandardCharsets.UTF_8));
    }

    private static boolean urlSafe(final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    boolean answersTo(final String normalizedHint) {
        return aliases.contains(normalizedHint);
    }

    public String id() {
        return id;
    }

    public String family() {
        return family;
    }

    public String name() {
        return name;
    }

    public String shopifyName() {
        return shopifyName;
    }

    public int priority() {
        return priority;
    }

    public boolean hasCheckDigit() {
        return checkDigit != null;
    }

    /**
     * True when both definitions verify their numbers with the same check-digit algorithm (the S10 variants of
     * several posts): a number passing both is one format claimed twice, which priority settles, not two carriers'
     * independent checks agreeing by chance.
     */
    boolean sameCheckDigitAs(final CarrierDefinition other) {
        return checkDigitAlgorithm != null && checkDigitAlgorithm.equals(other.checkDigitAlgorithm);
    }

    public boolean hintOnly() {
        return hintOnly;
    }

    int minLength() {
        return minLength;
    }

    int maxLength() {
        return maxLength;
    }

    @Override
    public String toString() {
        return id;
    }
}
