package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;

import java.util.Map;

/**
 * Wires the whole Shopify SDL: the simulated root fields get their fetchers, every other root field
 * answers "not simulated", every other field reads the parent map, and interfaces and unions
 * resolve by the {@code __typename} the map carries.
 */
final class ShopifyWiring implements WiringFactory {

    private static final TypeResolver BY_TYPENAME = env -> {
        final Object object = env.getObject();
        if (object instanceof Map<?, ?> map && map.get("__typename") instanceof String typeName) {
            final GraphQLObjectType type = env.getSchema().getObjectType(typeName);
            if (type != null) {
                return type;
            }
        }
        throw new IllegalStateException("The sandbox cannot tell the GraphQL type of " + object);
    };

    private final Map<String, DataFetcher<?>> rootFields;
    private final String queryType;
    private final String mutationType;

    ShopifyWiring(final Map<String, DataFetcher<?>> rootFields, final String queryType, final String mutationType) {
        this.rootFields = rootFields;
        this.queryType = queryType;
        this.mutationType = mutationType;
    }

    @Override
    public boolean providesTypeResolver(final InterfaceWiringEnvironment environment) {
        return true;
    }

    @Override
    public TypeResolver getTypeResolver(final InterfaceWiringEnvironment environment) {
        return BY_TYPENAME;
    }

    @Override
    public boolean providesTypeResolver(final UnionWiringEnvironment environment) {
        return true;
    }

    @Override
    public TypeResolver getTypeResolver(final UnionWiringEnvironment environment) {
        return BY_TYPENAME;
    }

    @Override
    public boolean providesDataFetcher(final FieldWiringEnvironment environment) {
        return true;
    }

    @Override
    public DataFetcher<?> getDataFetcher(final FieldWiringEnvironment environment) {
        final String parent = environment.getParentType().getName();
        final String field = environment.getFieldDefinition().getName();
        if (parent.equals(queryType) || parent.equals(mutationType)) {
            final DataFetcher<?> fetcher = rootFields.get(field);
            return fetcher != null ? fetcher : NotSimulated::field;
        }
        return GraphFieldFetcher.INSTANCE;
    }
}
