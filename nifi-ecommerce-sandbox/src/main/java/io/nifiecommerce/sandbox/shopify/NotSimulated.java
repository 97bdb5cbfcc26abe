package io.nifiecommerce.sandbox.shopify;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;

/** The answer for a field or mutation the sandbox does not implement: null and a clear error. */
final class NotSimulated {

    private NotSimulated() {
    }

    static DataFetcherResult<Object> field(final DataFetchingEnvironment env) {
        final String coordinates = env.getParentType() instanceof graphql.schema.GraphQLNamedType named
                ? named.getName() + "." + env.getFieldDefinition().getName() : env.getFieldDefinition().getName();
        return DataFetcherResult.newResult().error(ShopifyError.of(
                "Field '" + coordinates + "' is not simulated by the nifi-ecommerce sandbox.", "NOT_SIMULATED",
                List.of(env.getField().getSourceLocation()), env.getExecutionStepInfo().getPath().toList())).build();
    }
}
