package io.nifiecommerce.shopify;

import io.nifiecommerce.catalog.CatalogDocuments;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every document the bundle sends must validate against the Admin SDL of each version in {@link ApiVersion#SCHEMA_VALIDATED}. */
class ShopifyDocumentValidationTest {

    static Stream<Arguments> documents() {
        final List<Arguments> arguments = new ArrayList<>();
        for (final String version : ApiVersion.SCHEMA_VALIDATED) {
            for (final ShopifyDocument document : ShopifyDocument.sent()) {
                arguments.add(Arguments.of(version, document.resource(), document.text()));
            }
            for (final String resource : CatalogDocuments.RESOURCES) {
                arguments.add(Arguments.of(version, "catalog/" + resource, CatalogDocuments.load(resource)));
            }
            arguments.add(Arguments.of(version, "bulk-orders.graphql (filled)",
                    ShopifyDocument.bulkOrdersQuery("updated_at:>='2026-01-01T00:00:00Z' tag:\"b2b\"")));
        }
        return arguments.stream();
    }

    @org.junit.jupiter.api.Test
    void aFieldTheSchemaDoesNotHaveIsReported() {
        final Document document = Parser.parse("query { orders(first: 1) { nodes { id notAField } } }");
        assertTrue(!new Validator().validateDocument(ShopifyAdminSdl.schema("2026-04"), document, Locale.ROOT).isEmpty());
    }

    @ParameterizedTest(name = "{1} against {0}")
    @MethodSource("documents")
    void validatesAgainstTheSdl(final String version, final String name, final String text) {
        final Document document = Parser.parse(text);
        final List<ValidationError> errors = new Validator().validateDocument(ShopifyAdminSdl.schema(version), document, Locale.ROOT);
        assertTrue(errors.isEmpty(), name + " against " + version + ": " + errors);
    }
}
