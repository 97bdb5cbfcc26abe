package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.shopify.webhook.WebhookSignature;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiveShopifyOrderWebhookTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "whsec-test-0123456789";

    /** An orders/create body in Shopify's REST shape (B2B: the company is named by id only). */
    static final String ORDER = orderWebhookSample();

    static String orderWebhookSample() {
        try (InputStream in = ReceiveShopifyOrderWebhookTest.class.getResourceAsStream("/shopify/webhook-orders-create.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestRunner runner;

    @BeforeEach
    void setUp() throws InitializationException {
        runner = runner(SECRET);
    }

    /** The processor with a JSON writer, verifying with {@code secret}. */
    static TestRunner runner(final String secret) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ReceiveShopifyOrderWebhook.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ReceiveShopifyOrderWebhook.RECORD_WRITER, "writer");
        runner.setProperty(ReceiveShopifyOrderWebhook.WEBHOOK_SECRET, secret);
        return runner;
    }

    private static String sign(final String body, final String secret) throws IOException {
        return new WebhookSignature(secret).signBase64(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private void enqueue(final String body, final String hmac, final String eventId) {
        final Map<String, String> attributes = new HashMap<>();
        if (hmac != null) {
            attributes.put("http.headers.X-Shopify-Hmac-Sha256", hmac);
        }
        attributes.put("http.headers.X-Shopify-Event-Id", eventId);
        attributes.put("http.headers.X-Shopify-Topic", "orders/create");
        attributes.put("http.headers.X-Shopify-Shop-Domain", "maison-test.myshopify.com");
        runner.enqueue(body, attributes);
    }

    @Test
    void acceptsASignedOrderAndWritesTheCanonicalRecord() throws IOException {
        enqueue(ORDER, sign(ORDER, SECRET), "evt-1");

        runner.run();

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_SUCCESS).get(0);
        out.assertAttributeEquals("ecommerce.order.segment", "B2B");
        out.assertAttributeEquals("record.count", "1");
        out.assertAttributeEquals("shopify.topic", "orders/create");
        out.assertAttributeEquals("shopify.event.id", "evt-1");
        out.assertAttributeEquals("shopify.shop", "maison-test.myshopify.com");
        final JsonNode record = MAPPER.readTree(out.getContent()).get(0);
        assertEquals("gid://shopify/Order/820982911946154508", record.path("sourceId").asText());
        assertEquals("gid://shopify/Company/5738955058", record.path("company").path("id").asText());
        assertEquals("gid://shopify/CompanyLocation/8612086066", record.path("company").path("locationId").asText());
        assertEquals("PAID", record.path("financialStatus").asText());
        assertEquals("UNFULFILLED", record.path("fulfillmentStatus").asText());
        assertEquals("19.90", record.path("lines").get(0).path("unitPrice").asText());
        assertEquals("2.00", record.path("lines").get(0).path("discountAmount").asText());
        assertEquals("0.2", record.path("lines").get(0).path("taxRate").asText());
        assertEquals("4.90", record.path("totalShipping").asText());
        assertEquals(2, record.path("tags").size());
        assertFalse(out.getAttributes().containsValue(SECRET));
    }

    @Test
    void rejectsAWrongOrMissingSignatureWithoutLeakingTheSecret() throws IOException {
        enqueue(ORDER, sign(ORDER, "another-secret"), "evt-2");
        enqueue(ORDER.replace("62.60", "0.01"), sign(ORDER, SECRET), "evt-3");
        enqueue(ORDER, null, "evt-4");
        enqueue(ORDER, "not base64 !!", "evt-5");

        runner.run();

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_FAILURE, 4);
        final var failed = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_FAILURE);
        assertEquals("INVALID_HMAC", failed.get(0).getAttribute("error.code"));
        assertEquals("INVALID_HMAC", failed.get(1).getAttribute("error.code"), "an altered body is refused");
        assertEquals("MISSING_HMAC", failed.get(2).getAttribute("error.code"));
        assertEquals("MALFORMED_HMAC", failed.get(3).getAttribute("error.code"));
        for (final MockFlowFile flowFile : failed) {
            assertFalse(flowFile.getAttributes().values().stream().anyMatch(v -> v.contains(SECRET)));
        }
        assertTrue(runner.getLogger().getWarnMessages().stream().noneMatch(m -> m.getMsg().contains(SECRET)));
    }

    @Test
    void aRepeatedEventIdIsADuplicate() throws IOException {
        enqueue(ORDER, sign(ORDER, SECRET), "evt-6");
        enqueue(ORDER, sign(ORDER, SECRET), "evt-6");
        enqueue(ORDER, sign(ORDER, SECRET), "evt-7");

        runner.run();

        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_SUCCESS, 2);
        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_DUPLICATE, 1);
        runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_DUPLICATE).get(0).assertAttributeEquals("shopify.event.id", "evt-6");
    }

    @Test
    void inAClusterADeliveryAnotherNodeTookIsADuplicate() throws IOException {
        runner.setIsConfiguredForClustering(true);
        runner.setClustered(true);
        // what another node recorded in the cluster state when the first delivery of evt-8 reached it
        runner.getStateManager().setState(Map.of("evt-8", "1"), Scope.CLUSTER);
        enqueue(ORDER, sign(ORDER, SECRET), "evt-8");
        enqueue(ORDER, sign(ORDER, SECRET), "evt-9");

        runner.run();

        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_DUPLICATE, 1);
        runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_DUPLICATE).get(0).assertAttributeEquals("shopify.event.id", "evt-8");
        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
        runner.getStateManager().assertStateEquals("evt-9", "2", Scope.CLUSTER);
        runner.getStateManager().assertStateNotSet(Scope.LOCAL);
    }

    @Test
    void standaloneTheIdsStayInMemory() throws IOException {
        enqueue(ORDER, sign(ORDER, SECRET), "evt-10");

        runner.run();

        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
        runner.getStateManager().assertStateNotSet(Scope.CLUSTER);
    }

    @Test
    void aSignedBodyThatIsNotAnOrderFails() throws IOException {
        final String deletion = "{\"id\":820982911946154508}";
        enqueue(deletion, sign(deletion, SECRET), "evt-8");
        final String garbage = "{not json";
        enqueue(garbage, sign(garbage, SECRET), "evt-9");

        runner.run();

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_FAILURE, 2);
        runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_FAILURE)
                .forEach(f -> f.assertAttributeEquals("error.code", "INVALID_ORDER_JSON"));
    }

    @Test
    void anAbsurdAmountFailsWithItsReasonInsteadOfStallingTheProcessor() throws IOException {
        // 1e99999999 is one digit, but adding it to zero (the shipping total) kept the thread busy for more than 20 s
        // before amounts were bounded; an unparsable amount used to fail with the message "null"
        final String huge = ORDER.replace("\"price\":\"4.90\"", "\"price\":\"1e99999999\"")
                .replace("\"total_shipping_price_set\":{\"shop_money\":{\"amount\":\"4.90\",\"currency_code\":\"EUR\"}}", "\"x\":0");
        enqueue(huge, sign(huge, SECRET), "evt-11");
        final String notANumber = ORDER.replace("\"total_price\":\"62.60\"", "\"total_price\":\"62,60\"");
        enqueue(notANumber, sign(notANumber, SECRET), "evt-12");
        final String nullId = ORDER.replace("\"id\":820982911946154508,\"admin_graphql_api_id\":\"gid://shopify/Order/820982911946154508\",", "\"id\":null,");
        enqueue(nullId, sign(nullId, SECRET), "evt-13");

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> runner.run());

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_FAILURE, 3);
        final var failed = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_FAILURE);
        failed.forEach(f -> f.assertAttributeEquals("error.code", "INVALID_ORDER_JSON"));
        assertEquals("The body is not an order: price: '1e99999999' is out of range (at most 18 digits before the decimal point and 20 after)",
                failed.get(0).getAttribute("error.message"));
        assertEquals("The body is not an order: total_price: '62,60' is not a decimal number", failed.get(1).getAttribute("error.message"));
        assertEquals("The body is not an order: The webhook body is not an order: it has no id or name", failed.get(2).getAttribute("error.message"));
    }

    @Test
    void listenHttpAttributeNamesAreConfigurable() throws IOException {
        runner.setProperty(ReceiveShopifyOrderWebhook.HMAC_ATTRIBUTE, "X-Shopify-Hmac-Sha256");
        runner.setProperty(ReceiveShopifyOrderWebhook.EVENT_ID_ATTRIBUTE_NAME, "X-Shopify-Event-Id");
        runner.enqueue(ORDER, Map.of("X-Shopify-Hmac-Sha256", sign(ORDER, SECRET), "X-Shopify-Event-Id", "evt-10"));

        runner.run();

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
    }

    @Test
    void listenHttpHeaderAttributesAreFoundWhateverTheirCaseWithTheDefaults() throws IOException {
        // ListenHTTP names each attribute after the header as the client sent it: no prefix, any case
        runner.enqueue(ORDER, Map.of("x-shopify-hmac-sha256", sign(ORDER, SECRET), "X-SHOPIFY-EVENT-ID", "evt-20",
                "x-shopify-topic", "orders/create", "X-Shopify-Shop-Domain", "maison-test.myshopify.com"));
        runner.enqueue(ORDER, Map.of("X-Shopify-Hmac-Sha256", sign(ORDER, SECRET), "x-shopify-event-id", "evt-20"));

        runner.run();

        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
        runner.assertTransferCount(ReceiveShopifyOrderWebhook.REL_DUPLICATE, 1);
        final var success = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_SUCCESS).get(0);
        success.assertAttributeEquals("shopify.event.id", "evt-20");
        success.assertAttributeEquals("shopify.topic", "orders/create");
        success.assertAttributeEquals("shopify.shop", "maison-test.myshopify.com");
    }

    @Test
    void aWrongHmacInAListenHttpAttributeIsRefused() throws IOException {
        runner.enqueue(ORDER, Map.of("x-shopify-hmac-sha256", sign(ORDER, "not-the-secret"), "x-shopify-event-id", "evt-21"));

        runner.run();

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_FAILURE, 1);
        runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_FAILURE).get(0).assertAttributeEquals("error.code", "INVALID_HMAC");
    }

    @Test
    void theWebhookAsksTheSameGateAsPolling() throws IOException {
        // the sample is a B2B order tagged "validated, b2b"
        runner.setProperty(ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.POLICY_TAG.getValue());
        runner.setProperty(ReleaseGateProperties.APPROVAL_TAG, "approved");
        enqueue(ORDER, sign(ORDER, SECRET), "evt-held");
        runner.run();
        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_HELD, 1);
        final MockFlowFile held = runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_HELD).get(0);
        held.assertAttributeEquals("ecommerce.release.reason", "AWAITING_APPROVAL");
        held.assertContentEquals(ORDER);

        runner.clearTransferState();
        runner.setProperty(ReleaseGateProperties.APPROVAL_TAG, "Validated");
        enqueue(ORDER, sign(ORDER, SECRET), "evt-released");
        runner.run();
        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);

        runner.clearTransferState();
        runner.setProperty(ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.POLICY_DRAFT.getValue());
        enqueue(ORDER, sign(ORDER, SECRET), "evt-draft-review");
        runner.run();
        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_HELD, 1);
        runner.getFlowFilesForRelationship(ReceiveShopifyOrderWebhook.REL_HELD).get(0)
                .assertAttributeEquals("ecommerce.release.reason", "RELEASED_AS_DRAFT");
    }
}
