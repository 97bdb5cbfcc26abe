package io.nifiecommerce.sandbox.bc;

/** One lexical token of an OData {@code $filter} expression. */
record FilterToken(Kind kind, String text, int position) {

    enum Kind {
        IDENTIFIER, STRING, NUMBER, DATE, DATETIME, GUID, OPEN, CLOSE, COMMA, END
    }

    boolean isWord(final String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }
}
