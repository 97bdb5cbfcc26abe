package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random filter expressions, printed as OData text and parsed back, must select the same rows as a
 * reference evaluation of the expression tree they were printed from: this checks precedence,
 * parentheses, quoting, {@code in} lists and the typed comparisons of the parser.
 */
class ODataFilterPropertiesTest {

    /**
     * An expression tree: its OData text, its reference meaning, and whether the text is atomic
     * (a comparison, a parenthesized group or a negation) so that it can be joined without parentheses.
     */
    private record Expression(String text, Predicate<ObjectNode> meaning, boolean atomic) {

        Expression(final String text, final Predicate<ObjectNode> meaning) {
            this(text, meaning, true);
        }

        String operand() {
            return atomic ? text : "(" + text + ")";
        }
    }

    private static final List<String> REFERENCES = List.of("SHOP-1", "SHOP-2", "O'HARA", "A B", "X");

    @Property(tries = 300)
    void parsedFiltersSelectWhatTheyMean(@ForAll("expressions") final Expression expression) {
        final ODataFilter filter = ODataFilter.parse(expression.text(), BcEntityType.SALES_ORDER);
        for (int r = 0; r < REFERENCES.size(); r++) {
            for (final int amount : new int[] {0, 5, 10, 50}) {
                final ObjectNode row = EntityBody.blank(BcEntityType.SALES_ORDER);
                row.put("externalDocumentNumber", REFERENCES.get(r)).put("totalAmountIncludingTax", new BigDecimal(amount))
                        .put("fullyShipped", amount > 5);
                assertEquals(expression.meaning().test(row), filter.test(row), expression.text() + " on " + row.get("externalDocumentNumber")
                        + "/" + amount);
            }
        }
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return expression(3);
    }

    private static Arbitrary<Expression> expression(final int depth) {
        if (depth == 0) {
            return leaf();
        }
        final Arbitrary<Expression> smaller = Arbitraries.lazy(() -> expression(depth - 1));
        final Arbitrary<Expression> and = Combinators.combine(smaller, smaller).as((a, b) ->
                new Expression(a.operand() + " and " + b.operand(), a.meaning().and(b.meaning()), false));
        final Arbitrary<Expression> or = Combinators.combine(smaller, smaller).as((a, b) ->
                new Expression(a.operand() + " or " + b.operand(), a.meaning().or(b.meaning()), false));
        final Arbitrary<Expression> grouped = smaller.map(a -> new Expression("(" + a.text() + ")", a.meaning()));
        final Arbitrary<Expression> negated = smaller.map(a -> new Expression("not (" + a.text() + ")", a.meaning().negate()));
        // Printed without parentheses, "a or b and c" must mean "a or (b and c)": build both sides of that law.
        final Arbitrary<Expression> precedence = Combinators.combine(smaller, smaller, smaller).as((a, b, c) ->
                new Expression(a.operand() + " or " + b.operand() + " and " + c.operand(), a.meaning().or(b.meaning().and(c.meaning())), false));
        return Arbitraries.oneOf(leaf(), grouped, negated, precedence,
                Combinators.combine(smaller, smaller).as((a, b) -> new Expression("(" + a.text() + ") and (" + b.text() + ")",
                        a.meaning().and(b.meaning()), false)),
                Combinators.combine(smaller, smaller).as((a, b) -> new Expression("(" + a.text() + ") or (" + b.text() + ")",
                        a.meaning().or(b.meaning()), false)),
                and, or);
    }

    private static Arbitrary<Expression> leaf() {
        final Arbitrary<String> reference = Arbitraries.of(REFERENCES);
        final Arbitrary<Expression> equals = reference.map(value -> new Expression("externalDocumentNumber eq " + quote(value),
                row -> row.path("externalDocumentNumber").asText().equals(value)));
        final Arbitrary<Expression> notEquals = reference.map(value -> new Expression("externalDocumentNumber ne " + quote(value),
                row -> !row.path("externalDocumentNumber").asText().equals(value)));
        final Arbitrary<Expression> in = reference.list().ofMinSize(1).ofMaxSize(3).map(values -> new Expression(
                "externalDocumentNumber in (" + String.join(", ", values.stream().map(ODataFilterPropertiesTest::quote).toList()) + ")",
                row -> values.contains(row.path("externalDocumentNumber").asText())));
        final Arbitrary<Expression> amount = Combinators.combine(Arbitraries.of("eq", "ne", "gt", "ge", "lt", "le"),
                Arbitraries.of(0, 5, 7, 10, 50)).as((op, value) -> new Expression("totalAmountIncludingTax " + op + " " + value,
                row -> holds(op, row.path("totalAmountIncludingTax").decimalValue().compareTo(BigDecimal.valueOf(value)))));
        final Arbitrary<Expression> flag = Arbitraries.of(true, false).map(value -> new Expression("fullyShipped eq " + value,
                row -> row.path("fullyShipped").asBoolean() == value));
        return Arbitraries.oneOf(equals, notEquals, in, amount, flag);
    }

    private static String quote(final String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static boolean holds(final String op, final int comparison) {
        return switch (op) {
            case "eq" -> comparison == 0;
            case "ne" -> comparison != 0;
            case "gt" -> comparison > 0;
            case "ge" -> comparison >= 0;
            case "lt" -> comparison < 0;
            default -> comparison <= 0;
        };
    }
}
