package io.nifiecommerce.shopify.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds the orders search string: the updated_at window ANDed with the integrator's own filter. */
public final class OrderSearch {

    private OrderSearch() {
    }

    /**
     * @param start inclusive, null for no lower bound
     * @param end inclusive, null for no upper bound
     * @param filter Shopify search syntax (e.g. {@code tag:validated financial_status:paid}), may be blank
     */
    public static String window(final Instant start, final Instant end, final String filter) {
        final StringBuilder search = new StringBuilder();
        if (start != null) {
            search.append("updated_at:>='").append(start.truncatedTo(ChronoUnit.SECONDS)).append('\'');
        }
        if (end != null) {
            if (!search.isEmpty()) {
                search.append(' ');
            }
            // rounded up: Shopify compares whole seconds, and an order updated in the window's last second must be in it
            final Instant whole = end.truncatedTo(ChronoUnit.SECONDS);
            search.append("updated_at:<='").append(whole.equals(end) ? whole : whole.plusSeconds(1)).append('\'');
        }
        if (filter != null && !filter.isBlank()) {
            if (!search.isEmpty()) {
                search.append(" AND ");
            }
            // parentheses keep an OR in the integrator's filter from escaping the window
            search.append('(').append(filter.trim()).append(')');
        }
        return search.toString();
    }
}
