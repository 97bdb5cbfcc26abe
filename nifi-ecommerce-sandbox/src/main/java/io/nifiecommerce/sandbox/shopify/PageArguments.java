package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetchingEnvironment;

/** The paging arguments of a connection field. */
record PageArguments(Integer first, String after, Integer last, String before, boolean reverse) {

    static PageArguments of(final DataFetchingEnvironment env) {
        final Boolean reverse = env.getArgument("reverse");
        return new PageArguments(env.getArgument("first"), env.getArgument("after"), env.getArgument("last"),
                env.getArgument("before"), reverse != null && reverse);
    }

    boolean unbounded() {
        return first == null && last == null;
    }

    /** The page-size problem of these arguments, or null: Shopify requires first or last, at most 250. */
    String problem() {
        if (first == null && last == null) {
            return "you must provide one of first or last";
        }
        final int size = first != null ? first : last;
        if (size > ConnectionPage.MAX_PAGE) {
            return "The maximum page size is " + ConnectionPage.MAX_PAGE + ". Provided: " + size + ".";
        }
        if (size < 0) {
            return "Argument 'first' or 'last' must be positive.";
        }
        return null;
    }
}
