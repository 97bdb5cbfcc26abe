package io.nifiecommerce.sandbox.shopify;

import graphql.language.AstPrinter;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.TypeInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks variable values against their input types before execution and answers like Shopify:
 * {@code Variable $input of type X! was provided invalid value for a.b (Field is not defined on X)}
 * with {@code extensions.code INVALID_VARIABLE}, the value and the list of problems.
 */
final class VariableCheck {

    private VariableCheck() {
    }

    /** The error for the first invalid variable, or null. */
    static Map<String, Object> problem(final GraphQLSchema schema, final OperationDefinition operation, final Map<String, Object> variables) {
        for (final VariableDefinition definition : operation.getVariableDefinitions()) {
            final GraphQLType type = schema.getType(TypeInfo.typeInfo(definition.getType()).getName());
            if (type == null) {
                continue;
            }
            final GraphQLType wrapped = wrap(definition.getType(), type);
            final List<Map<String, Object>> problems = new ArrayList<>();
            final Object value = variables.get(definition.getName());
            if (value == null && !variables.containsKey(definition.getName()) && definition.getDefaultValue() != null) {
                continue;
            }
            check(wrapped, value, new ArrayList<>(), problems);
            if (problems.isEmpty()) {
                continue;
            }
            final String typeText = AstPrinter.printAst(definition.getType());
            final StringBuilder message = new StringBuilder("Variable $" + definition.getName() + " of type " + typeText + " was provided invalid value");
            final List<String> parts = new ArrayList<>();
            for (final Map<String, Object> problem : problems) {
                @SuppressWarnings("unchecked")
                final List<Object> path = (List<Object>) problem.get("path");
                parts.add((path.isEmpty() ? "" : " for " + String.join(".", path.stream().map(String::valueOf).toList())) + " ("
                        + problem.get("explanation") + ")");
            }
            message.append(String.join(",", parts));
            final Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", "INVALID_VARIABLE");
            extensions.put("value", value);
            extensions.put("problems", problems);
            final Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message.toString());
            error.put("locations", List.of(Map.of("line", definition.getSourceLocation().getLine(), "column", definition.getSourceLocation().getColumn())));
            error.put("extensions", extensions);
            return error;
        }
        return null;
    }

    private static GraphQLType wrap(final graphql.language.Type<?> ast, final GraphQLType named) {
        if (ast instanceof graphql.language.NonNullType nonNull) {
            return GraphQLNonNull.nonNull(wrap(nonNull.getType(), named));
        }
        if (ast instanceof graphql.language.ListType list) {
            return GraphQLList.list(wrap(list.getType(), named));
        }
        return named;
    }

    @SuppressWarnings("unchecked")
    private static void check(final GraphQLType type, final Object value, final List<Object> path, final List<Map<String, Object>> problems) {
        if (value == null) {
            if (type instanceof GraphQLNonNull) {
                problems.add(problem(path, "Expected value to not be null"));
            }
            return;
        }
        final GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (inner instanceof GraphQLList list) {
            if (value instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    final List<Object> itemPath = new ArrayList<>(path);
                    itemPath.add(i);
                    check(list.getWrappedType(), values.get(i), itemPath, problems);
                }
            } else {
                check(list.getWrappedType(), value, path, problems);
            }
            return;
        }
        if (inner instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(problem(path, "Expected value to be an object"));
                return;
            }
            for (final Object key : map.keySet()) {
                if (object.getField(String.valueOf(key)) == null) {
                    final List<Object> fieldPath = new ArrayList<>(path);
                    fieldPath.add(key);
                    problems.add(problem(fieldPath, "Field is not defined on " + object.getName()));
                }
            }
            for (final GraphQLInputObjectField field : object.getFields()) {
                final List<Object> fieldPath = new ArrayList<>(path);
                fieldPath.add(field.getName());
                if (!map.containsKey(field.getName())) {
                    if (field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue()) {
                        problems.add(problem(fieldPath, "Expected value to not be null"));
                    }
                    continue;
                }
                check(field.getType(), ((Map<String, Object>) map).get(field.getName()), fieldPath, problems);
            }
        }
        // Scalars and enums are left to graphql-java's coercion.
    }

    private static Map<String, Object> problem(final List<Object> path, final String explanation) {
        final Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("path", List.copyOf(path));
        problem.put("explanation", explanation);
        return problem;
    }
}
