package io.nifiecommerce.shopify;

import io.nifiecommerce.catalog.CatalogDocuments;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.nifiecommerce.shopify.fulfillment.FulfillmentDocuments;
import io.nifiecommerce.stock.StockDocuments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2026-10 is offered without its SDL (none could be had offline): it was accepted on a review of Shopify's 2026-10
 * release notes against what the bundle's documents use. This test keeps that review true: it walks every document
 * against the 2026-07 SDL and fails when a document selects something 2026-10 removes, or starts using a field whose
 * behaviour 2026-10 changes that the review (docs/integrator-guide.md, "Shopify API versions") did not cover.
 * Source: shopify.dev/changelog/release-notes/2026-10 and the changelog posts tagged 2026-10.
 */
class ShopifyRelease202610ReviewTest {

    /** Removed in 2026-10: fields (Type.field) and whole types. */
    private static final Set<String> REMOVED_FIELDS = Set.of("DraftOrderDiscountNotAppliedWarning.priceRule");
    private static final Set<String> REMOVED_TYPES = Set.of("PriceRule");

    /** Kept in 2026-10 but behaving differently there. */
    private static final Set<String> CHANGED = Set.of(
            "Order.displayFulfillmentStatus",       // may return FULFILLMENT_NOT_REQUIRED where it returned UNFULFILLED
            "QueryRoot.orders",                     // an invalid metafield filter in the search query is now an error
            "Mutation.inventorySetQuantities",      // the ITEM_NOT_STOCKED_AT_LOCATION user error code is removed
            "Mutation.inventoryAdjustQuantities",
            "Mutation.inventoryMoveQuantities",
            "Mutation.inventorySetOnHandQuantities",
            "Mutation.orderUpdate",                 // a new shipping address recalculates taxes
            "Mutation.orderCreate",                 // fulfillment input takes trackingNumbers
            "Mutation.carrierServiceCreate",        // no longer added to the general shipping profile
            "Mutation.segmentCreate",               // segment query syntax: MATCHES / NOT MATCHES
            "Mutation.segmentUpdate");

    /** What the review covered: the changed fields the documents use, each explained in the integrator guide. */
    private static final Set<String> REVIEWED = Set.of("Order.displayFulfillmentStatus", "QueryRoot.orders", "Mutation.inventorySetQuantities");

    private static final Set<String> used = new TreeSet<>();
    private static final Set<String> typesUsed = new TreeSet<>();

    @BeforeAll
    static void walkEveryDocument() {
        final List<String> documents = new ArrayList<>();
        ShopifyDocument.sent().forEach(d -> documents.add(d.text()));
        documents.add(ShopifyDocument.bulkOrdersQuery("updated_at:>='2026-01-01T00:00:00Z'"));
        documents.addAll(FulfillmentDocuments.all());
        StockDocuments.RESOURCES.forEach(r -> documents.add(StockDocuments.load(r)));
        CatalogDocuments.RESOURCES.forEach(r -> documents.add(CatalogDocuments.load(r)));
        final GraphQLSchema schema = ShopifyAdminSdl.schema("2026-07");
        for (final String text : documents) {
            final Document document = Parser.parse(text);
            final Map<String, FragmentDefinition> fragments = new HashMap<>();
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
            for (final OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                final GraphQLFieldsContainer root = operation.getOperation() == OperationDefinition.Operation.MUTATION
                        ? schema.getMutationType() : schema.getQueryType();
                walk(schema, root, operation.getSelectionSet(), fragments);
            }
        }
    }

    @Test
    void theWalkSeesTheDocumentsFields() {
        // guards the walk itself: these are certainly selected
        assertTrue(used.containsAll(Set.of("QueryRoot.orders", "Order.updatedAt", "Mutation.inventorySetQuantities", "Mutation.fulfillmentCreate")),
                used.toString());
    }

    @Test
    void noDocumentUsesWhat2026_10Removes() {
        final Set<String> removed = new TreeSet<>(used);
        removed.retainAll(REMOVED_FIELDS);
        assertEquals(Set.of(), removed);
        final Set<String> removedTypes = new TreeSet<>(typesUsed);
        removedTypes.retainAll(REMOVED_TYPES);
        assertEquals(Set.of(), removedTypes);
    }

    @Test
    void everyChangedFieldTheDocumentsUseWasReviewed() {
        final Set<String> changed = new TreeSet<>(used);
        changed.retainAll(CHANGED);
        assertEquals(new TreeSet<>(REVIEWED), changed, "a document uses a field whose behaviour changes in 2026-10: review it, "
                + "explain it in docs/integrator-guide.md and list it in REVIEWED");
    }

    private static void walk(final GraphQLSchema schema, final GraphQLFieldsContainer parent, final SelectionSet selectionSet,
                             final Map<String, FragmentDefinition> fragments) {
        if (selectionSet == null) {
            return;
        }
        typesUsed.add(parent.getName());
        for (final Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                final GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue; // __typename
                }
                used.add(parent.getName() + "." + field.getName());
                final GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
                typesUsed.add(GraphQLTypeUtil.simplePrint(type));
                if (type instanceof GraphQLFieldsContainer container) {
                    walk(schema, container, field.getSelectionSet(), fragments);
                }
            } else if (selection instanceof FragmentSpread spread) {
                final FragmentDefinition fragment = fragments.get(spread.getName());
                walk(schema, container(schema, fragment.getTypeCondition().getName(), parent), fragment.getSelectionSet(), fragments);
            } else if (selection instanceof InlineFragment inline) {
                final String typeName = inline.getTypeCondition() == null ? parent.getName() : inline.getTypeCondition().getName();
                walk(schema, container(schema, typeName, parent), inline.getSelectionSet(), fragments);
            }
        }
    }

    private static GraphQLFieldsContainer container(final GraphQLSchema schema, final String name, final GraphQLFieldsContainer fallback) {
        return schema.getType(name) instanceof GraphQLFieldsContainer container ? container : fallback;
    }
}
