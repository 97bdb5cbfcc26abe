package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.PriceBasis;
import io.nifiecommerce.businesscentral.StubBusinessCentral;
import io.nifiecommerce.businesscentral.TestOrders;
import io.nifiecommerce.fuzz.JsonMutator;
import io.nifiecommerce.fuzz.SampleMutator;
import io.nifiecommerce.order.Order;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged canonical order records against a Business Central stub: wrong types, missing fields, absurd quantities and
 * amounts, huge strings, random bytes. Whatever arrives, the run does not throw; either the FlowFile goes to failure
 * whole (unreadable) or every record it holds comes out once, those refused with their reason; and Business Central
 * receives exactly the orders reported as created, none for a record that failed validation.
 */
class PutBusinessCentralOrderFuzzTest {

    private static final List<String> LINE_FIELDS = List.of("quantity", "unitPrice", "discountAmount", "taxAmount", "taxRate", "sku", "title");
    /** Numbers a careless export writes into a quantity or an amount: zero, signs, fractions, overflow, exponents, words. */
    private static final List<String> ABSURD_NUMBERS = List.of("0", "-0", "-1", "0.001", "-0.01", "9223372036854775808", "1e99999999",
            "-1E-99999999", "NaN", "", "twelve", "1,5");
    private static final List<String> ORDER_FIELDS = List.of("name", "segment", "taxesIncluded", "currency", "totalPrice", "totalDiscounts",
            "totalTax", "processedAt", "email", "company", "customer", "billingAddress", "lines", "shippingLines", "tags");

    private StubBusinessCentral bc;
    private TestRunner runner;
    private int batch;

    @BeforeProperty
    void startBusinessCentral() throws Exception {
        bc = new StubBusinessCentral();
        runner = BusinessCentralTestSupport.putOrderRunner(bc);
        runner.setProperty(SalesOrderProperties.B2B_DEFAULT_CUSTOMER, "WEB");
    }

    @AfterProperty
    void stopBusinessCentral() {
        bc.close();
    }

    /** One to three valid orders, named uniquely so that each run creates its own. */
    private JsonNode orders(final Random random) {
        batch++;
        final List<Order> orders = new ArrayList<>();
        final int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            orders.add(TestOrders.b2c("#F" + batch + "-" + i, 1 + random.nextInt(3)));
        }
        try {
            return BusinessCentralTestSupport.MAPPER.readTree(BusinessCentralTestSupport.json(orders));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each run with its own price basis and mismatch policy, so that the tax-excluded arithmetic is fuzzed too. */
    private void configure(final Random random) {
        runner.setProperty(SalesOrderProperties.PRICE_BASIS, random.nextBoolean() ? PriceBasis.AS_GIVEN.name() : PriceBasis.EXCLUDING_TAX.name());
        runner.setProperty(SalesOrderProperties.FAIL_ON_AMOUNT_MISMATCH, Boolean.toString(random.nextBoolean()));
    }

    private void assertRouted(final byte[] content) {
        final long before = bc.records("salesOrders").size();
        runner.clearTransferState();
        runner.enqueue(content);
        // a value the processor takes minutes over would stall a NiFi thread: fail instead of waiting
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> runner.run());

        assertEquals(0, runner.getQueueSize().getObjectCount(), () -> "bad input is routed, not rolled back: " + runner.getLogger().getErrorMessages().stream().map(m -> { java.io.StringWriter w = new java.io.StringWriter(); for (Object a : m.getArgs()) { if (a instanceof Throwable t) { t.printStackTrace(new java.io.PrintWriter(w)); } } return w.toString().replaceAll("9{40,}", "9..."); }).toList());
        final List<MockFlowFile> success = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_SUCCESS);
        final List<MockFlowFile> failure = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_FAILURE);
        final List<MockFlowFile> retry = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_RETRY);
        final List<MockFlowFile> cancelled = runner.getFlowFilesForRelationship(PutBusinessCentralOrder.REL_CANCELLED);
        final long created = bc.records("salesOrders").size() - before;
        for (final MockFlowFile failed : failure) {
            assertReason(failed.getAttribute("error.code"), failed.getAttribute("error.message"));
        }
        if (success.isEmpty() && retry.isEmpty() && failure.size() == 1 && "UNREADABLE_INPUT".equals(failure.getFirst().getAttribute("error.code"))) {
            assertArrayEquals(content, failure.getFirst().toByteArray(), "an unreadable FlowFile goes to failure whole");
            assertEquals(0, created, "nothing is sent for an unreadable FlowFile");
            return;
        }
        final List<MockFlowFile> outputs = Stream.of(success, failure, retry, cancelled).flatMap(List::stream).toList();
        final int expected = recordCount(content);
        if (expected >= 0) {
            assertEquals(expected, outputs.stream().mapToInt(f -> Integer.parseInt(f.getAttribute("record.count"))).sum(),
                    "every record comes out once");
        }
        for (final MockFlowFile failed : failure) {
            for (final JsonNode record : records(failed)) {
                assertEquals("FAILED", record.path("bcOutcome").asText());
                assertReason(record.path("bcErrorCode").asText(null), record.path("bcErrorMessage").asText(null));
            }
        }
        // an empty FlowFile goes to success without a count
        final String count = outputs.isEmpty() ? null : outputs.getFirst().getAttribute("bc.created.count");
        final long reportedCreated = count == null ? 0 : Long.parseLong(count);
        assertEquals(reportedCreated, created, "Business Central holds exactly the orders reported created");
        final long createdRecords = success.stream().flatMap(f -> records(f).stream()).filter(r -> r.path("bcOutcome").asText().equals("CREATED")).count();
        assertTrue(createdRecords >= created, "every order created is a success record");
    }

    private static void assertReason(final String code, final String message) {
        assertTrue(code != null && !code.isBlank(), "error code");
        assertTrue(message != null && !message.isBlank(), () -> code + " without a message");
    }

    /** The records the JSON reader should find: the elements of an array of objects, or one object; -1 when unclear. */
    private static int recordCount(final byte[] content) {
        try {
            final JsonNode tree = BusinessCentralTestSupport.MAPPER.readTree(content);
            if (tree instanceof ObjectNode) {
                return 1;
            }
            if (tree instanceof ArrayNode array) {
                for (final JsonNode element : array) {
                    if (!element.isObject()) {
                        return -1;
                    }
                }
                return array.size();
            }
        } catch (final IOException e) {
            return -1;
        }
        return -1;
    }

    private static List<JsonNode> records(final MockFlowFile flowFile) {
        try {
            final List<JsonNode> records = new ArrayList<>();
            BusinessCentralTestSupport.MAPPER.readTree(flowFile.toByteArray()).forEach(records::add);
            return records;
        } catch (final IOException e) {
            throw new AssertionError("output is not JSON", e);
        }
    }

    @Property(tries = 80)
    void randomBytesAreRouted(@ForAll @Size(max = 300) final byte[] content, @ForAll final long seed) {
        configure(new Random(seed));
        assertRouted(content);
    }

    @Property(tries = 150)
    void damagedBytesOfOrderRecordsAreRouted(@ForAll final long seed) {
        final Random random = new Random(seed);
        configure(random);
        assertRouted(SampleMutator.mutate(orders(random).toString().getBytes(StandardCharsets.UTF_8), seed));
    }

    @Property(tries = 200)
    void wrongTypesAndAbsurdValuesAreRouted(@ForAll final long seed) {
        final Random random = new Random(seed);
        configure(random);
        assertRouted(JsonMutator.mutate(orders(random), seed));
    }

    /** Found by the property below: a 1,000-digit quantity could not be written back, and the FlowFile was replayed forever. */
    @Example
    void aQuantityTooLargeForADoubleIsRouted() {
        absurdQuantitiesAmountsAndMissingFieldsAreRouted(3646146779L);
    }

    /** Aims at the fields validation and arithmetic depend on, which a random place in the tree seldom hits. */
    @Property(tries = 200)
    void absurdQuantitiesAmountsAndMissingFieldsAreRouted(@ForAll final long seed) {
        final Random random = new Random(seed);
        configure(random);
        final JsonNode orders = orders(random);
        final int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            final ObjectNode order = (ObjectNode) orders.get(random.nextInt(orders.size()));
            final ObjectNode target;
            final String field;
            if (random.nextBoolean()) {
                final JsonNode lines = order.path(random.nextInt(4) == 0 ? "shippingLines" : "lines");
                // an earlier edit may have replaced the lines by a string or an array of numbers
                if (!lines.isArray() || lines.isEmpty() || !(lines.get(random.nextInt(lines.size())) instanceof ObjectNode line)) {
                    continue;
                }
                target = line;
                // quantity more often than the rest: the tax-excluded arithmetic divides by it
                field = target.has("price") && random.nextInt(3) == 0 ? "price"
                        : random.nextInt(3) == 0 ? "quantity" : LINE_FIELDS.get(random.nextInt(LINE_FIELDS.size()));
            } else {
                target = order;
                field = ORDER_FIELDS.get(random.nextInt(ORDER_FIELDS.size()));
            }
            switch (random.nextInt(4)) {
                case 0 -> target.remove(field);
                case 1 -> target.put(field, ABSURD_NUMBERS.get(random.nextInt(ABSURD_NUMBERS.size())));
                default -> target.set(field, JsonMutator.hostile(random));
            }
        }
        assertRouted(orders.toString().getBytes(StandardCharsets.UTF_8));
    }
}
