package io.nifiecommerce.sandbox.shopify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * Shopify's search syntax as the sandbox understands it: terms {@code field:value}, comparators
 * {@code > >= < <=} on the value, values quoted with ' or ", a leading {@code -} (or {@code NOT}) to
 * negate, implicit AND between terms and {@code OR} between neighbours: {@code a OR b c} is
 * {@code (a OR b) AND c}. A bare word is a term without a field.
 */
final class SearchQuery {

    /** One term; {@code field} is null for free text, {@code comparator} one of ":", ">", ">=", "<", "<=". */
    record Term(String field, String comparator, String value, boolean negated, Instant time) {

        Term(final String field, final String comparator, final String value, final boolean negated) {
            this(field, comparator, value, negated, parseInstant(value));
        }

        /** The value as an instant (parsed once): a date means its start (UTC); null when not a time. */
        Instant instant() {
            return time;
        }

        private static Instant parseInstant(final String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (final DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (final DateTimeParseException notDate) {
                    try {
                        return java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                    } catch (final DateTimeParseException notLocal) {
                        return null;
                    }
                }
            }
        }

        /** Compares an instant to this term's time; a term that is not a time matches nothing. */
        boolean matchesTime(final Instant actual) {
            final Instant expected = instant();
            if (expected == null || actual == null) {
                return false;
            }
            final int order = actual.compareTo(expected);
            return switch (comparator) {
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                default -> value.length() == 10 ? !actual.isBefore(expected) && actual.isBefore(expected.plusSeconds(86_400))
                        : order == 0;
            };
        }

        /** Compares a number to this term's value. */
        boolean matchesNumber(final double actual) {
            final double expected;
            try {
                expected = Double.parseDouble(value);
            } catch (final NumberFormatException e) {
                return false;
            }
            return switch (comparator) {
                case ">" -> actual > expected;
                case ">=" -> actual >= expected;
                case "<" -> actual < expected;
                case "<=" -> actual <= expected;
                default -> actual == expected;
            };
        }
    }

    private final List<List<Term>> groups;

    private SearchQuery(final List<List<Term>> groups) {
        this.groups = groups;
    }

    static SearchQuery parse(final String query) {
        final List<List<Term>> groups = new ArrayList<>();
        if (query == null || query.isBlank()) {
            return new SearchQuery(groups);
        }
        boolean joinNext = false;
        boolean negateNext = false;
        for (final String token : tokens(query)) {
            if (token.equals("OR")) {
                joinNext = !groups.isEmpty();
                continue;
            }
            if (token.equals("AND")) {
                continue;
            }
            if (token.equals("NOT")) {
                negateNext = true;
                continue;
            }
            final Term term = term(token, negateNext);
            negateNext = false;
            if (joinNext) {
                groups.get(groups.size() - 1).add(term);
                joinNext = false;
            } else {
                groups.add(new ArrayList<>(List.of(term)));
            }
        }
        return new SearchQuery(groups);
    }

    /** Whether a record matches: each group must have one matching term; {@code matcher} judges a term (ignoring negation). */
    <T> boolean matches(final T record, final BiPredicate<T, Term> matcher) {
        for (final List<Term> group : groups) {
            boolean any = false;
            for (final Term term : group) {
                if (matcher.test(record, term) != term.negated()) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    List<Term> terms() {
        return groups.stream().flatMap(List::stream).toList();
    }

    private static Term term(final String token, final boolean negated) {
        String text = token;
        boolean negate = negated;
        if (text.startsWith("-") && text.length() > 1) {
            negate = !negate;
            text = text.substring(1);
        }
        final int colon = text.indexOf(':');
        if (colon <= 0) {
            return new Term(null, ":", unquote(text), negate);
        }
        final String field = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1);
        String comparator = ":";
        for (final String candidate : List.of(">=", "<=", ">", "<")) {
            if (value.startsWith(candidate)) {
                comparator = candidate;
                value = value.substring(candidate.length());
                break;
            }
        }
        return new Term(field, comparator, unquote(value.trim()), negate);
    }

    private static String unquote(final String value) {
        if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"') && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Splits on blanks outside quotes; parentheses are dropped. */
    private static List<String> tokens(final String query) {
        final List<String> tokens = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        char quote = 0;
        for (final char c : query.toCharArray()) {
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (Character.isWhitespace(c) || c == '(' || c == ')') {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
