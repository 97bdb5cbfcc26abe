package io.nifiecommerce.businesscentral;

import java.util.List;

/**
 * Find the records of {@code entitySet} whose {@code field} is one of {@code keys}.
 *
 * @param select fields to return ({@code $select}), the key field included
 */
public record LookupQuery(String entitySet, String field, List<String> keys, String select) {

    public LookupQuery {
        keys = List.copyOf(keys);
    }
}
