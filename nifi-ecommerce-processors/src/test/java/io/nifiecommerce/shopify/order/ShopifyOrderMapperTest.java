package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Segment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopifyOrderMapperTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path captures() {
        final String property = System.getProperty("nifiecommerce.reference.dir");
        return (property != null ? Path.of(property) : Path.of("..", "reference")).resolve("shopify-admin-graphql");
    }

    @Test
    void mapsTheRealOrderOfTheMultiPageHydrationCapture() throws IOException {
        final JsonNode capture = MAPPER.readTree(captures().resolve("captures-2026-04/orderUpdate-multi-page-hydration.json").toFile());
        final ObjectNode order = (ObjectNode) capture.path("upstreamCalls").get(0).path("response").path("body").path("data").path("order");
        final ArrayNode lines = (ArrayNode) order.path("lineItems").path("nodes");
        assertTrue(order.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(), "the capture needs a second page of lines");
        // the second call of the capture carries the remaining lines
        capture.path("upstreamCalls").get(1).path("response").path("body").path("data").path("order").path("lineItems").path("nodes")
                .forEach(lines::add);

        final Order mapped = ShopifyOrderMapper.fromGraphQl(order);

        assertEquals("gid://shopify/Order/8938752442674", mapped.sourceId());
        assertEquals("#1821", mapped.name());
        assertEquals(Segment.B2C, mapped.segment());
        assertEquals("USD", mapped.currency());
        assertEquals(12, mapped.lines().size());
        assertEquals("sdp-multi-page-1783732889848-12", mapped.lines().get(11).sku());
        assertEquals(new BigDecimal("1.0"), mapped.lines().get(0).unitPrice());
        assertEquals(BigDecimal.ZERO, mapped.lines().get(0).discountAmount());
        assertNull(mapped.lines().get(0).taxRate(), "no tax line, no rate");
        assertEquals(new BigDecimal("12.0"), mapped.totalPrice());
        assertEquals("gid://shopify/Customer/10947250880818", mapped.customer().id());
        assertEquals("UNFULFILLED", mapped.fulfillmentStatus());
        assertNull(mapped.financialStatus());
        assertNull(mapped.billingAddress());
        assertEquals(List.of("multi-page-hydration", "order-update", "shopify-draft-proxy"), mapped.tags());
    }

    @Test
    void stackedTaxLinesAddUpAndB2bTakesTheCompanyContact() throws IOException {
        final JsonNode node = MAPPER.readTree("""
                {"id":"gid://shopify/Order/1","name":"#1","updatedAt":"2026-11-20T10:00:00Z","currencyCode":"USD","taxesIncluded":false,
                 "customer":{"id":"gid://shopify/Customer/9","email":"someone@example.com"},
                 "purchasingEntity":{"__typename":"PurchasingCompany","company":{"id":"gid://shopify/Company/5","externalId":null,"name":"Acme"},
                   "location":{"id":"gid://shopify/CompanyLocation/6","externalId":"L6","name":"Dock","taxSettings":{"taxRegistrationId":null}},
                   "contact":{"customer":{"id":"gid://shopify/Customer/7","email":"buyer@acme.example"}}},
                 "lineItems":{"nodes":[{"id":"gid://shopify/LineItem/1","sku":null,"quantity":1,
                   "originalUnitPriceSet":{"shopMoney":{"amount":"100.00"}},"discountAllocations":[],
                   "taxLines":[{"rate":0.06,"priceSet":{"shopMoney":{"amount":"6.00"}}},{"rate":0.0225,"priceSet":{"shopMoney":{"amount":"2.25"}}}]}]}}
                """);
        final Order order = ShopifyOrderMapper.fromGraphQl(node);
        assertEquals(Segment.B2B, order.segment());
        assertEquals("Acme", order.company().name());
        assertNull(order.company().taxRegistrationNumber());
        assertEquals("buyer@acme.example", order.customer().email());
        assertEquals(new BigDecimal("8.25"), order.lines().get(0).taxAmount());
        assertEquals(new BigDecimal("0.0825"), order.lines().get(0).taxRate());
        assertNull(order.lines().get(0).sku());
    }

    @Test
    void bulkLinesAreReassembledUnderTheirOrderInConstantMemory() throws IOException {
        final String jsonl = """
                {"id":"gid://shopify/Order/1","name":"#1","updatedAt":"2026-11-20T10:00:00Z"}
                {"__typename":"LineItem","id":"gid://shopify/LineItem/11","sku":"A","quantity":1,"__parentId":"gid://shopify/Order/1"}
                {"__typename":"ShippingLine","code":"std","__parentId":"gid://shopify/Order/1"}
                {"__typename":"LineItem","id":"gid://shopify/LineItem/12","sku":"B","quantity":2,"__parentId":"gid://shopify/Order/1"}
                {"id":"gid://shopify/Order/2","name":"#2","updatedAt":"2026-11-20T10:01:00Z"}
                """;
        final List<ObjectNode> orders = new ArrayList<>();
        final long count = BulkOrderExport.reassemble(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), orders::add);
        assertEquals(2, count);
        assertEquals(2, orders.get(0).path("lineItems").path("nodes").size());
        assertEquals(1, orders.get(0).path("shippingLines").path("nodes").size());
        assertTrue(orders.get(0).path("lineItems").path("nodes").get(0).path("__parentId").isMissingNode());
        assertEquals(0, orders.get(1).path("lineItems").path("nodes").size());

        final String ungrouped = """
                {"id":"gid://shopify/Order/1","name":"#1"}
                {"id":"gid://shopify/Order/2","name":"#2"}
                {"__typename":"LineItem","id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}
                """;
        assertThrows(IllegalStateException.class, () -> BulkOrderExport.reassemble(
                new ByteArrayInputStream(ungrouped.getBytes(StandardCharsets.UTF_8)), order -> { }));
    }
}
