package io.nifiecommerce.sandbox.shopify;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.List;
import java.util.Map;

/**
 * Shopify's calculated query cost, as documented (shopify.dev/docs/api/usage/rate-limits):
 * scalars and enums 0; an object, interface or union field 1 plus its selection; a connection
 * (a type named {@code *Connection}) 2 plus {@code first}/{@code last} times the cost of one node
 * (the node object counts 1); a list of objects costs its element's selection (the element itself
 * is free, as the captures of mutation payloads show); a mutation root field 10 plus its selection.
 * A connection nested in the node of another connection is paid once rather than once per parent
 * node: the captured costs of real queries (a fulfillment order hydrate with two nested connections
 * of 10 requested 50 points, where multiplying gives 234) show Shopify does not multiply them.
 * The actual cost walks the response instead, with the number of nodes returned (a nested
 * connection counts as its largest instance).
 */
final class QueryCost {

    private QueryCost() {
    }

    static int requested(final GraphQLSchema schema, final Document document, final OperationDefinition operation,
                         final Map<String, Object> variables) {
        final Walker walker = new Walker(document, variables, false);
        final boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
        final GraphQLFieldsContainer root = mutation ? schema.getMutationType() : schema.getQueryType();
        int cost = 0;
        for (final Field field : walker.fields(root, operation.getSelectionSet())) {
            final GraphQLFieldDefinition definition = root.getFieldDefinition(field.getName());
            if (definition == null) {
                continue;
            }
            cost += mutation ? 10 + walker.selectionCost(definition.getType(), field, null) : walker.fieldCost(definition.getType(), field, null);
        }
        return cost;
    }

    /** The cost of what was returned: connections count the nodes they hold. */
    static int actual(final GraphQLSchema schema, final Document document, final OperationDefinition operation,
                      final Map<String, Object> variables, final Map<String, Object> data) {
        if (data == null) {
            return requested(schema, document, operation, variables);
        }
        final Walker walker = new Walker(document, variables, true);
        final boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
        final GraphQLFieldsContainer root = mutation ? schema.getMutationType() : schema.getQueryType();
        int cost = 0;
        for (final Field field : walker.fields(root, operation.getSelectionSet())) {
            final GraphQLFieldDefinition definition = root.getFieldDefinition(field.getName());
            if (definition == null) {
                continue;
            }
            final Object value = data.get(field.getAlias() != null ? field.getAlias() : field.getName());
            cost += mutation ? 10 + walker.selectionCost(definition.getType(), field, value) : walker.fieldCost(definition.getType(), field, value);
        }
        return cost;
    }

    private static final class Walker {
        private final Document document;
        private final Map<String, Object> variables;

        private final boolean actual;

        Walker(final Document document, final Map<String, Object> variables, final boolean actual) {
            this.document = document;
            this.variables = variables == null ? Map.of() : variables;
            this.actual = actual;
        }

        /** The fields of a selection set, fragments inlined (every type condition counted: an upper bound). */
        List<Field> fields(final GraphQLType parent, final SelectionSet selectionSet) {
            final java.util.ArrayList<Field> fields = new java.util.ArrayList<>();
            if (selectionSet == null) {
                return fields;
            }
            for (final Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field field) {
                    fields.add(field);
                } else if (selection instanceof InlineFragment inline) {
                    fields.addAll(fields(parent, inline.getSelectionSet()));
                } else if (selection instanceof FragmentSpread spread) {
                    document.getDefinitionsOfType(FragmentDefinition.class).stream().filter(f -> f.getName().equals(spread.getName()))
                            .findFirst().ifPresent(fragment -> fields.addAll(fields(parent, fragment.getSelectionSet())));
                }
            }
            return fields;
        }

        int fieldCost(final GraphQLType type, final Field field, final Object value) {
            final GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
            final GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
            if (!(named instanceof GraphQLCompositeType)) {
                return 0;
            }
            if (unwrapped instanceof GraphQLList) {
                return listCost(named, field, value);
            }
            if (named instanceof GraphQLFieldsContainer container && container.getName().endsWith("Connection")) {
                final int cost = connectionCost(container, field, value);
                if (insideNode > 0) {
                    // A connection inside a node is paid once, not once per parent node (see the class comment).
                    nested = Math.max(nested, 0) + (actual ? 0 : cost);
                    nestedActual = Math.max(nestedActual, actual ? cost : 0);
                    return 0;
                }
                return cost;
            }
            if (actual && value == null) {
                return 0;
            }
            return 1 + selectionCost(named, field, value);
        }

        private int listCost(final GraphQLType element, final Field field, final Object value) {
            if (value instanceof List<?> list) {
                int cost = 0;
                for (final Object item : list) {
                    cost += selectionCost(element, field, item);
                }
                return cost;
            }
            return selectionCost(element, field, null);
        }

        private int insideNode;
        private int nested;
        private int nestedActual;

        private int connectionCost(final GraphQLFieldsContainer connection, final Field field, final Object value) {
            final int savedNested = nested;
            final int savedNestedActual = nestedActual;
            nested = 0;
            nestedActual = 0;
            insideNode++;
            try {
                final int own = ownConnectionCost(connection, field, value);
                return own + nested + nestedActual;
            } finally {
                insideNode--;
                nested = savedNested;
                nestedActual = savedNestedActual;
            }
        }

        private int ownConnectionCost(final GraphQLFieldsContainer connection, final Field field, final Object value) {
            final int size = pageSize(field);
            int perNode = 0;
            int returned = 0;
            for (final Field child : fields(connection, field.getSelectionSet())) {
                final GraphQLFieldDefinition definition = connection.getFieldDefinition(child.getName());
                if (definition == null) {
                    continue;
                }
                if (child.getName().equals("edges")) {
                    final GraphQLFieldsContainer edge = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(definition.getType());
                    for (final Field edgeField : fields(edge, child.getSelectionSet())) {
                        if (edgeField.getName().equals("node")) {
                            final GraphQLType node = edge.getFieldDefinition("node").getType();
                            perNode = Math.max(perNode, fieldCost(node, edgeField, null));
                            if (value instanceof Map<?, ?> map && map.get(key(child)) instanceof List<?> edges) {
                                for (final Object e : edges) {
                                    returned += e instanceof Map<?, ?> edgeMap ? fieldCost(node, edgeField, edgeMap.get(key(edgeField))) : 0;
                                }
                            }
                        }
                    }
                } else if (child.getName().equals("nodes")) {
                    final GraphQLType node = GraphQLTypeUtil.unwrapAll(definition.getType());
                    perNode = Math.max(perNode, 1 + selectionCost(node, child, null));
                    if (value instanceof Map<?, ?> map && map.get(key(child)) instanceof List<?> nodes) {
                        int nodesCost = 0;
                        for (final Object n : nodes) {
                            nodesCost += 1 + selectionCost(node, child, n);
                        }
                        returned = Math.max(returned, nodesCost);
                    }
                }
            }
            if (actual) {
                return value == null ? 0 : 2 + returned;
            }
            return 2 + size * perNode;
        }

        private static String key(final Field field) {
            return field.getAlias() != null ? field.getAlias() : field.getName();
        }

        int selectionCost(final GraphQLType type, final Field field, final Object value) {
            final GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
            if (!(named instanceof GraphQLCompositeType) || field == null || field.getSelectionSet() == null) {
                return 0;
            }
            if (value == null && actual) {
                return 0;
            }
            int cost = 0;
            for (final Field child : fields(named, field.getSelectionSet())) {
                final GraphQLFieldDefinition definition = named instanceof GraphQLFieldsContainer container
                        ? container.getFieldDefinition(child.getName()) : null;
                if (definition == null) {
                    continue;
                }
                final Object childValue = value instanceof Map<?, ?> map ? map.get(key(child)) : null;
                if (actual && childValue == null) {
                    continue;
                }
                cost += fieldCost(definition.getType(), child, childValue);
            }
            return cost;
        }

        private int pageSize(final Field field) {
            for (final Argument argument : field.getArguments()) {
                if (argument.getName().equals("first") || argument.getName().equals("last")) {
                    if (argument.getValue() instanceof IntValue intValue) {
                        return intValue.getValue().intValue();
                    }
                    if (argument.getValue() instanceof VariableReference reference && variables.get(reference.getName()) instanceof Number number) {
                        return number.intValue();
                    }
                }
            }
            // Without first/last (bulk queries, lists) Shopify assumes a full page.
            return ConnectionPage.MAX_PAGE;
        }
    }
}
