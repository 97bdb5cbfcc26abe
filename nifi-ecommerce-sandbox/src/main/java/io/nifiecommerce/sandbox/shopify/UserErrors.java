package io.nifiecommerce.sandbox.shopify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The userErrors of a mutation payload: field path, message and (for typed user errors) code. */
final class UserErrors {

    private final String typeName;
    private final List<Map<String, Object>> errors = new ArrayList<>();

    UserErrors(final String typeName) {
        this.typeName = typeName;
    }

    UserErrors add(final List<String> field, final String message, final String code) {
        final Map<String, Object> error = new HashMap<>();
        error.put("__typename", typeName);
        error.put("field", field);
        error.put("message", message);
        error.put("code", code);
        errors.add(error);
        return this;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<Map<String, Object>> list() {
        return List.copyOf(errors);
    }

    static List<String> path(final Object... parts) {
        final List<String> path = new ArrayList<>(parts.length);
        for (final Object part : parts) {
            path.add(String.valueOf(part));
        }
        return path;
    }
}
