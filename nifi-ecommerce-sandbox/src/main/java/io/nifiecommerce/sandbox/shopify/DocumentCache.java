package io.nifiecommerce.sandbox.shopify;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsed and validated documents by query text, so each distinct query is parsed and validated
 * against the (large) schema once. Bounded: the least recently used entries leave first.
 */
final class DocumentCache {

    /** A document and its validation errors (empty when valid); {@code document} is null on a syntax error. */
    record Entry(Document document, List<GraphQLError> errors) {
    }

    private final graphql.schema.GraphQLSchema schema;
    private final Map<String, Entry> entries;

    DocumentCache(final graphql.schema.GraphQLSchema schema, final int capacity) {
        this.schema = schema;
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, DocumentCache.Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    Entry get(final String query) {
        synchronized (entries) {
            final Entry cached = entries.get(query);
            if (cached != null) {
                return cached;
            }
        }
        final Entry entry = parseAndValidate(query);
        synchronized (entries) {
            entries.put(query, entry);
        }
        return entry;
    }

    private Entry parseAndValidate(final String query) {
        final Document document;
        try {
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (final InvalidSyntaxException e) {
            return new Entry(null, List.of(e.toInvalidSyntaxError()));
        }
        final List<ValidationError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        return new Entry(document, List.copyOf(errors));
    }
}
