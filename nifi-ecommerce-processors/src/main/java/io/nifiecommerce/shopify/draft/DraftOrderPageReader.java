package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.QueryCostEstimator;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.order.OrderPageReader;
import io.nifiecommerce.shopify.order.OrderPages;
import io.nifiecommerce.shopify.order.PageSizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads draft orders page by page, oldest update first, each draft with all its lines. The page size adapts to the
 * requestedQueryCost Shopify reports, as {@link OrderPageReader}'s does ({@link PageSizing}): the documented worst case
 * prices every draft's 50 lines, so it allows one draft to a page, where a shop charges the nested lines once and a
 * page holds a dozen or more. A B2B shop can hold thousands of drafts waiting for review (a backlog after a holiday,
 * a first run), and one request per draft would take the read far past its schedule.
 */
public final class DraftOrderPageReader implements OrderPages {

    static final int LINE_ITEMS_PER_DRAFT = 50;
    static final int TARGET_COST = 900;

    private final ShopifyGraphQlClient client;
    private final PageSizing sizing;
    private final int lineItemsPageSize;

    public DraftOrderPageReader(final ShopifyGraphQlClient client, final int maxPageSize) {
        this.client = client;
        final int max = Math.max(1, Math.min(maxPageSize, OrderPageReader.MAX_PAGE_SIZE));
        this.sizing = new PageSizing(largestWithin(ShopifyDocument.DRAFT_ORDERS_PAGE.text(), "first",
                Map.of("first", 1, "query", "", "lineItemsFirst", LINE_ITEMS_PER_DRAFT), max), max, TARGET_COST);
        this.lineItemsPageSize = largestWithin(ShopifyDocument.DRAFT_ORDER_LINE_ITEMS.text(), "first", Map.of("id", "x", "first", 1), 250);
    }

    @Override
    public int pageSize() {
        return sizing.size();
    }

    @Override
    public OrderPageReader.OrderPage read(final String search, final String after) {
        int requests = 0;
        GraphQlResponse response = null;
        while (response == null) {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("first", sizing.size());
            variables.put("after", after);
            variables.put("query", search);
            variables.put("lineItemsFirst", LINE_ITEMS_PER_DRAFT);
            try {
                requests++;
                response = client.execute(ShopifyDocument.DRAFT_ORDERS_PAGE.text(), variables);
            } catch (final ApiException e) {
                if (!"MAX_COST_EXCEEDED".equals(e.code()) || !sizing.shrink()) {
                    throw e;
                }
            }
        }
        final double requested = response.cost() == null ? 0 : response.cost().requestedQueryCost();
        sizing.observed(requested);
        final List<ObjectNode> drafts = new ArrayList<>();
        for (final JsonNode node : response.at("draftOrders.nodes")) {
            requests += completeLineItems((ObjectNode) node);
            drafts.add((ObjectNode) node);
        }
        final JsonNode pageInfo = response.at("draftOrders.pageInfo");
        return new OrderPageReader.OrderPage(drafts, pageInfo.path("hasNextPage").asBoolean(false), pageInfo.path("endCursor").asText(null),
                response.servedApiVersion(), requested, requests);
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
