package io.nifiecommerce.shopify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Worst-case cost of a GraphQL document by Shopify's published cost rules, computed before sending
 * it, so that a page size can be chosen that keeps a query under the 1000-point single-query limit.
 * It needs no schema: Shopify's documents follow Relay conventions, so a field's shape tells its kind.
 * <ul>
 *     <li>a scalar or enum (no selection set), {@code __typename}: 0</li>
 *     <li>an object, and a list of objects (Shopify charges the list once): 1 + its children</li>
 *     <li>a connection (a selection with {@code nodes} or {@code edges}): 2 + {@code first}/{@code last} x
 *     the cost of one node; {@code pageInfo} and {@code cursor} are part of the 2</li>
 *     <li>a union or interface ({@code ... on T}): the most expensive fragment</li>
 *     <li>a mutation: 10 + the cost of its payload selection, or its defined cost where Shopify set one
 *     (observed: {@code fulfillmentTrackingInfoUpdate} requests 51 for a 3-point payload)</li>
 *     <li>a count field ({@code ordersCount { count precision }}): 10, Shopify's defined cost</li>
 * </ul>
 * These are upper bounds: Shopify's real {@code requestedQueryCost} is lower for large connections
 * (it sizes them sub-linearly), never higher, which the unit test checks against captured responses.
 */
public final class QueryCostEstimator {

    static final int MUTATION_COST = 10;
    /** Mutations Shopify charges more than the default, as seen in captured responses. */
    static final Map<String, Integer> DEFINED_MUTATION_COSTS = Map.of(
            "fulfillmentTrackingInfoUpdate", 50,
            "fulfillmentTrackingInfoUpdateV2", 50);
    static final int COUNT_COST = 10;
    /** What a connection without first/last (bulk queries only) is assumed to hold. */
    static final int UNSIZED_CONNECTION = 250;

    private QueryCostEstimator() {
    }

    /** Cost of the first operation of the document with the variables given (page sizes are usually variables). */
    public static int estimate(final String document, final Map<String, ?> variables) {
        final Parser parser = new Parser(document);
        final Operation operation = parser.document();
        final Map<String, Object> values = new HashMap<>(operation.defaults);
        if (variables != null) {
            values.putAll(variables);
        }
        int total = 0;
        for (final Selection root : operation.selections) {
            if (operation.mutation && root.field != null) {
                total += DEFINED_MUTATION_COSTS.getOrDefault(root.field.name, MUTATION_COST)
                        + childrenCost(root.field.selections, values, parser.fragments);
            } else {
                total += cost(root, values, parser.fragments);
            }
        }
        return total;
    }

    private static int cost(final Selection selection, final Map<String, Object> values, final Map<String, List<Selection>> fragments) {
        if (selection.fragmentOn != null) {
            return childrenCost(selection.selections, values, fragments);
        }
        if (selection.spread != null) {
            final List<Selection> fragment = fragments.get(selection.spread);
            if (fragment == null) {
                throw new IllegalArgumentException("Unknown fragment " + selection.spread);
            }
            return childrenCost(fragment, values, fragments);
        }
        final Field field = selection.field;
        if (field.selections.isEmpty() || field.name.equals("__typename")) {
            return 0;
        }
        if (field.name.endsWith("Count") && hasOnly(field.selections, "count", "precision")) {
            return COUNT_COST;
        }
        final Field nodes = child(field.selections, "nodes");
        final Field edges = child(field.selections, "edges");
        if (nodes != null || edges != null) {
            int nodeCost = 0;
            if (nodes != null) {
                nodeCost = 1 + childrenCost(nodes.selections, values, fragments);
            }
            if (edges != null) {
                final Field node = child(edges.selections, "node");
                if (node != null) {
                    nodeCost = Math.max(nodeCost, 1 + childrenCost(node.selections, values, fragments));
                }
            }
            return 2 + size(field, values) * nodeCost;
        }
        return 1 + childrenCost(field.selections, values, fragments);
    }

    /** Plain fields add up; inline fragments on a union or interface are alternatives: the costliest counts. */
    private static int childrenCost(final List<Selection> selections, final Map<String, Object> values,
                                    final Map<String, List<Selection>> fragments) {
        int sum = 0;
        int costliestAlternative = 0;
        for (final Selection selection : selections) {
            final int cost = cost(selection, values, fragments);
            if (selection.fragmentOn != null) {
                costliestAlternative = Math.max(costliestAlternative, cost);
            } else {
                sum += cost;
            }
        }
        return sum + costliestAlternative;
    }

    private static int size(final Field connection, final Map<String, Object> values) {
        for (final String name : List.of("first", "last")) {
            final String argument = connection.arguments.get(name);
            if (argument == null) {
                continue;
            }
            final Object value = argument.startsWith("$") ? values.get(argument.substring(1)) : argument;
            if (value == null) {
                continue;
            }
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("Connection " + connection.name + " has a non-numeric " + name + ": " + value);
            }
        }
        return UNSIZED_CONNECTION;
    }

    private static Field child(final List<Selection> selections, final String name) {
        for (final Selection selection : selections) {
            if (selection.field != null && selection.field.name.equals(name)) {
                return selection.field;
            }
        }
        return null;
    }

    private static boolean hasOnly(final List<Selection> selections, final String... names) {
        final List<String> allowed = List.of(names);
        for (final Selection selection : selections) {
            if (selection.field == null || !allowed.contains(selection.field.name)) {
                return false;
            }
        }
        return true;
    }

    private record Operation(boolean mutation, List<Selection> selections, Map<String, Object> defaults) {
    }

    private record Field(String name, Map<String, String> arguments, List<Selection> selections) {
    }

    /** One of: a field, an inline fragment ({@code fragmentOn}), a fragment spread ({@code spread}). */
    private record Selection(Field field, String fragmentOn, String spread, List<Selection> selections) {
    }

    /** Just enough of a GraphQL parser for executable documents: selections, arguments, fragments. */
    private static final class Parser {
        private final String text;
        private int position;
        private final Map<String, List<Selection>> fragments = new HashMap<>();

        Parser(final String text) {
            this.text = text;
        }

        Operation document() {
            Operation first = null;
            skipIgnored();
            while (position < text.length()) {
                if (peek() == '{') {
                    final Operation operation = new Operation(false, selectionSet(), Map.of());
                    first = first == null ? operation : first;
                } else {
                    final String keyword = name();
                    if (keyword.equals("fragment")) {
                        final String fragmentName = name();
                        expectName("on");
                        name();
                        skipDirectives();
                        fragments.put(fragmentName, selectionSet());
                    } else if (keyword.equals("query") || keyword.equals("mutation") || keyword.equals("subscription")) {
                        final Map<String, Object> defaults = new HashMap<>();
                        skipIgnored();
                        if (position < text.length() && isNameStart(peek())) {
                            name();
                        }
                        skipIgnored();
                        if (peek() == '(') {
                            variableDefinitions(defaults);
                        }
                        skipDirectives();
                        final Operation operation = new Operation(keyword.equals("mutation"), selectionSet(), defaults);
                        first = first == null ? operation : first;
                    } else {
                        throw error("expected an operation or a fragment, found '" + keyword + "'");
                    }
                }
                skipIgnored();
            }
            if (first == null) {
                throw error("the document has no operation");
            }
            return first;
        }

        private void variableDefinitions(final Map<String, Object> defaults) {
            expect('(');
            skipIgnored();
            while (peek() != ')') {
                expect('$');
                final String variable = name();
                expect(':');
                skipType();
                skipIgnored();
                if (peek() == '=') {
                    position++;
                    defaults.put(variable, value());
                }
                skipDirectives();
                skipIgnored();
            }
            expect(')');
        }

        private void skipType() {
            skipIgnored();
            if (peek() == '[') {
                position++;
                skipType();
                expect(']');
            } else {
                name();
            }
            skipIgnored();
            if (position < text.length() && peek() == '!') {
                position++;
            }
        }

        private List<Selection> selectionSet() {
            expect('{');
            final List<Selection> selections = new ArrayList<>();
            skipIgnored();
            while (peek() != '}') {
                selections.add(selection());
                skipIgnored();
            }
            expect('}');
            return selections;
        }

        private Selection selection() {
            skipIgnored();
            if (text.startsWith("...", position)) {
                position += 3;
                skipIgnored();
                final String word = isNameStart(peek()) ? name() : null;
                if (word == null || word.equals("on")) {
                    final String type = word == null ? "" : name();
                    skipDirectives();
                    return new Selection(null, type, null, selectionSet());
                }
                skipDirectives();
                return new Selection(null, null, word, List.of());
            }
            String name = name();
            skipIgnored();
            if (peek() == ':') {
                position++;
                name = name();
            }
            final Map<String, String> arguments = new HashMap<>();
            skipIgnored();
            if (peek() == '(') {
                position++;
                skipIgnored();
                while (peek() != ')') {
                    final String argument = name();
                    expect(':');
                    final Object value = value();
                    arguments.put(argument, value == null ? null : value.toString());
                    skipIgnored();
                }
                expect(')');
            }
            skipDirectives();
            skipIgnored();
            final List<Selection> children = position < text.length() && peek() == '{' ? selectionSet() : List.of();
            return new Selection(new Field(name, arguments, children), null, null, children);
        }

        /** Scalars as text (variables as {@code $name}); lists and objects are skipped (null). */
        private Object value() {
            skipIgnored();
            final char c = peek();
            if (c == '$') {
                position++;
                return "$" + name();
            }
            if (c == '"') {
                return string();
            }
            if (c == '[' || c == '{') {
                skipBalanced(c, c == '[' ? ']' : '}');
                return null;
            }
            final int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(peek()) || "-+._".indexOf(peek()) >= 0)) {
                position++;
            }
            final String literal = text.substring(start, position);
            return literal.equals("null") ? null : literal;
        }

        private String string() {
            if (text.startsWith("\"\"\"", position)) {
                final int end = text.indexOf("\"\"\"", position + 3);
                if (end < 0) {
                    throw error("unterminated block string");
                }
                final String value = text.substring(position + 3, end);
                position = end + 3;
                return value;
            }
            position++;
            final StringBuilder value = new StringBuilder();
            while (position < text.length() && peek() != '"') {
                if (peek() == '\\') {
                    position++;
                }
                value.append(text.charAt(position++));
            }
            expect('"');
            return value.toString();
        }

        private void skipBalanced(final char open, final char close) {
            int depth = 0;
            do {
                final char c = text.charAt(position);
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == open) {
                    depth++;
                } else if (c == close) {
                    depth--;
                }
                position++;
            } while (depth > 0 && position < text.length());
        }

        private void skipDirectives() {
            skipIgnored();
            while (position < text.length() && peek() == '@') {
                position++;
                name();
                skipIgnored();
                if (position < text.length() && peek() == '(') {
                    skipBalanced('(', ')');
                }
                skipIgnored();
            }
        }

        private String name() {
            skipIgnored();
            final int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                position++;
            }
            if (start == position) {
                throw error("expected a name");
            }
            return text.substring(start, position);
        }

        private void expectName(final String expected) {
            final String found = name();
            if (!found.equals(expected)) {
                throw error("expected '" + expected + "', found '" + found + "'");
            }
        }

        private void expect(final char expected) {
            skipIgnored();
            if (position >= text.length() || peek() != expected) {
                throw error("expected '" + expected + "'");
            }
            position++;
        }

        private char peek() {
            if (position >= text.length()) {
                throw error("unexpected end of document");
            }
            return text.charAt(position);
        }

        private static boolean isNameStart(final char c) {
            return Character.isLetter(c) || c == '_';
        }

        /** Whitespace, commas and comments are insignificant in GraphQL. */
        private void skipIgnored() {
            while (position < text.length()) {
                final char c = text.charAt(position);
                if (c == '#') {
                    while (position < text.length() && text.charAt(position) != '\n') {
                        position++;
                    }
                } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                    position++;
                } else {
                    return;
                }
            }
        }

        private IllegalArgumentException error(final String message) {
            return new IllegalArgumentException("GraphQL document, offset " + position + ": " + message);
        }
    }
}
