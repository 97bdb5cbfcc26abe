package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the name of a draft order to the order it became. A B2B order approved as a draft reaches BC under the
 * draft's name ({@code #D12}, its exactly-once key); when the draft is completed Shopify names the order anew
 * ({@code #1045}), so whatever comes back from BC under {@code #D12} must look the order up through the draft.
 * A draft not yet completed resolves to nothing, as an unknown name does. Names are sent 50 to a query.
 */
public final class DraftOrderNames {

    static final int NAMES_PER_QUERY = 50;
    /** Free text matches more than the exact name (#D1 in #D12): room for a few neighbours per name, within Shopify's 250. */
    private static final int NODES_PER_NAME = 4;
    private static final int MAX_NODES = 250;

    /** The order a completed draft became. */
    public record PlacedOrder(String id, String name) {
    }

    private final ShopifyGraphQlClient client;

    public DraftOrderNames(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /** The orders the completed drafts among these names became, by draft name; other names are absent. */
    public Map<String, PlacedOrder> placedOrders(final Collection<String> names) {
        final List<String> distinct = List.copyOf(new LinkedHashSet<>(names.stream().filter(n -> n != null && !n.isBlank()).toList()));
        final Map<String, PlacedOrder> placed = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += NAMES_PER_QUERY) {
            final List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + NAMES_PER_QUERY));
            final Set<String> wanted = Set.copyOf(chunk);
            final GraphQlResponse response = client.execute(ShopifyDocument.COMPLETED_DRAFTS_BY_NAME.text(),
                    Map.of("query", query(chunk), "first", Math.min(MAX_NODES, chunk.size() * NODES_PER_NAME)));
            for (final JsonNode draft : response.data().path("draftOrders").path("nodes")) {
                final String name = draft.path("name").asText();
                final JsonNode order = draft.path("order");
                // the search is a search: keep only exact names, and only drafts that did become an order
                if (wanted.contains(name) && order.isObject() && order.hasNonNull("id")) {
                    placed.put(name, new PlacedOrder(order.path("id").asText(), order.path("name").asText(null)));
                }
            }
        }
        return placed;
    }

    /** {@code status:completed AND ("#D12" OR "#D13")}: quoted, so that {@code #} and blanks stay in one term. */
    static String query(final List<String> names) {
        final StringBuilder terms = new StringBuilder();
        for (final String name : names) {
            if (!terms.isEmpty()) {
                terms.append(" OR ");
            }
            terms.append('"').append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return "status:completed AND (" + terms + ")";
    }
}
