package io.nifiecommerce.processors.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.fuzz.SampleMutator;
import io.nifiecommerce.stock.FakeShopifyInventory;
import io.nifiecommerce.tracking.SharedReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged INVRPT and 846 interchanges read by EdiStockRecordReader into PublishStockLevels, against the Shopify stub:
 * cut, byte-damaged, random, or with hostile values in their data elements (quantities of a hundred million digits,
 * 5,000-character codes, stray separators). Whatever arrives, the run does not throw, the FlowFile either fails whole
 * as MALFORMED_INPUT or its records all come out, and every failure says why.
 */
class PublishStockLevelsEdiFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<byte[]> SAMPLES = samples();
    private static final List<String> HOSTILE = List.of("1E99999999", "-1E-99999999", "99999999999999999999999", "-5", "1,5", "0.9", "",
            "ABC", "9".repeat(5000), "+", "?'", "*", ":::", "TSHIRT-BLU-M", "WH02", "\u00e9\u00e8");

    private InventoryShopifyStub stub;
    private TestRunner runner;

    private static List<byte[]> samples() {
        try {
            final var dir = SharedReference.dir().resolve("edi-samples");
            return List.of(Files.readAllBytes(dir.resolve("INVRPT-3pl-D96A.edi")), Files.readAllBytes(dir.resolve("X12-846-3pl-4010.edi")));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeProperty
    void startShopify() throws Exception {
        stub = new InventoryShopifyStub();
        final FakeShopifyInventory shop = stub.shop;
        final String lyon = shop.addLocation("Lyon");
        final FakeShopifyInventory.Variant blueM = shop.addVariant("TSHIRT-BLU-M", true);
        shop.stock(blueM, lyon, 7);
        shop.stock(blueM, shop.addLocation("Paris"), 7);
        shop.stock(shop.addVariant("TSHIRT-BLU-L", true), lyon, 5);
        runner = PublishStockLevelsTest.ediRunner(stub);
        runner.setProperty("location.WH02", "Paris");
    }

    @AfterProperty
    void stopShopify() {
        stub.close();
    }

    private void assertRouted(final byte[] content) {
        runner.clearTransferState();
        runner.enqueue(content);
        // a quantity the reader takes minutes over would stall a NiFi thread: fail instead of waiting
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> runner.run());

        assertEquals(0, runner.getQueueSize().getObjectCount(), "bad input is routed, not rolled back");
        final List<MockFlowFile> success = runner.getFlowFilesForRelationship(PublishStockLevels.REL_SUCCESS);
        final List<MockFlowFile> failure = runner.getFlowFilesForRelationship(PublishStockLevels.REL_FAILURE);
        final List<MockFlowFile> retry = runner.getFlowFilesForRelationship(PublishStockLevels.REL_RETRY);
        for (final MockFlowFile failed : Stream.concat(failure.stream(), retry.stream()).toList()) {
            assertReason(failed.getAttribute("error.code"), failed.getAttribute("error.message"));
        }
        if (success.isEmpty() && retry.isEmpty() && failure.size() == 1 && "MALFORMED_INPUT".equals(failure.getFirst().getAttribute("error.code"))) {
            assertArrayEquals(content, failure.getFirst().toByteArray(), "an unreadable FlowFile goes to failure whole");
            return;
        }
        final List<MockFlowFile> outputs = Stream.of(success, failure, retry).flatMap(List::stream).toList();
        assertTrue(!outputs.isEmpty(), "the input is accounted for");
        final MockFlowFile first = outputs.getFirst();
        final long outcomes = Stream.of("stock.published", "stock.unchanged", "stock.failed").mapToLong(a -> Long.parseLong(first.getAttribute(a))).sum();
        assertEquals(outcomes, outputs.stream().mapToLong(f -> Long.parseLong(f.getAttribute("record.count"))).sum(), "every record comes out once");
        for (final MockFlowFile failed : failure) {
            for (final JsonNode record : records(failed)) {
                assertReason(record.path(PublishStockLevels.REASON_FIELD).asText(null), record.path(PublishStockLevels.MESSAGE_FIELD).asText(null));
            }
        }
    }

    private static void assertReason(final String code, final String message) {
        assertTrue(code != null && !code.isBlank(), "error code");
        assertTrue(message != null && !message.isBlank(), () -> code + " without a message");
    }

    private static List<JsonNode> records(final MockFlowFile flowFile) {
        try {
            final List<JsonNode> records = new ArrayList<>();
            MAPPER.readTree(flowFile.toByteArray()).forEach(records::add);
            return records;
        } catch (final IOException e) {
            throw new AssertionError("output is not JSON", e);
        }
    }

    /** Replaces one data element of one segment between the header and the trailer with a hostile value. */
    private static byte[] withHostileElement(final byte[] sample, final Random random) {
        final String text = new String(sample, StandardCharsets.ISO_8859_1);
        final boolean x12 = text.startsWith("ISA");
        final String terminator = x12 ? "~" : "'";
        final String separator = x12 ? "\\*" : "\\+";
        final String[] segments = text.split(terminator, -1);
        final int at = 3 + random.nextInt(segments.length - 6);
        final String[] elements = segments[at].split(separator, -1);
        if (elements.length < 2) {
            // a segment an earlier edit left without data elements (a separator value split it)
            return sample;
        }
        final int element = 1 + random.nextInt(elements.length - 1);
        final String[] components = elements[element].split(x12 ? ">" : ":", -1);
        components[random.nextInt(components.length)] = HOSTILE.get(random.nextInt(HOSTILE.size()));
        elements[element] = String.join(x12 ? ">" : ":", components);
        segments[at] = String.join(x12 ? "*" : "+", elements);
        return String.join(terminator, segments).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Property(tries = 60)
    void randomBytesAreRouted(@ForAll @Size(max = 300) final byte[] content) {
        assertRouted(content);
    }

    @Property(tries = 100)
    void truncatedInterchangesAreRouted(@ForAll @IntRange(min = 0, max = 1) final int which, @ForAll @IntRange(max = 1000) final int perMille) {
        final byte[] sample = SAMPLES.get(which);
        assertRouted(Arrays.copyOf(sample, sample.length * perMille / 1000));
    }

    @Property(tries = 200)
    void damagedInterchangesAreRouted(@ForAll final long seed) {
        assertRouted(SampleMutator.mutate(SAMPLES.get(Math.floorMod(seed, 2)), seed));
    }

    @Property(tries = 200)
    void hostileElementValuesAreRouted(@ForAll final long seed) {
        final Random random = new Random(seed);
        byte[] content = SAMPLES.get(random.nextInt(2));
        final int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes; i++) {
            content = withHostileElement(content, random);
        }
        assertRouted(content);
    }
}
