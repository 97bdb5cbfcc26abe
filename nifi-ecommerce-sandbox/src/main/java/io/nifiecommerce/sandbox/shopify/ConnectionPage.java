package io.nifiecommerce.sandbox.shopify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Relay connection built from a list: edges, nodes and pageInfo. Nested connections (line items,
 * fulfillment orders, inventory levels) page by position; root connections pass their own cursor.
 */
final class ConnectionPage {

    /** Shopify's page limit per connection. */
    static final int MAX_PAGE = 250;

    private ConnectionPage() {
    }

    static String indexCursor(final int index) {
        return Base64.getEncoder().encodeToString(("{\"index\":" + index + "}").getBytes(StandardCharsets.UTF_8));
    }

    static int decodeIndex(final String cursor) {
        final String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        return Integer.parseInt(json.replaceAll("[^0-9]", ""));
    }

    /** Pages a whole list by position with first/after/last/before/reverse. */
    static Map<String, Object> ofList(final List<?> all, final PageArguments args) {
        final List<Object> items = new ArrayList<>(all);
        if (args.reverse()) {
            java.util.Collections.reverse(items);
        }
        int from = 0;
        int to = items.size();
        if (args.after() != null) {
            from = Math.min(items.size(), decodeIndex(args.after()) + 1);
        }
        if (args.before() != null) {
            to = Math.max(from, Math.min(to, decodeIndex(args.before())));
        }
        int start = from;
        int end = to;
        if (args.first() != null) {
            end = Math.min(to, from + args.first());
        } else if (args.last() != null) {
            start = Math.max(from, to - args.last());
        }
        final List<Object> nodes = items.subList(start, end);
        final List<String> cursors = new ArrayList<>(nodes.size());
        for (int i = start; i < end; i++) {
            cursors.add(indexCursor(i));
        }
        return of(nodes, cursors, end < to, start > from);
    }

    static Map<String, Object> of(final List<?> nodes, final List<String> cursors, final boolean hasNext, final boolean hasPrevious) {
        final List<Object> edges = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            edges.add(Map.of("__typename", "Edge", "cursor", cursors.get(i), "node", nodes.get(i)));
        }
        final Map<String, Object> pageInfo = new HashMap<>();
        pageInfo.put("__typename", "PageInfo");
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", hasPrevious);
        pageInfo.put("startCursor", cursors.isEmpty() ? null : cursors.get(0));
        pageInfo.put("endCursor", cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        final Map<String, Object> connection = new HashMap<>();
        connection.put("edges", edges);
        connection.put("nodes", nodes);
        connection.put("pageInfo", pageInfo);
        return connection;
    }
}
