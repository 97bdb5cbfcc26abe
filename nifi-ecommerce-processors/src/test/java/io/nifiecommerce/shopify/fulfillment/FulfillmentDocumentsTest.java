package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.shopify.ApiVersion;
import io.nifiecommerce.shopify.ShopifyAdminSdl;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every document PutShopifyFulfillment sends is valid against the Admin SDL of each schema-validated version and uses no deprecated field. */
class FulfillmentDocumentsTest {

    static Stream<Arguments> documents() {
        final List<Arguments> arguments = new ArrayList<>();
        for (final String version : ApiVersion.SCHEMA_VALIDATED) {
            for (final String document : FulfillmentDocuments.all()) {
                arguments.add(Arguments.of(version, document));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: document {index}")
    @MethodSource("documents")
    void documentIsValidAgainstTheSchema(final String version, final String text) {
        final GraphQLSchema schema = ShopifyAdminSdl.schema(version);
        final Document document = Parser.parse(text);
        final List<ValidationError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        assertEquals(List.of(), errors, () -> "Invalid against " + version + ":\n" + text);
    }

    @ParameterizedTest(name = "{0}: document {index}")
    @MethodSource("documents")
    void documentUsesNoDeprecatedField(final String version, final String text) {
        final GraphQLSchema schema = ShopifyAdminSdl.schema(version);
        final Document document = Parser.parse(text);
        final Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        final List<String> deprecated = new ArrayList<>();
        for (final OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            final GraphQLFieldsContainer root = operation.getOperation() == OperationDefinition.Operation.MUTATION
                    ? schema.getMutationType() : schema.getQueryType();
            walk(schema, root, operation.getSelectionSet(), fragments, deprecated);
        }
        assertTrue(deprecated.isEmpty(), () -> "Deprecated in " + version + ": " + deprecated);
    }

    @Test
    void theValidatorRejectsAnUnknownField() {
        final Document document = Parser.parse("query { order(id: \"gid://shopify/Order/1\") { fulfillmentOrders(first: 1) { nodes { remaining } } } }");
        assertFalse(new Validator().validateDocument(ShopifyAdminSdl.schema("2026-04"), document, Locale.ENGLISH).isEmpty());
    }

    @Test
    void theWalkSeesDeprecatedFields() {
        // the deprecated-field check must be able to fail: fulfillmentTrackingInfoUpdateV2 is deprecated in 2026-04
        final Document document = Parser.parse("mutation { fulfillmentTrackingInfoUpdateV2(fulfillmentId: \"x\", trackingInfoInput: {}) { userErrors { message } } }");
        final List<String> deprecated = new ArrayList<>();
        walk(ShopifyAdminSdl.schema("2026-04"), ShopifyAdminSdl.schema("2026-04").getMutationType(), document.getDefinitionsOfType(OperationDefinition.class).getFirst().getSelectionSet(),
                Map.of(), deprecated);
        assertEquals(List.of("Mutation.fulfillmentTrackingInfoUpdateV2"), deprecated);
    }

    private static void walk(final GraphQLSchema schema, final GraphQLFieldsContainer parent, final SelectionSet selectionSet,
                             final Map<String, FragmentDefinition> fragments, final List<String> deprecated) {
        if (selectionSet == null) {
            return;
        }
        for (final Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                final GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue; // __typename; unknown fields are the validator's business
                }
                if (definition.isDeprecated()) {
                    deprecated.add(parent.getName() + "." + field.getName());
                }
                final GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
                if (type instanceof GraphQLFieldsContainer container) {
                    walk(schema, container, field.getSelectionSet(), fragments, deprecated);
                }
            } else if (selection instanceof FragmentSpread spread) {
                final FragmentDefinition fragment = fragments.get(spread.getName());
                walk(schema, container(schema, fragment.getTypeCondition().getName(), parent), fragment.getSelectionSet(), fragments, deprecated);
            } else if (selection instanceof InlineFragment inline) {
                final String typeName = inline.getTypeCondition() == null ? parent.getName() : inline.getTypeCondition().getName();
                walk(schema, container(schema, typeName, parent), inline.getSelectionSet(), fragments, deprecated);
            }
        }
    }

    private static GraphQLFieldsContainer container(final GraphQLSchema schema, final String name, final GraphQLFieldsContainer fallback) {
        final GraphQLType type = schema.getType(name);
        return type instanceof GraphQLFieldsContainer container && type instanceof GraphQLCompositeType ? container : fallback;
    }
}
