package io.nifiecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryCostEstimatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A document sent to a real shop, its variables, and the requestedQueryCost Shopify answered. */
    record Observed(String file, String path, String query, Map<String, Object> variables, int requested) {
    }

    static List<Observed> observedCosts() throws IOException {
        final Path root = ShopifyAdminSdl.referenceDir().resolve("shopify-admin-graphql");
        final List<Observed> observed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                collect(file.getFileName().toString(), "", MAPPER.readTree(file.toFile()), observed);
            }
        }
        return observed;
    }

    @SuppressWarnings("unchecked")
    private static void collect(final String file, final String path, final JsonNode node, final List<Observed> out) {
        if (node.isObject()) {
            final JsonNode query = node.get("query");
            final JsonNode response = node.get("response");
            if (query != null && query.isTextual() && response != null) {
                final JsonNode requested = response.findValue("requestedQueryCost");
                if (requested != null && requested.isNumber()) {
                    final Map<String, Object> variables = node.has("variables") && node.get("variables").isObject()
                            ? MAPPER.convertValue(node.get("variables"), Map.class) : Map.of();
                    out.add(new Observed(file, path, query.asText(), variables, requested.asInt()));
                }
            }
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                collect(file, path + "/" + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(file, path + "/" + i, node.get(i), out);
            }
        }
    }

    @Test
    void neverUnderestimatesWhatShopifyRequestedInTheCaptures() throws IOException {
        final List<Observed> observed = observedCosts();
        assertTrue(observed.size() >= 40, "captures with a query and its cost: " + observed.size());
        final List<String> under = new ArrayList<>();
        for (final Observed o : observed) {
            final int estimate = QueryCostEstimator.estimate(o.query(), o.variables());
            if (estimate < o.requested()) {
                under.add(o.file() + o.path() + ": estimated " + estimate + " < requested " + o.requested());
            }
        }
        assertTrue(under.isEmpty(), String.join("\n", under));
    }

    @Test
    void matchesShopifyExactlyWhereNoConnectionIsSized() throws IOException {
        int compared = 0;
        for (final Observed o : observedCosts()) {
            if (o.query().contains("first:") || o.query().contains("last:") || o.query().trim().startsWith("#graphql\n  mutation")
                    || o.query().contains("mutation")) {
                continue;
            }
            assertEquals(o.requested(), QueryCostEstimator.estimate(o.query(), o.variables()), o.file() + o.path() + "\n" + o.query());
            compared++;
        }
        assertTrue(compared >= 3, "plain object reads compared: " + compared);
    }

    @Test
    void fulfillmentReadWithUnsizedListsCostsThreeAsShopifySaid() {
        // captures-2025-01/fulfillment-multi-tracking-info.json, downstreamRead: requestedQueryCost 3
        final String query = """
                query FulfillmentMultiTrackingRead($id: ID!) {
                  order(id: $id) { id displayFulfillmentStatus
                    fulfillments(first: 5) { id status displayStatus trackingInfo(first: 5) { number url company } } } }""";
        assertEquals(3, QueryCostEstimator.estimate(query, Map.of("id", "gid://shopify/Order/1")));
    }

    @Test
    void connectionsMultiplyByPageSizeAndUnionsTakeTheCostliestBranch() {
        final String query = """
                query Q($n: Int!) { orders(first: $n) { nodes { id customer { id }
                  purchasingEntity { __typename ... on Customer { id } ... on PurchasingCompany { company { id } location { id } } } }
                  pageInfo { hasNextPage } } }""";
        // node: 1 + customer 1 + purchasingEntity (1 + max(0, 2)) = 5; connection: 2 + n x 5
        assertEquals(2 + 10 * 5, QueryCostEstimator.estimate(query, Map.of("n", 10)));
        assertEquals(2 + 250 * 5, QueryCostEstimator.estimate(query, Map.of("n", 250)));
    }

    @Test
    void mutationsCostTenPlusTheirPayloadAndCountsTen() {
        assertEquals(10 + 1 + 1, QueryCostEstimator.estimate(ShopifyDocument.BULK_ORDERS_RUN.text(), Map.of("query", "{}")));
        assertEquals(10, QueryCostEstimator.estimate(ShopifyDocument.ORDERS_COUNT.text(), Map.of("query", "")));
        assertEquals(1, QueryCostEstimator.estimate(ShopifyDocument.BULK_OPERATION_STATUS.text(), Map.of("id", "x")));
    }
}
