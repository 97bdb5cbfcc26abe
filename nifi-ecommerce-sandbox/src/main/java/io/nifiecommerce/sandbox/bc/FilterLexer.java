package io.nifiecommerce.sandbox.bc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code $filter} expression into tokens. Literals follow OData's ABNF: strings in single
 * quotes with {@code ''} as the escaped quote, numbers, dates ({@code 2026-08-18}), date-times
 * ({@code 2026-08-18T20:05:51.677Z}) and bare GUIDs.
 */
final class FilterLexer {

    private final String text;
    private int index;

    FilterLexer(final String text) {
        this.text = text;
    }

    List<FilterToken> tokens() {
        final List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (index >= text.length()) {
                tokens.add(new FilterToken(FilterToken.Kind.END, "", index));
                return tokens;
            }
            final char c = text.charAt(index);
            final int start = index;
            if (c == '(') {
                index++;
                tokens.add(new FilterToken(FilterToken.Kind.OPEN, "(", start));
            } else if (c == ')') {
                index++;
                tokens.add(new FilterToken(FilterToken.Kind.CLOSE, ")", start));
            } else if (c == ',') {
                index++;
                tokens.add(new FilterToken(FilterToken.Kind.COMMA, ",", start));
            } else if (c == '\'') {
                tokens.add(new FilterToken(FilterToken.Kind.STRING, quoted(), start));
            } else if (isWordChar(c)) {
                final String word = word();
                tokens.add(new FilterToken(classify(word), word, start));
            } else {
                throw syntaxError("unexpected character '" + c + "'", start);
            }
        }
    }

    private void skipSpaces() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
    }

    private String quoted() {
        final StringBuilder value = new StringBuilder();
        final int start = index;
        index++;
        while (index < text.length()) {
            final char c = text.charAt(index++);
            if (c == '\'') {
                if (index < text.length() && text.charAt(index) == '\'') {
                    value.append('\'');
                    index++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw syntaxError("unterminated string literal", start);
    }

    private String word() {
        final int start = index;
        while (index < text.length() && (isWordChar(text.charAt(index)) || isLiteralPunctuation(text.charAt(index)))) {
            index++;
        }
        return text.substring(start, index);
    }

    private static boolean isWordChar(final char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/';
    }

    private static boolean isLiteralPunctuation(final char c) {
        return c == ':' || c == '.' || c == '+';
    }

    private FilterToken.Kind classify(final String word) {
        if (isGuid(word)) {
            return FilterToken.Kind.GUID;
        }
        final char first = word.charAt(0);
        final boolean numeric = Character.isDigit(first) || (first == '-' && word.length() > 1 && Character.isDigit(word.charAt(1)));
        if (!numeric) {
            return FilterToken.Kind.IDENTIFIER;
        }
        if (isDate(word, 0)) {
            return word.length() == 10 ? FilterToken.Kind.DATE : FilterToken.Kind.DATETIME;
        }
        return FilterToken.Kind.NUMBER;
    }

    /** yyyy-mm-dd at the given offset, by character classes. */
    private static boolean isDate(final String word, final int offset) {
        if (word.length() < offset + 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            final char c = word.charAt(offset + i);
            final boolean dash = i == 4 || i == 7;
            if (dash ? c != '-' : !Character.isDigit(c)) {
                return false;
            }
        }
        return word.length() == 10 || word.charAt(offset + 10) == 'T';
    }

    static boolean isGuid(final String word) {
        if (word.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            final char c = word.charAt(i);
            final boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private BcApiError syntaxError(final String what, final int position) {
        return BcApiError.badRequest("Syntax error at position " + position + " in '" + text + "': " + what + ".");
    }
}
