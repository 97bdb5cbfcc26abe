package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.processors.stock.SandboxShopifyConnection;
import io.nifiecommerce.sandbox.Sandbox;
import io.nifiecommerce.sandbox.SandboxConfig;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.shopify.Gid;
import io.nifiecommerce.sandbox.shopify.Shop;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PutShopifyErpStatus against the sandbox shop: BC's state on the order as metafields and a tag, once, never backwards. */
class PutShopifyErpStatusTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private Sandbox sandbox;
    private TestRunner runner;
    private Shop shop;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults().withOrders(10).withSeed(4));
        shop = sandbox.shopify().shop();
        runner = new SandboxShopifyConnection(sandbox).runner(PutShopifyErpStatus.class);
        runner.setProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE, "shopify");
        runner.setProperty(PutShopifyFulfillmentProperties.RECORD_READER, "reader");
        runner.setProperty(PutShopifyErpStatus.RECORD_WRITER, "writer");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<JsonNode> send(final String entitySet, final List<Map<String, Object>> records) throws Exception {
        runner.clearTransferState();
        runner.enqueue(MAPPER.writeValueAsString(records), Map.of("bc.entity.set", entitySet));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyErpStatus.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(PutShopifyErpStatus.REL_SUCCESS).get(0);
        final List<JsonNode> written = new java.util.ArrayList<>();
        MAPPER.readTree(out.getContent()).forEach(written::add);
        return written;
    }

    private String status(final Order order, final String key) {
        return shop.metafields().get(Gid.of("Order", order.id()), "erp", key).map(v -> v.value()).orElse(null);
    }

    @Test
    void theOrderShowsItsBcNumberAndStateOnceAndNeverGoesBack() throws Exception {
        final Order order = sandbox.seed().orders().get(0);
        List<JsonNode> out = send("salesOrders", List.of(Map.of("number", "S-ORD101001", "externalDocumentNumber", order.name(), "status", "Open"),
                Map.of("number", "S-ORD101002", "externalDocumentNumber", "AMZ-4051000", "status", "Open")));
        assertEquals("UPDATED", out.get(0).path("erpOutcome").asText());
        assertEquals("NOT_IN_SHOP", out.get(1).path("erpOutcome").asText());
        assertEquals("CREATED", status(order, "status"));
        assertEquals("S-ORD101001", status(order, "bc_order_number"));
        assertTrue(shop.order(order.id()).orElseThrow().tags().contains("erp:created"));

        out = send("salesOrders", List.of(Map.of("number", "S-ORD101001", "externalDocumentNumber", order.name(), "status", "Open")));
        assertEquals("UNCHANGED", out.get(0).path("erpOutcome").asText(), "a replay writes nothing");

        out = send("salesInvoices", List.of(Map.of("number", "S-INV103001", "orderNumber", "S-ORD101001", "externalDocumentNumber", order.name())));
        assertEquals("UPDATED", out.get(0).path("erpOutcome").asText());
        assertEquals("INVOICED", status(order, "status"));
        assertEquals("S-ORD101001", status(order, "bc_order_number"), "the sales order's number, not the invoice's");

        out = send("salesOrders", List.of(Map.of("number", "S-ORD101001", "externalDocumentNumber", order.name(), "status", "Released")));
        assertEquals("UNCHANGED", out.get(0).path("erpOutcome").asText(), "an older document never moves the order back");
        assertEquals("INVOICED", status(order, "status"));
    }

    /**
     * The real sequence of an approved draft: PutBusinessCentralOrder creates the sales order under the draft's name, and the
     * status flow may read it before PutShopifyErpShipping completed the draft (carrier price not in BC yet, Shopify
     * throttling, drafts completed by hand). The status waits in the retry loop, with the batch's other orders written at
     * once, and lands on the order once the draft is completed.
     */
    @Test
    void aBcOrderUnderTheDraftsNameWaitsForTheDraftToBecomeAnOrderThenShowsItsStatusThere() throws Exception {
        final Order b2c = shop.orders().stream().filter(o -> !o.isB2b()).findFirst().orElseThrow();
        final Order b2b = shop.orders().stream().filter(Order::isB2b).findFirst().orElseThrow();
        final var draft = shop.resubmitAsDraft(b2b.id()).orElseThrow();
        runner.enqueue(MAPPER.writeValueAsString(List.of(
                Map.of("number", "S-ORD101008", "externalDocumentNumber", b2c.name(), "status", "Open"),
                Map.of("number", "S-ORD101009", "externalDocumentNumber", draft.name(), "status", "Open"),
                Map.of("number", "S-ORD101010", "externalDocumentNumber", "AMZ-4051000", "status", "Open"))), Map.of("bc.entity.set", "salesOrders"));
        runner.run();
        runner.assertTransferCount(PutShopifyErpStatus.REL_SUCCESS, 1);
        runner.assertTransferCount(PutShopifyErpStatus.REL_FAILURE, 0);
        runner.assertTransferCount(PutShopifyErpStatus.REL_RETRY, 1);
        final MockFlowFile waiting = runner.getFlowFilesForRelationship(PutShopifyErpStatus.REL_RETRY).get(0);
        waiting.assertAttributeEquals("error.code", "DRAFT_NOT_COMPLETED");
        final JsonNode waited = MAPPER.readTree(waiting.getContent());
        assertEquals(1, waited.size());
        assertEquals("WAITING", waited.get(0).path("erpOutcome").asText(), "a draft not completed yet is an order to come, not an unknown name");
        final JsonNode written = MAPPER.readTree(runner.getFlowFilesForRelationship(PutShopifyErpStatus.REL_SUCCESS).get(0).getContent());
        assertEquals(List.of("UPDATED", "NOT_IN_SHOP"), List.of(written.get(0).path("erpOutcome").asText(), written.get(1).path("erpOutcome").asText()));
        assertEquals("CREATED", status(b2c, "status"));

        // the retry loop sends the same records again: still waiting while the draft is open
        runner.clearTransferState();
        runner.enqueue(waiting.toByteArray(), Map.of("bc.entity.set", "salesOrders"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyErpStatus.REL_RETRY, 1);

        // PutShopifyErpShipping completes the draft: the next try writes the status on the order it became
        final Order placed = shop.completeDraft(shop.draft(draft.id()).orElseThrow(), false);
        final byte[] again = runner.getFlowFilesForRelationship(PutShopifyErpStatus.REL_RETRY).get(0).toByteArray();
        runner.clearTransferState();
        runner.enqueue(again, Map.of("bc.entity.set", "salesOrders"));
        runner.run();
        runner.assertAllFlowFilesTransferred(PutShopifyErpStatus.REL_SUCCESS, 1);
        assertEquals("UPDATED", MAPPER.readTree(runner.getFlowFilesForRelationship(PutShopifyErpStatus.REL_SUCCESS).get(0).getContent())
                .get(0).path("erpOutcome").asText());
        assertEquals("CREATED", status(placed, "status"));
        assertEquals("S-ORD101009", status(placed, "bc_order_number"));
        assertTrue(shop.order(placed.id()).orElseThrow().tags().contains("erp:created"));

        final List<JsonNode> out = send("salesOrders", List.of(Map.of("number", "S-ORD101009", "externalDocumentNumber", draft.name(), "status", "Released")));
        assertEquals("UPDATED", out.get(0).path("erpOutcome").asText());
        assertEquals("RELEASED", status(placed, "status"));
    }
}
