package io.nifiecommerce.sandbox.bc;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource path of an OData URL split into segments such as {@code companies(<id>)},
 * {@code salesOrders(<id>)}, {@code salesOrderLines}. Keys may be bare GUIDs or quoted strings.
 */
record ResourcePath(List<Segment> segments) {

    record Segment(String name, String key) {
        boolean hasKey() {
            return key != null;
        }
    }

    static ResourcePath parse(final String path) {
        final List<Segment> segments = new ArrayList<>();
        for (final String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            final int open = part.indexOf('(');
            if (open < 0) {
                segments.add(new Segment(part, null));
                continue;
            }
            if (!part.endsWith(")") || open == 0) {
                throw BcApiError.badRequest("Bad Request - Error in query syntax: '" + part + "'.");
            }
            String key = part.substring(open + 1, part.length() - 1).trim();
            if (key.startsWith("'") && key.endsWith("'") && key.length() >= 2) {
                key = key.substring(1, key.length() - 1).replace("''", "'");
            }
            segments.add(new Segment(part.substring(0, open), key));
        }
        return new ResourcePath(segments);
    }

    int size() {
        return segments.size();
    }

    Segment get(final int index) {
        return segments.get(index);
    }

    /** The entity set the request is about (the last segment's name), for request counters. */
    String lastEntitySet() {
        return segments.isEmpty() ? "root" : segments.get(segments.size() - 1).name();
    }
}
