package io.nifiecommerce.sandbox.shopify;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.InvalidSyntaxError;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites graphql-java's parse and validation errors in the words of Shopify's GraphQL server
 * (graphql-ruby): "Field 'x' doesn't exist on type 'Y'" with {@code extensions.code undefinedField}
 * and a path starting at the operation, "Parse error on ..." for syntax errors.
 */
final class ShopifyErrors {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private ShopifyErrors() {
    }

    static Map<String, Object> toShopify(final GraphQLError error, final String operationLabel) {
        if (error instanceof InvalidSyntaxError syntax) {
            final Map<String, Object> spec = new LinkedHashMap<>();
            final SourceLocation location = syntax.getLocations() == null || syntax.getLocations().isEmpty() ? null : syntax.getLocations().get(0);
            final String token = syntax.getOffendingToken();
            spec.put("message", location == null ? "Parse error: " + syntax.getMessage()
                    : "Parse error on \"" + (token == null ? "" : token) + "\" at [" + location.getLine() + ", " + location.getColumn() + "]");
            if (location != null) {
                spec.put("locations", List.of(Map.of("line", location.getLine(), "column", location.getColumn())));
            }
            return spec;
        }
        if (!(error instanceof ValidationError validation)) {
            return error.toSpecification();
        }
        final List<String> quoted = quoted(validation.getDescription());
        final Map<String, Object> extensions = new LinkedHashMap<>();
        final String message;
        final ValidationErrorType type = (ValidationErrorType) validation.getValidationErrorType();
        switch (type) {
            case FieldUndefined -> {
                final String field = quoted.size() > 0 ? quoted.get(0) : "?";
                final String typeName = quoted.size() > 1 ? quoted.get(1) : "?";
                message = "Field '" + field + "' doesn't exist on type '" + typeName + "'";
                extensions.put("code", "undefinedField");
                extensions.put("typeName", typeName);
                extensions.put("fieldName", field);
            }
            case UnknownArgument -> {
                final String argument = quoted.size() > 0 ? quoted.get(0) : "?";
                final String field = lastPathElement(validation);
                message = "Field '" + field + "' doesn't accept argument '" + argument + "'";
                extensions.put("code", "argumentNotAccepted");
                extensions.put("name", field);
                extensions.put("typeName", "Field");
                extensions.put("argumentName", argument);
            }
            case MissingFieldArgument -> {
                final String argument = quoted.size() > 1 ? quoted.get(1) : quoted.isEmpty() ? "?" : quoted.get(0);
                final String field = lastPathElement(validation);
                message = "Field '" + field + "' is missing required arguments: " + argument;
                extensions.put("code", "missingRequiredArguments");
                extensions.put("className", "Field");
                extensions.put("name", field);
                extensions.put("arguments", argument);
            }
            case SubselectionRequired -> {
                final String field = lastPathElement(validation);
                message = "Field must have selections (field '" + field + "' returns an object but has no selections. Did you mean '"
                        + field + " { ... }'?)";
                extensions.put("code", "selectionMismatch");
                extensions.put("nodeName", "field '" + field + "'");
            }
            case SubselectionNotAllowed -> {
                final String field = lastPathElement(validation);
                message = "Selections can't be made on scalars (field '" + field + "' returns a scalar)";
                extensions.put("code", "selectionMismatch");
                extensions.put("nodeName", "field '" + field + "'");
            }
            case UnknownType -> {
                final String name = quoted.isEmpty() ? "?" : quoted.get(0);
                message = "No such type " + name + ", so it can't be a fragment condition";
                extensions.put("code", "undefinedType");
                extensions.put("typeName", name);
            }
            case UndefinedVariable -> {
                final String name = quoted.isEmpty() ? "?" : quoted.get(0);
                message = "Variable $" + name + " is used by " + operationLabel + " but not declared";
                extensions.put("code", "variableNotDefined");
                extensions.put("variableName", name);
            }
            case UnusedVariable -> {
                final String name = quoted.isEmpty() ? "?" : quoted.get(0);
                message = "Variable $" + name + " is declared by " + operationLabel + " but not used";
                extensions.put("code", "variableNotUsed");
                extensions.put("variableName", name);
            }
            default -> {
                message = validation.getDescription();
                extensions.put("code", type.name());
            }
        }
        final Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("message", message);
        if (validation.getLocations() != null && !validation.getLocations().isEmpty()) {
            spec.put("locations", validation.getLocations().stream().map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
        }
        final List<Object> path = new ArrayList<>();
        path.add(operationLabel);
        if (validation.getQueryPath() != null) {
            path.addAll(validation.getQueryPath());
        }
        spec.put("path", path);
        spec.put("extensions", extensions);
        return spec;
    }

    private static String lastPathElement(final ValidationError validation) {
        final List<String> path = validation.getQueryPath();
        return path == null || path.isEmpty() ? "?" : path.get(path.size() - 1);
    }

    private static List<String> quoted(final String text) {
        final List<String> values = new ArrayList<>();
        if (text == null) {
            return values;
        }
        final Matcher matcher = QUOTED.matcher(text);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
