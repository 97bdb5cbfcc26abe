package io.nifiecommerce.businesscentral;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds OData {@code $filter} expressions from values that come from orders (names, emails, SKUs),
 * so quoting is done in one place: a single quote inside a string literal is doubled.
 */
public final class ODataFilter {

    private ODataFilter() {
    }

    /** {@code 'O''Brien'} for {@code O'Brien}. */
    public static String literal(final String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static String eq(final String field, final String value) {
        return field + " eq " + literal(value);
    }

    /** {@code field in ('a','b')}: one lookup for many keys (BC v2.0 accepts it on most fields). */
    public static String in(final String field, final Collection<String> values) {
        return field + " in (" + values.stream().map(ODataFilter::literal).collect(Collectors.joining(",")) + ")";
    }

    /** {@code field eq 'a' or field eq 'b'}: the equivalent for servers that refuse {@code in}. */
    public static String anyOf(final String field, final Collection<String> values) {
        return values.stream().map(v -> eq(field, v)).collect(Collectors.joining(" or "));
    }

    /** Joins clauses with {@code and}, each parenthesised; blank clauses are skipped. */
    public static String and(final String... clauses) {
        final List<String> kept = new ArrayList<>();
        for (final String clause : clauses) {
            if (clause != null && !clause.isBlank()) {
                kept.add("(" + clause.trim() + ")");
            }
        }
        return kept.size() == 1 ? kept.get(0).substring(1, kept.get(0).length() - 1) : String.join(" and ", kept);
    }

    /** Percent-encodes a query option value ({@code $filter=...}); spaces as %20, which BC expects. */
    public static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Splits keys into chunks small enough to keep a filter URL short. */
    public static <T> List<List<T>> chunks(final List<T> values, final int size) {
        final List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += size) {
            out.add(values.subList(i, Math.min(values.size(), i + size)));
        }
        return out;
    }
}
