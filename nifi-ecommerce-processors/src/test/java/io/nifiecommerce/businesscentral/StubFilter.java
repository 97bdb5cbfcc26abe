package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Evaluates the OData $filter subset the bundle sends: {@code and}, {@code or}, parentheses,
 * {@code eq ne gt ge lt le}, {@code in (...)}, quoted strings with {@code ''} escapes, bare
 * timestamps and numbers. Text compares case-insensitively, as BC's default collation does.
 */
final class StubFilter {

    private final List<String> tokens;
    private int position;

    private StubFilter(final List<String> tokens) {
        this.tokens = tokens;
    }

    static Predicate<JsonNode> parse(final String filter) {
        final StubFilter parser = new StubFilter(tokenize(filter));
        final Predicate<JsonNode> predicate = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return predicate;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (peek("or")) {
            position++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = primary();
        while (peek("and")) {
            position++;
            left = left.and(primary());
        }
        return left;
    }

    private Predicate<JsonNode> primary() {
        if (peek("(")) {
            position++;
            final Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        final String field = next();
        final String operator = next();
        if (operator.equals("in")) {
            expect("(");
            final List<String> values = new ArrayList<>();
            values.add(literal(next()));
            while (peek(",")) {
                position++;
                values.add(literal(next()));
            }
            expect(")");
            return r -> values.stream().anyMatch(v -> v.equalsIgnoreCase(r.path(field).asText(null)));
        }
        final String value = literal(next());
        return r -> {
            final String actual = r.path(field).asText(null);
            if (actual == null) {
                return false;
            }
            final int c = compare(actual, value);
            return switch (operator) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                case "le" -> c <= 0;
                default -> throw new IllegalArgumentException("operator " + operator);
            };
        };
    }

    private static int compare(final String actual, final String value) {
        try {
            return Instant.parse(actual).compareTo(Instant.parse(value));
        } catch (final DateTimeParseException notTime) {
            try {
                return new BigDecimal(actual).compareTo(new BigDecimal(value));
            } catch (final NumberFormatException notNumber) {
                return actual.compareToIgnoreCase(value);
            }
        }
    }

    private static String literal(final String token) {
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return token;
    }

    private boolean peek(final String token) {
        return position < tokens.size() && tokens.get(position).equals(token);
    }

    private String next() {
        if (position >= tokens.size()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return tokens.get(position++);
    }

    private void expect(final String token) {
        if (!peek(token)) {
            throw new IllegalArgumentException("expected " + token);
        }
        position++;
    }

    private static List<String> tokenize(final String text) {
        final List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            final char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                final StringBuilder s = new StringBuilder("'");
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated string");
                    }
                    if (text.charAt(i) == '\'') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            s.append("''");
                            i += 2;
                            continue;
                        }
                        s.append('\'');
                        i++;
                        break;
                    }
                    s.append(text.charAt(i++));
                }
                out.add(s.toString());
            } else {
                final int start = i;
                while (i < text.length() && " (),".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
