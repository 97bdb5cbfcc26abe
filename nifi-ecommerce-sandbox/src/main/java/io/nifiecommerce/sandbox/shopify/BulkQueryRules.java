package io.nifiecommerce.sandbox.shopify;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks Shopify makes on the query of {@code bulkOperationRunQuery}, with its messages: a query
 * operation, at least one and at most five connections, no top-level {@code node}, edges > node
 * selection, nesting depth at most 2, an {@code id} on a parent of a nested connection, no
 * connection inside a list.
 */
final class BulkQueryRules {

    private BulkQueryRules() {
    }

    /** The problems of the query text; empty when it can run. */
    static List<String> problems(final String query, final GraphQLSchema schema) {
        final Document document;
        try {
            document = Parser.parse(query);
        } catch (final InvalidSyntaxException e) {
            return List.of("Invalid bulk query: syntax error, " + (query.isBlank() ? "unexpected end of file" : e.getMessage()));
        } catch (final RuntimeException e) {
            return List.of("Invalid bulk query: syntax error, unexpected end of file");
        }
        final OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).stream().findFirst().orElse(null);
        if (operation == null) {
            return List.of("Invalid bulk query: syntax error, unexpected end of file");
        }
        if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return List.of("Invalid operation type. Only `query` operations are supported.");
        }
        final List<String> problems = new ArrayList<>();
        final Walk walk = new Walk();
        for (final Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (selection instanceof Field field && (field.getName().equals("node") || field.getName().equals("nodes"))) {
                problems.add("Bulk queries cannot contain a top level `node` field.");
            }
        }
        walk.visit(schema.getQueryType(), operation.getSelectionSet(), 0, false, null);
        if (!walk.nodesSelected.isEmpty()) {
            final String first = walk.nodesSelected.iterator().next();
            problems.add("All connection fields in a bulk query must select their contents using 'edges' > 'node', e.g: '" + first
                    + " { edges { node {'. Selecting via 'nodes' is not supported. Invalid connection fields: "
                    + String.join(", ", walk.nodesSelected.stream().map(name -> "'" + name + "'").toList()) + ".");
        }
        if (walk.connections == 0) {
            problems.add("Bulk queries must contain at least one connection.");
        }
        if (walk.connections > 5) {
            problems.add("Bulk queries cannot contain more than 5 connections.");
        }
        if (walk.maxDepth > 2) {
            problems.add("Bulk queries cannot contain connections with a nesting depth greater than 2.");
        }
        if (walk.connectionInList) {
            problems.add("Queries that contain a connection field within a list field are not currently supported.");
        }
        if (!walk.parentsWithoutId.isEmpty()) {
            problems.add("The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. "
                    + "Connection fields without 'id': " + String.join(", ", walk.parentsWithoutId) + ".");
        }
        return problems;
    }

    private static final class Walk {
        int connections;
        int maxDepth;
        boolean connectionInList;
        final Set<String> nodesSelected = new LinkedHashSet<>();
        final Set<String> parentsWithoutId = new LinkedHashSet<>();

        /** {@code parentConnection}: the connection whose node this selection set belongs to, if any. */
        void visit(final GraphQLType parentType, final SelectionSet selectionSet, final int depth, final boolean inList,
                   final String parentConnection) {
            if (!(parentType instanceof GraphQLFieldsContainer container) || selectionSet == null) {
                return;
            }
            boolean hasId = false;
            boolean hasNestedConnection = false;
            for (final Selection<?> selection : selectionSet.getSelections()) {
                if (!(selection instanceof Field field)) {
                    continue;
                }
                if (field.getName().equals("id") && field.getAlias() == null) {
                    hasId = true;
                }
                final GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
                if (definition == null) {
                    continue;
                }
                final GraphQLType type = GraphQLTypeUtil.unwrapNonNull(definition.getType());
                final GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
                final boolean connection = named instanceof graphql.schema.GraphQLNamedType namedType && namedType.getName().endsWith("Connection")
                        && !(type instanceof GraphQLList);
                if (connection) {
                    connections++;
                    hasNestedConnection = true;
                    maxDepth = Math.max(maxDepth, depth + 1);
                    if (inList) {
                        connectionInList = true;
                    }
                    visitConnection(field, (GraphQLFieldsContainer) named, depth + 1, inList);
                } else {
                    visit(GraphQLTypeUtil.unwrapAll(type), field.getSelectionSet(), depth, inList || type instanceof GraphQLList, null);
                }
            }
            if (hasNestedConnection && parentConnection != null && !hasId) {
                parentsWithoutId.add(parentConnection);
            }
        }

        private void visitConnection(final Field field, final GraphQLFieldsContainer connectionType, final int depth, final boolean inList) {
            if (field.getSelectionSet() == null) {
                return;
            }
            for (final Selection<?> selection : field.getSelectionSet().getSelections()) {
                if (!(selection instanceof Field child)) {
                    continue;
                }
                if (child.getName().equals("nodes")) {
                    nodesSelected.add(field.getName());
                } else if (child.getName().equals("edges") && child.getSelectionSet() != null) {
                    final GraphQLFieldDefinition edges = connectionType.getFieldDefinition("edges");
                    final GraphQLFieldsContainer edgeType = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(edges.getType());
                    for (final Selection<?> edgeSelection : child.getSelectionSet().getSelections()) {
                        if (edgeSelection instanceof Field node && node.getName().equals("node")) {
                            visit(GraphQLTypeUtil.unwrapAll(edgeType.getFieldDefinition("node").getType()), node.getSelectionSet(), depth,
                                    inList, field.getName());
                        }
                    }
                }
            }
        }
    }
}
