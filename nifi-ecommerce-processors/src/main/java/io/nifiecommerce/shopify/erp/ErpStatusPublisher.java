package io.nifiecommerce.shopify.erp;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.draft.DraftOrderNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the ERP's view of orders onto them in Shopify: metafields {@code erp.status} and {@code erp.bc_order_number}
 * ({@code metafieldsSet}) and a tag {@code erp:<state>} ({@code tagsAdd}). Orders are looked up by name, 50 to a
 * query, with the status written last; an order already at that state or a later one is left alone, so replays write
 * nothing and a late, older document cannot move an order back. Orders the shop does not have (a marketplace's) are
 * reported, not failed. A name no order has but a completed draft has (a B2B order reached BC as {@code #D12}) is the
 * order the draft became. A draft not completed yet is {@link Result#WAITING}: BC holds the approved draft, its order
 * comes once the carrier price is on it (or the sales administration completes it), and the status read now is written
 * then. Reported as not in the shop, it would be lost: the BC reader moves past it and reads it again only at the order's
 * next change in BC.
 */
public final class ErpStatusPublisher {

    public static final String NAMESPACE = "erp";
    public static final String STATUS_KEY = "status";
    public static final String NUMBER_KEY = "bc_order_number";
    static final int NAMES_PER_QUERY = 50;

    /** What became of one status. */
    public enum Result { UPDATED, UNCHANGED, NOT_IN_SHOP, WAITING, FAILED, RETRY }

    /** The error code of a status whose order is still a draft. */
    public static final String DRAFT_NOT_COMPLETED = "DRAFT_NOT_COMPLETED";

    public record Outcome(Result result, String errorCode, String errorMessage) {
        static Outcome of(final Result result) {
            return new Outcome(result, null, null);
        }
    }

    private final ShopifyGraphQlClient client;
    private final DraftOrderNames drafts;

    public ErpStatusPublisher(final ShopifyGraphQlClient client) {
        this.client = client;
        this.drafts = new DraftOrderNames(client);
    }

    /** One outcome per status, in order; statuses of the same order share the outcome of the most advanced one. */
    public List<Outcome> publish(final List<ErpStatus> statuses) {
        final Map<String, ErpStatus> latest = new LinkedHashMap<>();
        for (final ErpStatus status : statuses) {
            if (status.orderName() != null && status.state() != null) {
                latest.merge(status.orderName(), status, (a, b) -> b.state().compareTo(a.state()) > 0 ? b : a);
            }
        }
        final Map<String, Outcome> byName = new HashMap<>();
        final List<String> names = List.copyOf(latest.keySet());
        for (int from = 0; from < names.size(); from += NAMES_PER_QUERY) {
            final List<String> chunk = names.subList(from, Math.min(names.size(), from + NAMES_PER_QUERY));
            final Map<String, JsonNode> orders = new HashMap<>();
            final Set<String> pendingDrafts;
            try {
                pendingDrafts = lookUp(chunk, orders);
            } catch (final ApiException e) {
                chunk.forEach(name -> byName.put(name, failed(e)));
                continue;
            }
            for (final String name : chunk) {
                final JsonNode order = orders.get(name);
                if (order != null) {
                    byName.put(name, write(order, latest.get(name)));
                } else if (pendingDrafts.contains(name)) {
                    byName.put(name, new Outcome(Result.WAITING, DRAFT_NOT_COMPLETED, "Draft order " + name
                            + " is not completed yet: its ERP status is written on the order it becomes"));
                } else {
                    byName.put(name, Outcome.of(Result.NOT_IN_SHOP));
                }
            }
        }
        final List<Outcome> outcomes = new ArrayList<>();
        for (final ErpStatus status : statuses) {
            final Outcome outcome = status.orderName() == null || status.state() == null ? new Outcome(Result.FAILED, "NOT_AN_ORDER_DOCUMENT",
                    "The record names no order or no ERP state") : byName.get(status.orderName());
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * Puts into {@code found} the orders by the names asked for, a completed draft's name mapping to the order it became;
     * returns the names of drafts not completed yet.
     */
    private Set<String> lookUp(final List<String> names, final Map<String, JsonNode> found) {
        found.putAll(ordersByName(names));
        final List<String> missing = names.stream().filter(name -> !found.containsKey(name)).toList();
        if (missing.isEmpty()) {
            return Set.of();
        }
        final DraftOrderNames.Drafts draftsFound = drafts.find(missing);
        final Map<String, DraftOrderNames.PlacedOrder> placed = draftsFound.placed();
        if (!placed.isEmpty()) {
            final Map<String, JsonNode> orders = ordersByName(placed.values().stream().map(DraftOrderNames.PlacedOrder::name).distinct().toList());
            placed.forEach((draftName, order) -> {
                final JsonNode node = orders.get(order.name());
                if (node != null) {
                    found.put(draftName, node);
                }
            });
        }
        return draftsFound.pending();
    }

    private Map<String, JsonNode> ordersByName(final List<String> names) {
        final StringBuilder query = new StringBuilder();
        for (final String name : names) {
            if (!query.isEmpty()) {
                query.append(" OR ");
            }
            query.append("name:").append(ShopifyDocumentQuoting.quote(name));
        }
        final GraphQlResponse response = client.execute(ShopifyDocument.ORDERS_ERP_STATUS.text(),
                Map.of("query", query.toString(), "first", names.size()));
        final Map<String, JsonNode> found = new HashMap<>();
        for (final JsonNode order : response.data().path("orders").path("nodes")) {
            found.put(order.path("name").asText(), order);
        }
        return found;
    }

    private Outcome write(final JsonNode order, final ErpStatus status) {
        final ErpState current = ErpState.parse(order.path("erpStatus").path("value").asText(null));
        if (current != null && current.compareTo(status.state()) >= 0) {
            return Outcome.of(Result.UNCHANGED);
        }
        final String id = order.path("id").asText();
        final List<Map<String, Object>> metafields = new ArrayList<>();
        metafields.add(Map.of("ownerId", id, "namespace", NAMESPACE, "key", STATUS_KEY, "type", "single_line_text_field",
                "value", status.state().name()));
        if (status.bcOrderNumber() != null && !status.bcOrderNumber().isBlank()) {
            metafields.add(Map.of("ownerId", id, "namespace", NAMESPACE, "key", NUMBER_KEY, "type", "single_line_text_field",
                    "value", status.bcOrderNumber()));
        }
        final GraphQlResponse response;
        try {
            // both mutations set values: sending them again after a lost answer changes nothing
            response = client.execute(ShopifyDocument.ORDER_ERP_STATUS_SET.text(),
                    Map.of("metafields", metafields, "id", id, "tags", List.of(status.state().tag())));
        } catch (final ApiException e) {
            return failed(e);
        }
        final JsonNode errors = response.data().path("metafieldsSet").path("userErrors");
        final JsonNode tagErrors = response.data().path("tagsAdd").path("userErrors");
        if (errors.size() > 0 || tagErrors.size() > 0) {
            final JsonNode first = errors.size() > 0 ? errors.get(0) : tagErrors.get(0);
            return new Outcome(Result.FAILED, first.path("code").asText("USER_ERROR"), first.path("message").asText());
        }
        return Outcome.of(Result.UPDATED);
    }

    private static Outcome failed(final ApiException e) {
        return new Outcome(e.errorClass() == ErrorClass.PERMANENT ? Result.FAILED : Result.RETRY, e.code(), e.getMessage());
    }
}
