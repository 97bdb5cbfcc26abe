package io.nifiecommerce.processors.tracking;

import io.nifiecommerce.tracking.SharedReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Whatever arrives, the processor routes it (success + original, or failure with a reason) and never throws. */
class ParseCarrierTrackingFuzzTest {

    private final List<byte[]> samples = loadSamples();

    private static List<byte[]> loadSamples() {
        try {
            final var edi = SharedReference.dir().resolve("edi-samples");
            return List.of(Files.readAllBytes(edi.resolve("IFTSTA-colissimo-D01B.edi")), Files.readAllBytes(edi.resolve("X12-214-ups-4010.edi")),
                    resource("laposte-suivi-v2.json"), resource("gls-track.json"), resource("dpd-status.json"), resource("carrier-export.csv"));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(final String name) throws IOException {
        try (InputStream in = ParseCarrierTrackingFuzzTest.class.getResourceAsStream("/tracking/" + name)) {
            return in.readAllBytes();
        }
    }

    private static TestRunner runner() throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ParseCarrierTracking.class);
        final JsonRecordSetWriter writer = new JsonRecordSetWriter();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(ParseCarrierTracking.RECORD_WRITER, "writer");
        return runner;
    }

    private static void assertRouted(final TestRunner runner, final byte[] content) throws IOException {
        runner.enqueue(content);
        runner.run();
        final int failures = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_FAILURE).size();
        if (failures == 1) {
            runner.assertAllFlowFilesTransferred(ParseCarrierTracking.REL_FAILURE, 1);
            final MockFlowFile failed = runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_FAILURE).getFirst();
            assertNotNull(failed.getAttribute("error.code"));
            // bad input is a feed error with a reason, never an unforeseen fault of a parser
            assertFalse(failed.getAttribute("error.code").endsWith("_FAILED"), () -> failed.getAttribute("error.message"));
            assertNotNull(failed.getAttribute("error.message"));
            failed.assertContentEquals(content);
        } else {
            runner.assertTransferCount(ParseCarrierTracking.REL_SUCCESS, 1);
            runner.assertTransferCount(ParseCarrierTracking.REL_ORIGINAL, 1);
            runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_ORIGINAL).getFirst().assertContentEquals(content);
            assertNotNull(runner.getFlowFilesForRelationship(ParseCarrierTracking.REL_SUCCESS).getFirst().getAttribute("record.count"));
        }
        assertEquals(0, runner.getQueueSize().getObjectCount());
    }

    @Property(tries = 150)
    void randomContentIsRouted(@ForAll @Size(max = 300) final byte[] content) throws InitializationException, IOException {
        assertRouted(runner(), content);
    }

    @Property(tries = 400)
    void mutatedFeedsAreRouted(@ForAll final long seed) throws InitializationException, IOException {
        final Random random = new Random(seed);
        final byte[] base = samples.get(random.nextInt(samples.size()));
        final byte[] content = base.clone();
        final int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            content[random.nextInt(content.length)] = (byte) random.nextInt(256);
        }
        final int length = random.nextBoolean() ? content.length : random.nextInt(content.length + 1);
        assertRouted(runner(), java.util.Arrays.copyOf(content, length));
    }

    /** Every third-party feed of the corpus, damaged (cut, a line or segment doubled, bits flipped, bytes lost). */
    @Property(tries = 400)
    void damagedCorpusFeedsAreRouted(@ForAll final long seed) throws InitializationException, IOException {
        final List<java.nio.file.Path> feeds = corpusFeeds();
        final java.nio.file.Path feed = feeds.get(Math.floorMod(seed, feeds.size()));
        final byte[] original = Files.readAllBytes(feed);
        final byte terminator = feed.toString().endsWith(".edi") ? (byte) '~' : (byte) '\n';
        assertRouted(runner(), io.nifiecommerce.fuzz.Damage.apply(original, terminator, seed));
    }

    private static List<java.nio.file.Path> corpusFeeds() throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(java.nio.file.Path.of("src", "test", "resources", "corpus", "feeds"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
