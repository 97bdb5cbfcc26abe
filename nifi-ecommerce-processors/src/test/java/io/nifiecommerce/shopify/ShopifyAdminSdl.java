package io.nifiecommerce.shopify;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real Shopify Admin SDL from the repository's reference data (reference/), parsed once per test JVM: every test that validates a
 * document the bundle sends uses this one copy (the SDL is several megabytes).
 */
public final class ShopifyAdminSdl {

    private static final Map<String, GraphQLSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ShopifyAdminSdl() {
    }

    /** The reference directory: {@code nifiecommerce.reference.dir} as set by the build, else {@code ../reference}. */
    public static Path referenceDir() {
        final String property = System.getProperty("nifiecommerce.reference.dir");
        return property != null ? Path.of(property) : Path.of("..", "reference");
    }

    /** The schema of an API version, e.g. {@code 2026-04}. */
    public static GraphQLSchema schema(final String version) {
        return SCHEMAS.computeIfAbsent(version, v -> {
            try {
                final String sdl = Files.readString(referenceDir().resolve("shopify-admin-graphql").resolve(v).resolve("schema.graphql"));
                return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
            } catch (final Exception e) {
                throw new IllegalStateException("Cannot load the Admin SDL " + v, e);
            }
        });
    }
}
