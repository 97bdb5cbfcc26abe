package io.nifiecommerce.stock;

import io.nifiecommerce.shopify.ApiVersion;
import io.nifiecommerce.shopify.ShopifyAdminSdl;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every stock GraphQL document validates against the Admin API SDL of each schema-validated version. */
class StockDocumentsSchemaTest {

    private static final List<String> VERSIONS = ApiVersion.SCHEMA_VALIDATED;

    static Stream<String[]> documentsAndVersions() {
        final List<String[]> cases = new ArrayList<>();
        for (String resource : StockDocuments.RESOURCES) {
            for (String version : VERSIONS) {
                cases.add(new String[] {resource, version});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("documentsAndVersions")
    void documentValidatesAgainstSdl(String resource, String version) {
        final Document document = Parser.parse(StockDocuments.load(resource));

        final List<ValidationError> errors = new Validator().validateDocument(ShopifyAdminSdl.schema(version), document, Locale.ENGLISH);

        assertTrue(errors.isEmpty(), () -> resource + " against " + version + ": " + errors);
    }

    @Test
    void validatorCatchesAnUnknownField() {
        // guards the test itself: a wrong document must fail
        final Document document = Parser.parse("query { productVariants(first: 1) { nodes { stockOnHand } } }");

        final List<ValidationError> errors = new Validator().validateDocument(ShopifyAdminSdl.schema("2026-04"), document, Locale.ENGLISH);

        assertFalse(errors.isEmpty());
    }

    @Test
    void everyResourceIsListed() throws IOException {
        final Path dir = Path.of("src", "main", "resources", "io", "nifiecommerce", "stock");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".graphql")).sorted().toList(),
                    StockDocuments.RESOURCES.stream().sorted().toList());
        }
    }
}
