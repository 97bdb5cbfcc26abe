package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A parsed OData {@code $filter}: {@code eq ne gt ge lt le}, {@code and or not}, parentheses,
 * {@code in (...)}, and the string functions {@code contains startswith endswith}, applied to the
 * scalar fields of one entity type. Recursive descent over {@link FilterLexer}'s tokens:
 * <pre>
 * or      := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | primary
 * primary := "(" or ")" | function "(" field "," literal ")" | field op literal | field "in" "(" literal ("," literal)* ")"
 * </pre>
 * Unknown fields and incompatible literals are BC's 400 errors.
 */
public final class ODataFilter implements Predicate<JsonNode> {

    private final Predicate<JsonNode> root;

    private ODataFilter(final Predicate<JsonNode> root) {
        this.root = root;
    }

    public static ODataFilter parse(final String expression, final BcEntityType type) {
        final Parser parser = new Parser(new FilterLexer(expression).tokens(), type, expression);
        final Predicate<JsonNode> root = parser.or();
        parser.expectEnd();
        return new ODataFilter(root);
    }

    @Override
    public boolean test(final JsonNode row) {
        return root.test(row);
    }

    private enum Operator {
        EQ("Equal"), NE("NotEqual"), GT("GreaterThan"), GE("GreaterThanOrEqual"), LT("LessThan"), LE("LessThanOrEqual");

        private final String kind;

        Operator(final String kind) {
            this.kind = kind;
        }

        boolean holds(final int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
            };
        }
    }

    private static final class Parser {
        private final List<FilterToken> tokens;
        private final BcEntityType type;
        private final String expression;
        private int position;

        Parser(final List<FilterToken> tokens, final BcEntityType type, final String expression) {
            this.tokens = tokens;
            this.type = type;
            this.expression = expression;
        }

        Predicate<JsonNode> or() {
            Predicate<JsonNode> left = and();
            while (peek().isWord("or")) {
                position++;
                left = left.or(and());
            }
            return left;
        }

        Predicate<JsonNode> and() {
            Predicate<JsonNode> left = unary();
            while (peek().isWord("and")) {
                position++;
                left = left.and(unary());
            }
            return left;
        }

        Predicate<JsonNode> unary() {
            if (peek().isWord("not")) {
                position++;
                return unary().negate();
            }
            return primary();
        }

        Predicate<JsonNode> primary() {
            final FilterToken token = next();
            if (token.kind() == FilterToken.Kind.OPEN) {
                final Predicate<JsonNode> inner = or();
                expect(FilterToken.Kind.CLOSE);
                return inner;
            }
            if (token.kind() != FilterToken.Kind.IDENTIFIER) {
                throw error("expected a property name", token);
            }
            if (peek().kind() == FilterToken.Kind.OPEN) {
                return function(token);
            }
            final BcField field = type.require(token.text());
            final FilterToken operator = next();
            if (operator.isWord("in")) {
                expect(FilterToken.Kind.OPEN);
                final List<Comparable<Object>> values = new ArrayList<>();
                do {
                    values.add(literal(field, next(), Operator.EQ));
                } while (accept(FilterToken.Kind.COMMA));
                expect(FilterToken.Kind.CLOSE);
                return row -> {
                    final Comparable<Object> actual = fieldValue(field, row.get(field.name()));
                    return values.stream().anyMatch(value -> compare(actual, value) == 0);
                };
            }
            final Operator op = operator(operator);
            final FilterToken literalToken = next();
            if (literalToken.isWord("null")) {
                return row -> {
                    final JsonNode value = row.get(field.name());
                    final boolean isNull = value == null || value.isNull();
                    return op == Operator.EQ ? isNull : op == Operator.NE ? !isNull : false;
                };
            }
            final Comparable<Object> literal = literal(field, literalToken, op);
            return row -> {
                final Comparable<Object> actual = fieldValue(field, row.get(field.name()));
                return actual != null && op.holds(compare(actual, literal));
            };
        }

        private Predicate<JsonNode> function(final FilterToken name) {
            final String function = name.text().toLowerCase(Locale.ROOT);
            if (!function.equals("contains") && !function.equals("startswith") && !function.equals("endswith")) {
                throw BcApiError.badRequest("An unknown function with name '" + name.text() + "' was found.");
            }
            expect(FilterToken.Kind.OPEN);
            final FilterToken fieldToken = next();
            if (fieldToken.kind() != FilterToken.Kind.IDENTIFIER) {
                throw error("expected a property name", fieldToken);
            }
            final BcField field = type.require(fieldToken.text());
            expect(FilterToken.Kind.COMMA);
            final FilterToken literalToken = next();
            if (literalToken.kind() != FilterToken.Kind.STRING) {
                throw error("expected a string literal", literalToken);
            }
            expect(FilterToken.Kind.CLOSE);
            final String needle = field.type() == BcFieldType.CODE
                    ? literalToken.text().toUpperCase(Locale.ROOT) : literalToken.text();
            return row -> {
                final JsonNode value = row.get(field.name());
                if (value == null || value.isNull()) {
                    return false;
                }
                final String text = value.asText();
                return switch (function) {
                    case "contains" -> text.contains(needle);
                    case "startswith" -> text.startsWith(needle);
                    default -> text.endsWith(needle);
                };
            };
        }

        private Operator operator(final FilterToken token) {
            if (token.kind() == FilterToken.Kind.IDENTIFIER) {
                switch (token.text()) {
                    case "eq": return Operator.EQ;
                    case "ne": return Operator.NE;
                    case "gt": return Operator.GT;
                    case "ge": return Operator.GE;
                    case "lt": return Operator.LT;
                    case "le": return Operator.LE;
                    default: break;
                }
            }
            throw error("expected a comparison operator", token);
        }

        /** The literal converted to the field's type, or BC's incompatible-types error. */
        @SuppressWarnings("unchecked")
        private Comparable<Object> literal(final BcField field, final FilterToken token, final Operator op) {
            final FilterToken.Kind kind = token.kind();
            try {
                final Comparable<?> value = switch (field.type()) {
                    case STRING, ENUM -> kind == FilterToken.Kind.STRING ? token.text() : null;
                    case CODE -> kind == FilterToken.Kind.STRING ? token.text().trim().toUpperCase(Locale.ROOT) : null;
                    case GUID -> kind == FilterToken.Kind.GUID || kind == FilterToken.Kind.STRING && FilterLexer.isGuid(token.text())
                            ? token.text().toLowerCase(Locale.ROOT) : null;
                    case DECIMAL, INTEGER -> kind == FilterToken.Kind.NUMBER ? new BigDecimal(stripSuffix(token.text())) : null;
                    case BOOLEAN -> token.isWord("true") ? Boolean.TRUE : token.isWord("false") ? Boolean.FALSE : null;
                    case DATE -> kind == FilterToken.Kind.DATE ? LocalDate.parse(token.text()) : null;
                    case DATETIME -> kind == FilterToken.Kind.DATETIME ? OffsetDateTime.parse(token.text()).toInstant()
                            : kind == FilterToken.Kind.DATE ? LocalDate.parse(token.text()).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
                };
                if (value == null) {
                    throw BcApiError.badRequest("A binary operator with incompatible types was detected. Found operand types 'Edm."
                            + edmName(field.type()) + "' and '" + literalEdm(kind) + "' for operator kind '" + op.kind + "'.");
                }
                return (Comparable<Object>) value;
            } catch (final NumberFormatException | DateTimeParseException e) {
                throw error("invalid literal", token);
            }
        }

        private static String stripSuffix(final String number) {
            final char last = number.charAt(number.length() - 1);
            return last == 'M' || last == 'm' || last == 'd' || last == 'D' || last == 'L' ? number.substring(0, number.length() - 1) : number;
        }

        private boolean accept(final FilterToken.Kind kind) {
            if (peek().kind() == kind) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(final FilterToken.Kind kind) {
            final FilterToken token = next();
            if (token.kind() != kind) {
                throw error("expected " + kind.name().toLowerCase(Locale.ROOT), token);
            }
        }

        void expectEnd() {
            final FilterToken token = peek();
            if (token.kind() != FilterToken.Kind.END) {
                throw error("unexpected '" + token.text() + "'", token);
            }
        }

        private FilterToken peek() {
            return tokens.get(position);
        }

        private FilterToken next() {
            final FilterToken token = tokens.get(position);
            if (token.kind() != FilterToken.Kind.END) {
                position++;
            }
            return token;
        }

        private BcApiError error(final String what, final FilterToken token) {
            return BcApiError.badRequest("Syntax error at position " + token.position() + " in '" + expression + "': " + what + ".");
        }
    }

    /** The stored value as a comparable of the same class the literal conversion produces. */
    @SuppressWarnings("unchecked")
    static Comparable<Object> fieldValue(final BcField field, final JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        final Comparable<?> value = switch (field.type()) {
            case STRING, ENUM, CODE -> node.asText();
            case GUID -> node.asText().toLowerCase(Locale.ROOT);
            case DECIMAL, INTEGER -> node.decimalValue();
            case BOOLEAN -> node.asBoolean();
            case DATE -> node.asText().isEmpty() ? LocalDate.of(1, 1, 1) : LocalDate.parse(node.asText());
            case DATETIME -> Instant.parse(node.asText());
        };
        return (Comparable<Object>) value;
    }

    static int compare(final Comparable<Object> actual, final Comparable<Object> literal) {
        if (actual == null) {
            return literal == null ? 0 : -1;
        }
        return actual.compareTo(literal);
    }

    private static String edmName(final BcFieldType type) {
        return switch (type) {
            case STRING, CODE, ENUM -> "String";
            case GUID -> "Guid";
            case DECIMAL -> "Decimal";
            case INTEGER -> "Int32";
            case BOOLEAN -> "Boolean";
            case DATE -> "Date";
            case DATETIME -> "DateTimeOffset";
        };
    }

    private static String literalEdm(final FilterToken.Kind kind) {
        return switch (kind) {
            case STRING -> "Edm.String";
            case NUMBER -> "Edm.Decimal";
            case DATE -> "Edm.Date";
            case DATETIME -> "Edm.DateTimeOffset";
            case GUID -> "Edm.Guid";
            default -> "Edm.Boolean";
        };
    }
}
