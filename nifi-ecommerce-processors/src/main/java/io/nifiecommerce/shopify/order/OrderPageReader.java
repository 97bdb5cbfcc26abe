package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.QueryCostEstimator;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Reads orders page by page, oldest update first, each order complete: lines beyond what the page
 * query selected are fetched with a follow-up query per order. The page size starts at what
 * Shopify's documented worst-case cost allows under the 1000-point single-query limit and adapts
 * to the requestedQueryCost Shopify reports ({@link PageSizing}); a MAX_COST_EXCEEDED answer
 * halves it.
 */
public final class OrderPageReader implements OrderPages {

    public static final int MAX_PAGE_SIZE = 250;
    public static final int SINGLE_QUERY_LIMIT = PageSizing.SINGLE_QUERY_LIMIT;
    /** Keep a margin under the limit for orders whose cost Shopify sizes differently. */
    static final int TARGET_COST = 900;
    static final int LINE_ITEMS_PER_ORDER = 30;
    static final int SHIPPING_LINES_PER_ORDER = 5;

    /** One page: the orders (line items complete) and where the next page starts. */
    public record OrderPage(List<ObjectNode> orders, boolean hasNextPage, String endCursor, String servedApiVersion,
                            double requestedCost, int requests) {
    }

    private final ShopifyGraphQlClient client;
    private final PageSizing sizing;
    private final int lineItemsPageSize;

    public OrderPageReader(final ShopifyGraphQlClient client, final int maxPageSize) {
        this.client = client;
        final int max = Math.max(1, Math.min(MAX_PAGE_SIZE, maxPageSize));
        this.sizing = new PageSizing(initialPageSize(max), max, TARGET_COST);
        this.lineItemsPageSize = largestWithin(n -> QueryCostEstimator.estimate(ShopifyDocument.ORDER_LINE_ITEMS.text(),
                Map.of("id", "x", "first", n)), MAX_PAGE_SIZE);
    }

    @Override
    public int pageSize() {
        return sizing.size();
    }

    /** The largest page whose documented worst-case cost stays within the target. */
    public static int initialPageSize(final int maxPageSize) {
        return largestWithin(n -> QueryCostEstimator.estimate(ShopifyDocument.ORDERS_PAGE.text(), pageVariables(n, null, "")), maxPageSize);
    }

    @Override
    public OrderPage read(final String search, final String after) {
        int requests = 0;
        while (true) {
            final GraphQlResponse response;
            try {
                requests++;
                response = client.execute(ShopifyDocument.ORDERS_PAGE.text(), pageVariables(sizing.size(), after, search));
            } catch (final ApiException e) {
                if ("MAX_COST_EXCEEDED".equals(e.code()) && sizing.shrink()) {
                    continue;
                }
                throw e;
            }
            final double requested = response.cost() == null ? 0 : response.cost().requestedQueryCost();
            sizing.observed(requested);
            final List<ObjectNode> orders = new ArrayList<>();
            for (final JsonNode node : response.at("orders.nodes")) {
                final ObjectNode order = (ObjectNode) node;
                requests += completeLineItems(order);
                orders.add(order);
            }
            final JsonNode pageInfo = response.at("orders.pageInfo");
            return new OrderPage(orders, pageInfo.path("hasNextPage").asBoolean(false), pageInfo.path("endCursor").asText(null),
                    response.servedApiVersion(), requested, requests);
        }
    }

    /** Appends the lines the page left out; returns the number of requests it took. */
    private int completeLineItems(final ObjectNode order) {
        final JsonNode lineItems = order.path("lineItems");
        if (!lineItems.path("pageInfo").path("hasNextPage").asBoolean(false)) {
            return 0;
        }
        final ArrayNode nodes = (ArrayNode) lineItems.path("nodes");
        String after = lineItems.path("pageInfo").path("endCursor").asText(null);
        int requests = 0;
        boolean more = true;
        while (more) {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("id", order.path("id").asText());
            variables.put("first", lineItemsPageSize);
            variables.put("after", after);
            final GraphQlResponse response = client.execute(ShopifyDocument.ORDER_LINE_ITEMS.text(), variables);
            requests++;
            response.at("order.lineItems.nodes").forEach(nodes::add);
            final JsonNode pageInfo = response.at("order.lineItems.pageInfo");
            more = pageInfo.path("hasNextPage").asBoolean(false);
            after = pageInfo.path("endCursor").asText(null);
        }
        ((ObjectNode) lineItems.path("pageInfo")).put("hasNextPage", false);
        return requests;
    }

    static Map<String, Object> pageVariables(final int first, final String after, final String search) {
        final Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        variables.put("query", search);
        variables.put("lineItemsFirst", LINE_ITEMS_PER_ORDER);
        variables.put("shippingLinesFirst", SHIPPING_LINES_PER_ORDER);
        return variables;
    }

    private static int largestWithin(final IntUnaryOperator cost, final int max) {
        int best = 1;
        for (int n = 1; n <= max; n++) {
            if (cost.applyAsInt(n) <= TARGET_COST) {
                best = n;
            } else {
                break;
            }
        }
        return best;
    }
}
