package io.nifiecommerce.stock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The GraphQL documents of stock publishing, kept as .graphql resources next to this class. */
public final class StockDocuments {

    /** Every document, by resource name; a unit test validates each against the Admin SDLs. */
    public static final List<String> RESOURCES = List.of(
            "inventorySetQuantities.graphql",
            "inventorySetQuantities-2026-01.graphql",
            "productVariantsBySku.graphql",
            "locations.graphql",
            "accessScopes.graphql");

    public static final String SET_QUANTITIES = load("inventorySetQuantities.graphql");
    public static final String SET_QUANTITIES_2026_01 = load("inventorySetQuantities-2026-01.graphql");
    public static final String VARIANTS_BY_SKU = load("productVariantsBySku.graphql");
    public static final String LOCATIONS = load("locations.graphql");
    public static final String ACCESS_SCOPES = load("accessScopes.graphql");

    private StockDocuments() {
    }

    public static String load(String resource) {
        return load(StockDocuments.class, resource);
    }

    /** A GraphQL document kept as a resource next to {@code owner}. */
    public static String load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing GraphQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
