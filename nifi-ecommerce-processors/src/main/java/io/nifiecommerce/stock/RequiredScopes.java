package io.nifiecommerce.stock;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The access scopes publishing stock needs, checked by the Verify button before the first run fails on them. */
public final class RequiredScopes {

    /** Reading locations proves read_locations already; the SKU lookups need read_products. */
    private static final List<String> REQUIRED = List.of("write_inventory", "read_inventory", "read_products");

    private RequiredScopes() {
    }

    /** The required scopes the app lacks; a write scope implies its read scope. */
    public static List<String> missing(final AdminApi api) {
        return missing(api, REQUIRED);
    }

    /** The scopes of {@code required} the app lacks; a write scope implies its read scope. */
    public static List<String> missing(final AdminApi api, final List<String> required) {
        final Set<String> granted = new HashSet<>();
        api.execute(StockDocuments.ACCESS_SCOPES, Map.of()).path("data").path("currentAppInstallation").path("accessScopes")
                .forEach(scope -> granted.add(scope.path("handle").asText()));
        return required.stream()
                .filter(scope -> !granted.contains(scope)
                        && !(scope.startsWith("read_") && granted.contains("write_" + scope.substring("read_".length()))))
                .toList();
    }
}
