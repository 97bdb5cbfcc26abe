package io.nifiecommerce.shopify;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules Shopify enforces on bulk queries, as its userErrors state them in
 * captures-2026-04/bulk-operation-run-query-validators.json: connections through edges > node, at
 * most 5 connections, nesting depth at most 2, a nested connection's parent node selects id.
 */
class BulkQueryRulesTest {

    private record Connection(String name, int depth, boolean parentSelectsId, boolean usesEdges) {
    }

    @Test
    void theBulkOrdersQueryFollowsShopifysBulkRules() {
        final Document document = Parser.parse(ShopifyDocument.bulkOrdersQuery("updated_at:>='2026-01-01T00:00:00Z'"));
        final OperationDefinition operation = (OperationDefinition) document.getDefinitions().get(0);
        assertEquals(OperationDefinition.Operation.QUERY, operation.getOperation());
        final List<Connection> connections = new ArrayList<>();
        walk(operation.getSelectionSet(), 0, true, connections);
        assertEquals(3, connections.size(), connections.toString());
        assertTrue(connections.size() <= 5);
        for (final Connection connection : connections) {
            assertTrue(connection.usesEdges(), connection + " must select edges > node");
            assertTrue(connection.depth() <= 2, connection + " nested too deep");
            assertTrue(connection.parentSelectsId(), connection + " needs its parent's id for __parentId");
        }
    }

    private static void walk(final SelectionSet set, final int depth, final boolean parentSelectsId, final List<Connection> out) {
        if (set == null) {
            return;
        }
        final boolean selectsId = set.getSelections().stream().anyMatch(s -> s instanceof Field f && f.getName().equals("id") && f.getAlias() == null);
        for (final Selection<?> selection : set.getSelections()) {
            if (selection instanceof InlineFragment fragment) {
                walk(fragment.getSelectionSet(), depth, selectsId, out);
                continue;
            }
            if (!(selection instanceof Field field) || field.getSelectionSet() == null) {
                continue;
            }
            final Field edges = child(field, "edges");
            final Field nodes = child(field, "nodes");
            if (edges != null || nodes != null) {
                out.add(new Connection(field.getName(), depth + 1, depth == 0 || selectsId, edges != null && nodes == null));
                final Field node = edges == null ? nodes : child(edges, "node");
                if (node != null) {
                    walk(node.getSelectionSet(), depth + 1, true, out);
                }
            } else {
                walk(field.getSelectionSet(), depth, selectsId, out);
            }
        }
    }

    private static Field child(final Field field, final String name) {
        for (final Selection<?> selection : field.getSelectionSet().getSelections()) {
            if (selection instanceof Field child && child.getName().equals(name)) {
                return child;
            }
        }
        return null;
    }
}
