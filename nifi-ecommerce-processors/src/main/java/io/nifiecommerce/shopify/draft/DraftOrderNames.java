package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the name of a draft order to the order it became. A B2B order approved as a draft reaches BC under the
 * draft's name ({@code #D12}, its exactly-once key); when the draft is completed Shopify names the order anew
 * ({@code #1045}), so whatever comes back from BC under {@code #D12} must look the order up through the draft.
 * A draft not yet completed is reported apart from an unknown name: its order is still to come (the carrier price is
 * being put on it, or the sales administration completes drafts by hand), so what BC says of it waits rather than being
 * dropped. Names are sent 50 to a query.
 */
public final class DraftOrderNames {

    static final int NAMES_PER_QUERY = 50;
    /** Free text matches more than the exact name (#D1 in #D12): room for a few neighbours per name, within Shopify's 250. */
    private static final int NODES_PER_NAME = 4;
    private static final int MAX_NODES = 250;
    private static final String COMPLETED = "COMPLETED";

    /** The order a completed draft became. */
    public record PlacedOrder(String id, String name) {
    }

    /**
     * The drafts among the names asked for.
     *
     * @param placed the order each completed draft became, by draft name
     * @param pending names of drafts not completed yet (open, or invoice sent): no order yet, one will come
     */
    public record Drafts(Map<String, PlacedOrder> placed, Set<String> pending) {
    }

    private final ShopifyGraphQlClient client;

    public DraftOrderNames(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /** The orders the completed drafts among these names became, by draft name; other names are absent. */
    public Map<String, PlacedOrder> placedOrders(final Collection<String> names) {
        return find(names).placed();
    }

    /** The drafts among these names, completed or not; names no draft has are in neither part. */
    public Drafts find(final Collection<String> names) {
        final List<String> distinct = List.copyOf(new LinkedHashSet<>(names.stream().filter(n -> n != null && !n.isBlank()).toList()));
        final Map<String, PlacedOrder> placed = new HashMap<>();
        final Set<String> pending = new HashSet<>();
        for (int from = 0; from < distinct.size(); from += NAMES_PER_QUERY) {
            final List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + NAMES_PER_QUERY));
            final Set<String> wanted = Set.copyOf(chunk);
            final GraphQlResponse response = client.execute(ShopifyDocument.DRAFTS_BY_NAME.text(),
                    Map.of("query", query(chunk), "first", Math.min(MAX_NODES, chunk.size() * NODES_PER_NAME)));
            for (final JsonNode draft : response.data().path("draftOrders").path("nodes")) {
                final String name = draft.path("name").asText();
                final JsonNode order = draft.path("order");
                // the search is a search: keep only exact names
                if (!wanted.contains(name)) {
                    continue;
                }
                if (order.isObject() && order.hasNonNull("id")) {
                    placed.put(name, new PlacedOrder(order.path("id").asText(), order.path("name").asText(null)));
                } else if (!COMPLETED.equals(draft.path("status").asText())) {
                    pending.add(name);
                }
            }
        }
        return new Drafts(Map.copyOf(placed), Set.copyOf(pending));
    }

    /**
     * {@code "#D12" OR "#D13"}: quoted, so that {@code #} and blanks stay in one term. Every status: a draft not completed
     * must be told from a name the shop does not know.
     */
    static String query(final List<String> names) {
        final StringBuilder terms = new StringBuilder();
        for (final String name : names) {
            if (!terms.isEmpty()) {
                terms.append(" OR ");
            }
            terms.append('"').append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return terms.toString();
    }
}
