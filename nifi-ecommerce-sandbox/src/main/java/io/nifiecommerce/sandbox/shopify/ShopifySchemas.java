package io.nifiecommerce.sandbox.shopify;

import graphql.GraphQL;
import graphql.language.ScalarTypeDefinition;
import graphql.parser.ParserOptions;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Admin API versions the sandbox serves, each from Shopify's SDL on the class path
 * ({@code shopify/<version>/schema.graphql}). A schema is parsed once per JVM, on first use, and
 * shared by every sandbox: it is 3.5 MB and takes seconds to build.
 */
public final class ShopifySchemas {

    /** Supported versions, oldest first. */
    public static final List<String> VERSIONS = List.of("2026-04", "2026-07");

    private static final Map<String, ApiVersion> LOADED = new ConcurrentHashMap<>();

    private ShopifySchemas() {
    }

    /** The version a request for {@code requested} is served with: itself if supported, else the oldest (fall forward). */
    public static String resolve(final String requested) {
        return VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
    }

    /** Parses and builds a version's schema now rather than on its first request. */
    public static void preload(final String version) {
        version(version);
    }

    static ApiVersion version(final String version) {
        return LOADED.computeIfAbsent(version, ShopifySchemas::load);
    }

    /** A built schema with its executor and its cache of parsed and validated documents. */
    record ApiVersion(String name, GraphQLSchema schema, GraphQL graphql, DocumentCache documents) {
    }

    private static ApiVersion load(final String version) {
        final String resource = "/shopify/" + version + "/schema.graphql";
        final TypeDefinitionRegistry registry;
        try (InputStream in = ShopifySchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing SDL " + resource);
            }
            final Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            registry = new SchemaParser().parse(reader, ParserOptions.getDefaultSdlParserOptions());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final String queryType = registry.schemaDefinition().flatMap(definition -> definition.getOperationTypeDefinitions().stream()
                .filter(op -> op.getName().equals("query")).findFirst()).map(op -> op.getTypeName().getName()).orElse("QueryRoot");
        final String mutationType = registry.schemaDefinition().flatMap(definition -> definition.getOperationTypeDefinitions().stream()
                .filter(op -> op.getName().equals("mutation")).findFirst()).map(op -> op.getTypeName().getName()).orElse("Mutation");
        final RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .wiringFactory(new ShopifyWiring(RootFields.fetchers(), queryType, mutationType));
        for (final ScalarTypeDefinition scalar : registry.scalars().values()) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName())) {
                wiring.scalar(GraphQLScalarType.newScalar().name(scalar.getName()).coercing(PassThrough.INSTANCE).build());
            }
        }
        final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        final GraphQL graphql = GraphQL.newGraphQL(schema).build();
        return new ApiVersion(version, schema, graphql, new DocumentCache(schema, 2048));
    }

    /** Shopify's custom scalars (DateTime, Decimal, Money, URL, JSON, UnsignedInt64...) travel as they are. */
    @SuppressWarnings({"deprecation", "rawtypes"})
    private static final class PassThrough implements Coercing<Object, Object> {
        static final PassThrough INSTANCE = new PassThrough();

        @Override
        public Object serialize(final Object value) {
            return value;
        }

        @Override
        public Object parseValue(final Object input) {
            return input;
        }

        @Override
        public Object parseLiteral(final Object input) {
            if (input instanceof graphql.language.StringValue string) {
                return string.getValue();
            }
            if (input instanceof graphql.language.IntValue integer) {
                return integer.getValue();
            }
            if (input instanceof graphql.language.FloatValue decimal) {
                return decimal.getValue();
            }
            if (input instanceof graphql.language.BooleanValue bool) {
                return bool.isValue();
            }
            return input;
        }
    }
}
