package io.nifiecommerce.sandbox.shopify;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GraphQL error shaped like Shopify's: message, locations, path, extensions.code. */
final class ShopifyError implements GraphQLError {

    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final Map<String, Object> extensions;

    ShopifyError(final String message, final List<SourceLocation> locations, final List<Object> path, final Map<String, Object> extensions) {
        this.message = message;
        this.locations = locations;
        this.path = path;
        this.extensions = extensions;
    }

    static ShopifyError of(final String message, final String code, final List<SourceLocation> locations, final List<Object> path) {
        final Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        return new ShopifyError(message, locations, path, extensions);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorClassification.errorClassification(String.valueOf(extensions.get("code")));
    }

    /** The JSON shape: keys in Shopify's order, locations as line/column objects. */
    @Override
    public Map<String, Object> toSpecification() {
        final Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            spec.put("locations", locations.stream().map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
        }
        if (extensions != null) {
            spec.put("extensions", extensions);
        }
        if (path != null && !path.isEmpty()) {
            spec.put("path", path);
        }
        return spec;
    }
}
