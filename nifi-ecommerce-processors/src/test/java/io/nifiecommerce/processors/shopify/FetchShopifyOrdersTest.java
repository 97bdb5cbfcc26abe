package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchShopifyOrdersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private ShopifyStub stub;
    private TestRunner runner;
    private FetchShopifyOrders processor;

    @BeforeEach
    void setUp() throws IOException, InitializationException {
        stub = new ShopifyStub("2026-04");
        processor = new FetchShopifyOrders();
        processor.setClock(Clock.fixed(T0, ZoneOffset.UTC));
        runner = TestRunners.newTestRunner(processor);
        final StandardShopifyConnectionService connection = new StandardShopifyConnectionService();
        runner.addControllerService("shopify", connection);
        runner.setProperty(connection, StandardShopifyConnectionService.STORE_DOMAIN, "maison-test.myshopify.com");
        runner.setProperty(connection, StandardShopifyConnectionService.API_VERSION, "2026-04");
        runner.setProperty(connection, StandardShopifyConnectionService.ACCESS_TOKEN, "shpat_test");
        runner.setProperty(connection, StandardShopifyConnectionService.BASE_URL_OVERRIDE, stub.baseUrl());
        runner.setProperty(connection, StandardShopifyConnectionService.MAX_ATTEMPTS, "4");
        runner.setProperty(connection, StandardShopifyConnectionService.MAX_BACKOFF, "20 millis");
        runner.enableControllerService(connection);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(FetchShopifyOrdersProperties.SHOPIFY_CONNECTION, "shopify");
        runner.setProperty(FetchShopifyOrdersProperties.RECORD_WRITER, "writer");
        runner.setProperty(FetchShopifyOrdersProperties.INITIAL_START, FetchShopifyOrdersProperties.START_DATE.getValue());
        runner.setProperty(FetchShopifyOrdersProperties.INITIAL_START_DATE, "2026-11-19T00:00:00Z");
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    /** Orders 1..n, one minute apart, ending 10 minutes before T0; every third one B2B. */
    private void seed(final int count) {
        for (int i = 1; i <= count; i++) {
            stub.put(ShopifyStub.order(i, T0.minus(Duration.ofMinutes(10L + count - i)), i % 3 == 0, 3));
        }
    }

    private List<JsonNode> records(final MockFlowFile flowFile) throws IOException {
        final List<JsonNode> records = new ArrayList<>();
        MAPPER.readTree(flowFile.getContent()).forEach(records::add);
        return records;
    }

    /** Every (order id, updatedAt) emitted on success so far. */
    private List<String> emittedVersions() throws IOException {
        final List<String> versions = new ArrayList<>();
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS)) {
            for (final JsonNode record : records(flowFile)) {
                versions.add(record.path("sourceId").asText() + "@" + record.path("updatedAt").asText());
            }
        }
        return versions;
    }

    private Set<String> emittedIds() throws IOException {
        final Set<String> ids = new HashSet<>();
        for (final String version : emittedVersions()) {
            ids.add(version.substring(0, version.indexOf('@')));
        }
        return ids;
    }

    @Test
    void splitsB2bFromB2cAndMapsEveryField() throws IOException {
        seed(6);
        stub.put(ShopifyStub.order(7, T0.minus(Duration.ofMinutes(8)), true, 40));

        runner.run();

        runner.assertTransferCount(FetchShopifyOrders.REL_FAILURE, 0);
        final List<MockFlowFile> flowFiles = runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS);
        assertEquals(2, flowFiles.size());
        final MockFlowFile b2b = flowFiles.stream().filter(f -> "B2B".equals(f.getAttribute("ecommerce.order.segment"))).findFirst().orElseThrow();
        final MockFlowFile b2c = flowFiles.stream().filter(f -> "B2C".equals(f.getAttribute("ecommerce.order.segment"))).findFirst().orElseThrow();
        b2b.assertAttributeEquals("record.count", "3");
        b2c.assertAttributeEquals("record.count", "4");
        b2b.assertAttributeEquals("shopify.shop", "maison-test.myshopify.com");
        b2b.assertAttributeEquals("shopify.api.version", "2026-04");
        b2b.assertAttributeEquals("mime.type", "application/json");
        for (final JsonNode record : records(b2c)) {
            assertEquals("B2C", record.path("segment").asText());
            assertTrue(record.path("company").isNull());
        }
        final JsonNode big = records(b2b).stream().filter(r -> r.path("name").asText().equals("#1007")).findFirst().orElseThrow();
        assertEquals("B2B", big.path("segment").asText());
        assertEquals("Maison Dupont SARL", big.path("company").path("name").asText());
        assertEquals("C-042", big.path("company").path("externalId").asText());
        assertEquals("L-042-PARIS", big.path("company").path("locationExternalId").asText());
        assertEquals("FR12345678901", big.path("company").path("taxRegistrationNumber").asText());
        assertEquals("achats@dupont.example", big.path("customer").path("email").asText(), "the company contact is the customer");
        assertEquals("PO-7", big.path("poNumber").asText());
        assertEquals("shopify_draft_order", big.path("channel").asText());
        assertEquals(40, big.path("lines").size(), "lines beyond the first page were fetched");
        final JsonNode line = big.path("lines").get(39);
        assertEquals("SKU-40", line.path("sku").asText());
        assertEquals(2, line.path("quantity").asLong());
        assertEquals("12.0", line.path("unitPrice").asText());
        assertEquals("2.0", line.path("discountAmount").asText(), "discount allocations summed");
        assertEquals("3.67", line.path("taxAmount").asText());
        assertEquals("0.2", line.path("taxRate").asText());
        assertEquals("37600000000040", line.path("gtin").asText());
        assertEquals("4.9", big.path("shippingLines").get(0).path("price").asText());
        assertEquals("FR", big.path("shippingAddress").path("countryCode").asText());
        assertTrue(big.path("taxesIncluded").asBoolean());
        assertEquals("EUR", big.path("currency").asText());
        assertTrue(stub.operations.contains("lines"));
        runner.getStateManager().assertStateEquals("orders.highWater", T0.minus(Duration.ofMinutes(8)).toString(), Scope.CLUSTER);
    }

    @Test
    void laterRunsEmitNewVersionsAndLateIndexedOrdersOnlyOnce() throws IOException {
        seed(5);
        runner.run();
        assertEquals(5, emittedVersions().size());
        final int firstRunSearches = stub.searches.size();
        final Instant highWater = T0.minus(Duration.ofMinutes(10));

        // order 2 is updated; order 9 was updated before the high-water mark but indexed only now (inside the overlap)
        final ObjectNode updated = stub.order("gid://shopify/Order/" + (8938752442674L + 2)).deepCopy();
        updated.put("updatedAt", T0.plus(Duration.ofMinutes(1)).toString());
        stub.put(updated);
        stub.put(ShopifyStub.order(9, highWater.minus(Duration.ofMinutes(2)), false, 1));
        processor.setClock(Clock.fixed(T0.plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        runner.run();

        final List<String> versions = emittedVersions();
        assertEquals(7, versions.size(), versions.toString());
        assertEquals(7, new HashSet<>(versions).size(), "no version twice");
        assertTrue(versions.contains("gid://shopify/Order/" + (8938752442674L + 9) + "@" + highWater.minus(Duration.ofMinutes(2))));
        final String secondWindow = stub.searches.get(firstRunSearches);
        assertTrue(secondWindow.startsWith("updated_at:>='" + highWater.minus(Duration.ofMinutes(5)) + "'"),
                "the second window starts one overlap before the high-water mark: " + secondWindow);

        runner.run();
        assertEquals(7, emittedVersions().size(), "nothing new, nothing emitted");
    }

    @Test
    void aFailedRunLosesNothingAndDuplicatesNothing() throws IOException {
        seed(10);
        runner.setProperty(FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE, "2");
        runner.setProperty(FetchShopifyOrdersProperties.SEGMENT_FILTER, FetchShopifyOrdersProperties.SEGMENT_ALL.getValue());
        // after the second page, Shopify fails longer than the connection retries (4 attempts)
        stub.afterPage = page -> {
            if (page == 2) {
                stub.fail(ShopifyStub.Fault.unavailable(), ShopifyStub.Fault.unavailable(), ShopifyStub.Fault.unavailable(),
                        ShopifyStub.Fault.unavailable());
            }
        };

        runner.run();

        final List<String> first = emittedVersions();
        assertEquals(4, first.size(), "two pages committed with their cursor before the failure: " + first);
        assertTrue(runner.getStateManager().getState(Scope.CLUSTER).get("orders.window.after") != null);
        assertFalse(runner.getLogger().getErrorMessages().isEmpty());

        stub.afterPage = page -> { };
        runner.run();

        final List<String> all = emittedVersions();
        assertEquals(10, all.size(), all.toString());
        assertEquals(10, new HashSet<>(all).size(), "no order emitted twice");
        assertEquals(10, emittedIds().size(), "no order lost");
        assertNull(runner.getStateManager().getState(Scope.CLUSTER).get("orders.window.after"), "window completed");
    }

    @Test
    void ordersUpdatedWhilePagingAreEmittedOncePerVersion() throws IOException {
        seed(10);
        runner.setProperty(FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE, "3");
        final String firstOrder = "gid://shopify/Order/" + (8938752442674L + 1);
        final String laterOrder = "gid://shopify/Order/" + (8938752442674L + 8);
        stub.afterPage = page -> {
            if (page == 1) {
                // one order already read and one not yet read are updated while the processor pages
                for (final String id : List.of(firstOrder, laterOrder)) {
                    final ObjectNode order = stub.order(id).deepCopy();
                    order.put("updatedAt", T0.minus(Duration.ofSeconds(30)).toString());
                    stub.put(order);
                }
            }
        };

        runner.run();

        final List<String> versions = emittedVersions();
        assertEquals(10, emittedIds().size(), "no order missed: " + versions);
        assertEquals(new HashSet<>(versions).size(), versions.size(), "no version twice");
        assertEquals(2, versions.stream().filter(v -> v.startsWith(firstOrder + "@")).count(), "the re-read order's new version too");
        assertEquals(1, versions.stream().filter(v -> v.startsWith(laterOrder + "@")).count());
    }

    @Test
    void windowsAreSplitBeforeThePaginationCap() throws IOException {
        seed(12);
        runner.setProperty(FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE, "2");
        processor.setPaginationCap(5);

        runner.run();

        final List<String> versions = emittedVersions();
        assertEquals(12, emittedIds().size(), versions.toString());
        assertEquals(12, versions.size(), "the order at each window boundary is read twice but emitted once");
        final long restarts = stub.searches.stream().distinct().count();
        assertTrue(restarts >= 4, "the window restarted from the last update read: " + stub.searches);
        assertTrue(stub.searches.stream().allMatch(s -> s.endsWith("updated_at:<='2026-11-20T10:00:00Z'")), "same end for every split");
    }

    @Test
    void throttledAnd429AnswersAreRetried() throws IOException {
        seed(4);
        stub.fail(ShopifyStub.Fault.throttled(), ShopifyStub.Fault.tooManyRequests());

        runner.run();

        assertEquals(4, emittedVersions().size());
        assertEquals(List.of("fault:200", "fault:429", "page"), stub.operations.subList(0, 3));
    }

    @Test
    void givingUpCommitsNothingAndYields() throws IOException {
        seed(4);
        for (int i = 0; i < 4; i++) {
            stub.fail(ShopifyStub.Fault.unavailable());
        }

        runner.run();

        runner.assertTransferCount(FetchShopifyOrders.REL_SUCCESS, 0);
        assertTrue(runner.getStateManager().getState(Scope.CLUSTER).toMap().isEmpty(), "the cursor did not move");
        assertTrue(runner.getLogger().getErrorMessages().stream().anyMatch(m -> m.getMsg().contains("HTTP_503")));

        runner.run();
        assertEquals(4, emittedVersions().size());
    }

    @Test
    void fallForwardIsReportedAndTheServedVersionRecorded() {
        seed(2);
        stub.servedVersion = "2026-07";

        runner.run();

        runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS)
                .forEach(f -> f.assertAttributeEquals("shopify.api.version", "2026-07"));
        final List<LogMessage> warnings = runner.getLogger().getWarnMessages();
        assertTrue(warnings.stream().anyMatch(m -> m.getMsg().contains("fell forward")), warnings.toString());
    }

    @Test
    void segmentFilterAndRawOutput() throws IOException {
        seed(6);
        runner.setProperty(FetchShopifyOrdersProperties.SEGMENT_FILTER, FetchShopifyOrdersProperties.SEGMENT_B2B.getValue());
        runner.setProperty(FetchShopifyOrdersProperties.OUTPUT_FORMAT, FetchShopifyOrdersProperties.FORMAT_RAW.getValue());

        runner.run();

        runner.assertTransferCount(FetchShopifyOrders.REL_SUCCESS, 1);
        final MockFlowFile flowFile = runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS).get(0);
        flowFile.assertAttributeEquals("ecommerce.order.segment", "B2B");
        flowFile.assertAttributeEquals("record.count", "2");
        flowFile.assertAttributeEquals("mime.type", "application/json");
        final JsonNode nodes = MAPPER.readTree(flowFile.getContent());
        assertEquals(2, nodes.size());
        assertEquals("PurchasingCompany", nodes.get(0).path("purchasingEntity").path("__typename").asText());
    }

    @Test
    void queryFilterIsAndedWithTheWindow() {
        seed(3);
        runner.setProperty(FetchShopifyOrdersProperties.QUERY_FILTER, "tag:validated financial_status:paid");

        runner.run();

        assertEquals("updated_at:>='2026-11-19T00:00:00Z' updated_at:<='2026-11-20T10:00:00Z' AND (tag:validated financial_status:paid)",
                stub.searches.get(0));
    }

    @Test
    void bulkBackfillThenIncrementalPages() throws IOException {
        seed(5);
        stub.put(ShopifyStub.order(6, T0.minus(Duration.ofMinutes(7)), true, 45));
        runner.setProperty(FetchShopifyOrdersProperties.FETCH_MODE, FetchShopifyOrdersProperties.MODE_BULK.getValue());

        runner.run();
        assertEquals("gid://shopify/BulkOperation/8001977286962", runner.getStateManager().getState(Scope.CLUSTER).get("orders.bulk.id"));
        runner.assertTransferCount(FetchShopifyOrders.REL_SUCCESS, 0);

        runner.run();
        runner.assertTransferCount(FetchShopifyOrders.REL_SUCCESS, 0);

        runner.run();
        assertEquals(6, emittedVersions().size());
        final JsonNode big = runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS).stream()
                .filter(f -> "B2B".equals(f.getAttribute("ecommerce.order.segment")))
                .flatMap(f -> {
                    try {
                        return records(f).stream();
                    } catch (final IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(r -> r.path("name").asText().equals("#1006")).findFirst().orElseThrow();
        assertEquals(45, big.path("lines").size(), "children reassembled from __parentId lines");
        assertEquals(1, big.path("shippingLines").size());
        assertNull(runner.getStateManager().getState(Scope.CLUSTER).get("orders.bulk.id"));
        assertTrue(stub.operations.contains("download"));

        // afterwards: pages, overlap re-read without duplicates, then a new version
        runner.run();
        assertEquals(6, emittedVersions().size());
        final ObjectNode updated = stub.order("gid://shopify/Order/" + (8938752442674L + 3)).deepCopy();
        updated.put("updatedAt", T0.plus(Duration.ofMinutes(1)).toString());
        stub.put(updated);
        processor.setClock(Clock.fixed(T0.plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        runner.run();
        assertEquals(7, emittedVersions().size());
        assertEquals(7, new HashSet<>(emittedVersions()).size());
    }

    @Test
    void verifyReportsScopesAndCount() {
        seed(4);
        stub.scopes = List.of("read_orders");
        final List<ConfigVerificationResult> results = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        final Map<String, ConfigVerificationResult> byStep = new java.util.HashMap<>();
        results.forEach(r -> byStep.put(r.getVerificationStepName(), r));
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, byStep.get("Authenticate and Read Shop").getOutcome());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, byStep.get("API Version").getOutcome());
        // the initial start date is within 60 days: read_orders is enough
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, byStep.get("Access Scopes").getOutcome(), byStep.get("Access Scopes").getExplanation());
        assertTrue(byStep.get("Count Matching Orders").getExplanation().startsWith("4 orders match"), byStep.get("Count Matching Orders").getExplanation());

        runner.setProperty(FetchShopifyOrdersProperties.INITIAL_START, FetchShopifyOrdersProperties.START_EVERYTHING.getValue());
        final List<ConfigVerificationResult> everything = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        final ConfigVerificationResult scopes = everything.stream().filter(r -> r.getVerificationStepName().equals("Access Scopes")).findFirst().orElseThrow();
        assertEquals(ConfigVerificationResult.Outcome.FAILED, scopes.getOutcome());
        assertTrue(scopes.getExplanation().contains("read_all_orders"));
        assertNotNull(everything);
    }

    @Test
    void pollingAsksTheSameGateAsTheWebhook() throws IOException {
        seed(6);
        // every stub order is tagged "validated"; orders 3 and 6 are B2B
        runner.setProperty(ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.POLICY_TAG.getValue());
        runner.setProperty(ReleaseGateProperties.APPROVAL_TAG, "approved");
        runner.run();
        assertEquals(4, emittedIds().size());
        runner.assertTransferCount(FetchShopifyOrders.REL_SUCCESS, 1);
        runner.getFlowFilesForRelationship(FetchShopifyOrders.REL_SUCCESS).get(0).assertAttributeEquals("ecommerce.order.segment", "B2C");

        // under draft review the B2B orders tagged as approved came from approved drafts, already sent: still held
        runner.clearTransferState();
        runner.getStateManager().clear(org.apache.nifi.components.state.Scope.CLUSTER);
        runner.setProperty(ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.POLICY_DRAFT.getValue());
        runner.setProperty(ReleaseGateProperties.APPROVAL_TAG, "validated");
        runner.run();
        assertEquals(4, emittedIds().size());

        runner.clearTransferState();
        runner.getStateManager().clear(org.apache.nifi.components.state.Scope.CLUSTER);
        runner.setProperty(ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.POLICY_TAG.getValue());
        runner.run();
        assertEquals(6, emittedIds().size());
    }
}
