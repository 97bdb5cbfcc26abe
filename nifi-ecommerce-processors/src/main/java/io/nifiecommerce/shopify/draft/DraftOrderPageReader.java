package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.QueryCostEstimator;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.order.OrderPageReader;
import io.nifiecommerce.shopify.order.OrderPages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads draft orders page by page, oldest update first, each draft with all its lines. Draft orders are few next to
 * orders (only those waiting for review), so the page size is fixed once from Shopify's documented worst-case cost
 * rather than adapted as {@link OrderPageReader} does.
 */
public final class DraftOrderPageReader implements OrderPages {

    static final int LINE_ITEMS_PER_DRAFT = 50;
    static final int TARGET_COST = 900;

    private final ShopifyGraphQlClient client;
    private final int pageSize;
    private final int lineItemsPageSize;

    public DraftOrderPageReader(final ShopifyGraphQlClient client, final int maxPageSize) {
        this.client = client;
        this.pageSize = largestWithin(ShopifyDocument.DRAFT_ORDERS_PAGE.text(), "first",
                Map.of("first", 1, "query", "", "lineItemsFirst", LINE_ITEMS_PER_DRAFT), Math.max(1, Math.min(maxPageSize, 250)));
        this.lineItemsPageSize = largestWithin(ShopifyDocument.DRAFT_ORDER_LINE_ITEMS.text(), "first", Map.of("id", "x", "first", 1), 250);
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public OrderPageReader.OrderPage read(final String search, final String after) {
        final Map<String, Object> variables = new HashMap<>();
        variables.put("first", pageSize);
        variables.put("after", after);
        variables.put("query", search);
        variables.put("lineItemsFirst", LINE_ITEMS_PER_DRAFT);
        final GraphQlResponse response = client.execute(ShopifyDocument.DRAFT_ORDERS_PAGE.text(), variables);
        int requests = 1;
        final List<ObjectNode> drafts = new ArrayList<>();
        for (final JsonNode node : response.at("draftOrders.nodes")) {
            requests += completeLineItems((ObjectNode) node);
            drafts.add((ObjectNode) node);
        }
        final JsonNode pageInfo = response.at("draftOrders.pageInfo");
        return new OrderPageReader.OrderPage(drafts, pageInfo.path("hasNextPage").asBoolean(false), pageInfo.path("endCursor").asText(null),
                response.servedApiVersion(), response.cost() == null ? 0 : response.cost().requestedQueryCost(), requests);
    }

    private int completeLineItems(final ObjectNode draft) {
        final JsonNode lineItems = draft.path("lineItems");
        String after = lineItems.path("pageInfo").path("endCursor").asText(null);
        boolean more = lineItems.path("pageInfo").path("hasNextPage").asBoolean(false);
        int requests = 0;
        while (more) {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("id", draft.path("id").asText());
            variables.put("first", lineItemsPageSize);
            variables.put("after", after);
            final GraphQlResponse response = client.execute(ShopifyDocument.DRAFT_ORDER_LINE_ITEMS.text(), variables);
            requests++;
            response.at("draftOrder.lineItems.nodes").forEach(((ArrayNode) lineItems.path("nodes"))::add);
            final JsonNode pageInfo = response.at("draftOrder.lineItems.pageInfo");
            more = pageInfo.path("hasNextPage").asBoolean(false);
            after = pageInfo.path("endCursor").asText(null);
        }
        if (lineItems.path("pageInfo").isObject()) {
            ((ObjectNode) lineItems.path("pageInfo")).put("hasNextPage", false);
        }
        return requests;
    }

    private static int largestWithin(final String document, final String variable, final Map<String, Object> base, final int max) {
        int best = 1;
        for (int n = 1; n <= max; n++) {
            final Map<String, Object> variables = new HashMap<>(base);
            variables.put(variable, n);
            if (QueryCostEstimator.estimate(document, variables) > TARGET_COST) {
                break;
            }
            best = n;
        }
        return best;
    }
}
