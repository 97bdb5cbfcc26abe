package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.shopify.webhook.WebhookSignature;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiveShopifyOrderWebhookTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "whsec-test-0123456789";

    /** An orders/create body in Shopify's REST shape (B2B: the company is named by id only). */
    static final String ORDER = """
            {"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","name":"#9999",
             "created_at":"2026-11-20T11:00:00+01:00","updated_at":"2026-11-20T11:00:05+01:00","processed_at":"2026-11-20T11:00:00+01:00",
             "cancelled_at":null,"currency":"EUR","taxes_included":true,"financial_status":"paid","fulfillment_status":null,
             "po_number":"PO-77","tags":"validated, b2b","email":"achats@dupont.example","note":null,"source_name":"web",
             "customer":{"id":115310627314723954,"email":"achats@dupont.example","first_name":"Claire","last_name":"Dupont","phone":null},
             "company":{"id":5738955058,"location_id":8612086066},
             "billing_address":{"first_name":"Claire","last_name":"Dupont","address1":"1 rue de Rivoli","address2":null,"city":"Paris",
               "province":null,"zip":"75001","country_code":"FR","phone":null,"company":"Maison Dupont SARL","name":"Claire Dupont"},
             "shipping_address":null,
             "line_items":[{"id":866550311766439020,"sku":"SKU-1","name":"Line 1","title":"Line 1","quantity":3,"price":"19.90",
               "price_set":{"shop_money":{"amount":"19.90","currency_code":"EUR"}},"total_discount":"0.00",
               "discount_allocations":[{"amount":"2.00","amount_set":{"shop_money":{"amount":"2.00","currency_code":"EUR"}}}],
               "tax_lines":[{"price":"9.62","rate":0.2,"title":"TVA","price_set":{"shop_money":{"amount":"9.62","currency_code":"EUR"}}}]}],
             "shipping_lines":[{"code":"colissimo","title":"Colissimo","price":"4.90","discount_allocations":[],
               "tax_lines":[{"price":"0.82","rate":0.2,"title":"TVA"}]}],
             "subtotal_price":"57.70","total_discounts":"2.00","total_tax":"10.44","total_price":"62.60",
             "total_shipping_price_set":{"shop_money":{"amount":"4.90","currency_code":"EUR"}}}
            """;

    private TestRunner runner;

    @BeforeEach
    void setUp() throws InitializationException {
        runner = TestRunners.newTestRunner(ReceiveShopifyOrderWebhook.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ReceiveShopifyOrderWebhook.RECORD_WRITER, "writer");
        runner.setProperty(ReceiveShopifyOrderWebhook.WEBHOOK_SECRET, SECRET);
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
    void listenHttpAttributeNamesAreConfigurable() throws IOException {
        runner.setProperty(ReceiveShopifyOrderWebhook.HMAC_ATTRIBUTE, "X-Shopify-Hmac-Sha256");
        runner.setProperty(ReceiveShopifyOrderWebhook.EVENT_ID_ATTRIBUTE_NAME, "X-Shopify-Event-Id");
        runner.enqueue(ORDER, Map.of("X-Shopify-Hmac-Sha256", sign(ORDER, SECRET), "X-Shopify-Event-Id", "evt-10"));

        runner.run();

        runner.assertAllFlowFilesTransferred(ReceiveShopifyOrderWebhook.REL_SUCCESS, 1);
    }
}
