package io.nifiecommerce.sandbox.shopify;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fetcher of every field without its own: reads the field from the parent map (see
 * {@link ShopGraph}), pages lists returned for connection types, and truncates plain lists to
 * {@code first}. A key absent from the map answers "not simulated".
 */
final class GraphFieldFetcher implements DataFetcher<Object> {

    static final GraphFieldFetcher INSTANCE = new GraphFieldFetcher();

    @Override
    @SuppressWarnings("unchecked")
    public Object get(final DataFetchingEnvironment env) {
        final Object source = env.getSource();
        final String name = env.getFieldDefinition().getName();
        if (!(source instanceof Map<?, ?> map) || !map.containsKey(name)) {
            return NotSimulated.field(env);
        }
        Object value = map.get(name);
        if (value instanceof Supplier<?> supplier) {
            value = supplier.get();
        } else if (value instanceof Function<?, ?> function) {
            value = ((Function<DataFetchingEnvironment, Object>) function).apply(env);
        }
        if (value instanceof List<?> list) {
            final GraphQLType type = GraphQLTypeUtil.unwrapNonNull(env.getFieldType());
            if (type instanceof GraphQLObjectType object && object.getName().endsWith("Connection")) {
                return page(env, list);
            }
            final Integer first = env.getFieldDefinition().getArgument("first") != null ? env.getArgument("first") : null;
            if (first != null && first < list.size()) {
                return list.subList(0, first);
            }
        }
        return value;
    }

    private static Object page(final DataFetchingEnvironment env, final List<?> list) {
        final PageArguments args = PageArguments.of(env);
        final RequestContext context = env.getGraphQlContext().get(RequestContext.class);
        if (context != null && context.bulk() && args.unbounded()) {
            return ConnectionPage.ofList(list, new PageArguments(list.size(), null, null, null, args.reverse()));
        }
        final String problem = args.problem();
        if (problem != null) {
            return DataFetcherResult.newResult().error(ShopifyError.of(problem, "BAD_REQUEST",
                    List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList())).build();
        }
        return ConnectionPage.ofList(list, args);
    }
}
