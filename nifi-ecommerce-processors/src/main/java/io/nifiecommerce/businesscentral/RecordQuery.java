package io.nifiecommerce.businesscentral;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One on-demand read of an entity set: the records whose {@code keyField} is one of {@code keys} (quoted here, so a
 * key taken from an HTTP request cannot change the filter), further narrowed by a fixed {@code filter}, with
 * {@code $select}, {@code $expand}, {@code $orderby} and {@code $top}.
 *
 * @param keys   empty when the read is by filter alone
 * @param top    the most records returned, 0 for no limit
 */
public record RecordQuery(String entitySet, String keyField, List<String> keys, String filter, String select, String expand,
                          String orderBy, int top) {

    /** Keys per request: long enough a list for a cart, short enough for any URL length limit on the way. */
    public static final int KEYS_PER_REQUEST = 40;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public RecordQuery {
        if (entitySet == null || !NAME.matcher(entitySet).matches()) {
            throw new IllegalArgumentException("Not an entity set name: '" + entitySet + "'");
        }
        final LinkedHashSet<String> distinct = new LinkedHashSet<>();
        if (keys != null) {
            keys.stream().map(String::trim).filter(k -> !k.isEmpty()).forEach(distinct::add);
        }
        keys = List.copyOf(distinct);
        if (!keys.isEmpty() && (keyField == null || !NAME.matcher(keyField).matches())) {
            throw new IllegalArgumentException("Keys need a key field name, got '" + keyField + "'");
        }
        if (keys.isEmpty() && (filter == null || filter.isBlank())) {
            throw new IllegalArgumentException("Neither keys nor a filter: every record of " + entitySet + " would be read");
        }
    }

    /** The relative URLs (under the API root) of the GETs answering the query: one per 40 keys. */
    public List<String> urls(final String companyId) {
        final List<String> urls = new ArrayList<>();
        if (keys.isEmpty()) {
            urls.add(url(companyId, filter));
        } else {
            for (final List<String> chunk : ODataFilter.chunks(keys, KEYS_PER_REQUEST)) {
                urls.add(url(companyId, ODataFilter.and(chunk.size() == 1 ? ODataFilter.eq(keyField, chunk.get(0)) : ODataFilter.in(keyField, chunk), filter)));
            }
        }
        return urls;
    }

    private String url(final String companyId, final String fullFilter) {
        final StringBuilder url = new StringBuilder(BusinessCentralEndpoint.companyPath(companyId, entitySet));
        char separator = '?';
        for (final String[] option : new String[][] {{"$filter", fullFilter}, {"$select", compact(select)}, {"$expand", compact(expand)},
                {"$orderby", orderBy}, {"$top", top > 0 ? Integer.toString(top) : null}}) {
            if (option[1] != null && !option[1].isBlank()) {
                url.append(separator).append(option[0]).append('=').append(ODataFilter.encode(option[1].trim()));
                separator = '&';
            }
        }
        return url.toString();
    }

    private static String compact(final String list) {
        return list == null ? null : list.replace(" ", "");
    }
}
