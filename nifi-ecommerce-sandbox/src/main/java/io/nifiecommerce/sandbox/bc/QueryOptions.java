package io.nifiecommerce.sandbox.bc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OData system query options of one request ({@code $filter $select $expand $orderby $top $skip
 * $skiptoken $count}), decoded from the query string. Nested options of an expanded navigation
 * ({@code salesOrderLines($select=quantity;$filter=quantity gt 1)}) use the same class.
 */
final class QueryOptions {

    private final Map<String, String> values;

    private QueryOptions(final Map<String, String> values) {
        this.values = values;
    }

    static QueryOptions fromQueryString(final String rawQuery) {
        final Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (final String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int equals = pair.indexOf('=');
                final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (values.containsKey(name)) {
                    throw BcApiError.badRequest("Query option '" + name + "' was specified more than once, but it must be specified at most once.");
                }
                values.put(name, value);
            }
        }
        return new QueryOptions(values);
    }

    /** Options written inside an {@code $expand} item's parentheses, separated by semicolons. */
    static QueryOptions nested(final String text) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String part : splitTopLevel(text, ';')) {
            final int equals = part.indexOf('=');
            if (equals < 0) {
                throw BcApiError.badRequest("Syntax error in nested query options '" + text + "'.");
            }
            values.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
        }
        return new QueryOptions(values);
    }

    String get(final String name) {
        return values.get(name);
    }

    Map<String, String> all() {
        return values;
    }

    Integer integer(final String name) {
        final String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            final int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (final NumberFormatException e) {
            throw BcApiError.badRequest("Invalid value '" + value + "' for query option '" + name + "': a non-negative integer is expected.");
        }
    }

    /** Splits at the separator where it is not inside parentheses or a quoted string. */
    static List<String> splitTopLevel(final String text, final char separator) {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == separator) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        final String last = text.substring(start).trim();
        if (!last.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    private static String decode(final String text) {
        // As on BC's web front end, '+' decodes to a space: a client must send a date-time offset's plus as %2B.
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
