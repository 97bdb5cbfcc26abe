package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.processors.stock.SandboxShopifyConnection;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.OrderAdjustments;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetShopifyRefunds against the sandbox shop: the refunds of refunded orders, as canonical refund records. */
class GetShopifyRefundsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private Sandbox sandbox;
    private TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(10).withSeed(3));
        runner = new SandboxShopifyConnection(sandbox).runner(GetShopifyRefunds.class);
        runner.setProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE, "shopify");
        runner.setProperty(PutShopifyFulfillmentProperties.RECORD_READER, "reader");
        runner.setProperty(GetShopifyRefunds.RECORD_WRITER, "writer");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static Map<String, Object> orderRecord(final Order order, final String financialStatus) {
        return Map.of("name", order.name(), "sourceId", "gid://shopify/Order/" + order.id(), "financialStatus", financialStatus, "lines", List.of());
    }

    @Test
    void refundsOfRefundedOrdersComeOutWithTheirLinesRestockTypeAndShipping() throws Exception {
        final List<Order> open = sandbox.seed().orders().stream().filter(o -> o.cancelledAt() == null && !"FULFILLED".equals(o.fulfillmentStatus()))
                .toList();
        final Order returned = open.get(0);
        final Order untouched = open.get(1);
        final OrderAdjustments adjustments = sandbox.shopify().shop().adjustments();
        final OrderAdjustments.Refunded refund = adjustments.refund(returned.id(), Map.of(returned.lines().get(0).id(), 1), Map.of(), "RETURN", true,
                "return");
        assertEquals(null, refund.error());

        runner.enqueue(MAPPER.writeValueAsString(List.of(orderRecord(returned, "PARTIALLY_REFUNDED"), orderRecord(untouched, "PAID"))));
        runner.run();
        runner.assertTransferCount(GetShopifyRefunds.REL_ORIGINAL, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(GetShopifyRefunds.REL_REFUNDS).get(0);
        out.assertAttributeEquals("record.count", "1");
        out.assertAttributeEquals("shopify.refunded.orders", "1");
        final JsonNode record = MAPPER.readTree(out.getContent()).get(0);
        assertEquals("gid://shopify/Refund/" + refund.refund().id(), record.path("sourceId").asText());
        assertEquals(returned.name(), record.path("orderName").asText());
        assertEquals("RETURN", record.path("lines").get(0).path("restockType").asText());
        assertEquals(returned.lines().get(0).sku(), record.path("lines").get(0).path("sku").asText());
        assertEquals(1, record.path("lines").get(0).path("quantity").asInt());
        assertTrue(record.path("shipping").size() <= 1);
        assertEquals(returned.totalShipping().signum() > 0 ? 1 : 0, record.path("shipping").size(), record.toString());
    }
}
