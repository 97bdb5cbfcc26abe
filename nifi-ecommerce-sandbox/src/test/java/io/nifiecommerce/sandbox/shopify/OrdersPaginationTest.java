package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrdersPaginationTest {

    private static final String PAGE = """
            query Orders($first: Int!, $after: String, $query: String) {
              orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id name updatedAt createdAt email currencyCode taxesIncluded poNumber tags
                  displayFinancialStatus displayFulfillmentStatus
                  customer { id email firstName lastName }
                  purchasingEntity { __typename ... on PurchasingCompany { company { id name externalId } location { id name taxRegistrationId } contact { id } } ... on Customer { id } }
                  shippingAddress { address1 city zip countryCodeV2 }
                  lineItems(first: 50) { nodes { sku name quantity originalUnitPriceSet { shopMoney { amount currencyCode } }
                    discountAllocations { allocatedAmountSet { shopMoney { amount } } }
                    taxLines { rate priceSet { shopMoney { amount } } } variant { id sku inventoryItem { id } } } }
                  shippingLines(first: 5) { nodes { title originalPriceSet { shopMoney { amount } } } }
                  totalPriceSet { shopMoney { amount currencyCode } } } }
              }
            }""";

    private static Sandbox sandbox;
    private static AdminClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(120).withSeed(7));
        client = new AdminClient(sandbox.shopifyBaseUrl(), sandbox.shopifyAccessToken());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void pagesEveryOrderOnceEvenWhenOrdersChangeBetweenPages() {
        final Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        String touched = null;
        while (true) {
            final Map<String, Object> variables = new HashMap<>();
            variables.put("first", 50);
            variables.put("after", after);
            final AdminClient.Reply reply = client.post(PAGE, variables);
            assertEquals(200, reply.status(), reply.json().toString());
            assertFalse(reply.json().has("errors"), reply.json().toString());
            final JsonNode orders = reply.data().path("orders");
            for (final JsonNode edge : orders.path("edges")) {
                assertTrue(seen.add(edge.path("node").path("id").asText()) || edge.path("node").path("id").asText().equals(touched),
                        "order seen twice: " + edge);
            }
            pages++;
            if (pages == 1) {
                // An order of the first page is edited: it must come again at the end, nothing is skipped.
                touched = orders.path("edges").get(3).path("node").path("id").asText();
                sandbox.shopify().shop().touchOrder(Gid.parse(touched, "Order").getAsLong(), List.of("edited"));
            }
            if (!orders.path("pageInfo").path("hasNextPage").asBoolean()) {
                break;
            }
            after = orders.path("pageInfo").path("endCursor").asText();
        }
        assertEquals(120, seen.size());
        assertEquals(3, pages);
        final JsonNode cost = client.post(PAGE, Map.of("first", 1)).json().path("extensions").path("cost");
        assertTrue(cost.path("requestedQueryCost").asInt() > cost.path("actualQueryCost").asInt() - 1);
        assertEquals(2000, cost.path("throttleStatus").path("maximumAvailable").asInt());
    }

    @Test
    void b2bOrdersCarryPurchasingCompanyAndPoNumber() {
        final AdminClient.Reply reply = client.post(PAGE, Map.of("first", 80, "query", "tag:b2b"));
        final JsonNode edges = reply.data().path("orders").path("edges");
        assertTrue(edges.size() > 10, reply.json().toString());
        for (final JsonNode edge : edges) {
            final JsonNode node = edge.path("node");
            assertEquals("PurchasingCompany", node.path("purchasingEntity").path("__typename").asText());
            assertTrue(node.path("poNumber").asText().startsWith("PO-"));
            assertTrue(node.path("purchasingEntity").path("location").path("taxRegistrationId").asText().startsWith("FR"));
            assertNotNull(node.path("lineItems").path("nodes").get(0).path("sku").asText());
        }
    }
}
