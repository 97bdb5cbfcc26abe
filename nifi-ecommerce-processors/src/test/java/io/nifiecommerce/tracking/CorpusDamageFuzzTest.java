package io.nifiecommerce.tracking;

import io.nifiecommerce.edi.EdiInterchangeReader;
import io.nifiecommerce.edi.EdiStockReader;
import io.nifiecommerce.edi.EdiSyntaxException;
import io.nifiecommerce.edi.ReceiptAdviceReader;
import io.nifiecommerce.edi.RetailOrderReader;
import io.nifiecommerce.edi.ShipmentConfirmationReader;
import io.nifiecommerce.edi.StockReadOptions;
import io.nifiecommerce.fuzz.Damage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every third-party file of the corpus and of {@code reference/} (tracking feeds, carrier answers, EDIFACT and X12
 * interchanges), damaged as transfers and tools damage files: cut anywhere, a segment or line written twice, a byte
 * flipped, bytes lost or changed. Each damaged copy gives events or records, or the reader's precise error (a
 * {@link TrackingFeedException} with a code, an {@link EdiSyntaxException} naming the segment), within a second:
 * never another exception, never a hang.
 */
class CorpusDamageFuzzTest {

    private static final int DAMAGES_PER_FILE = 120;
    private static final long BOUND_SECONDS = 5;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        final Thread thread = new Thread(r, "corpus-damage");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
    }

    private static Path reference() {
        final String configured = System.getProperty("nifiecommerce.reference.dir");
        return configured != null ? Path.of(configured) : Path.of("..", "reference");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> corpus = Files.walk(TrackingCorpusTest.CORPUS.resolve("feeds"));
             Stream<Path> samples = Files.walk(reference().resolve("edi-samples"));
             Stream<Path> exchanges = Files.walk(reference().resolve("edi-exchange-samples"))) {
            return Stream.of(corpus, samples, exchanges).flatMap(s -> s)
                    .filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("LICENSE") && !p.getFileName().toString().equals("README.md"))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDamagedFileGivesResultsOrAPreciseError() throws IOException {
        final List<Path> files = files();
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            final byte[] original = Files.readAllBytes(file);
            final String text = new String(original, StandardCharsets.ISO_8859_1);
            final boolean edi = text.contains("UNH+") || text.contains("UNB+") || text.contains("ISA*") || text.contains("ST*");
            final byte terminator = edi ? (byte) (text.contains("ISA") ? '~' : '\'') : (byte) '\n';
            for (int i = 0; i < DAMAGES_PER_FILE; i++) {
                final long seed = file.toString().hashCode() * 1_000L + i;
                final byte[] damaged = Damage.apply(original, terminator, seed);
                final String what = file + " damage seed " + seed;
                within(what, () -> readFeed(damaged, what));
                if (edi) {
                    within(what, () -> readInterchanges(damaged, what));
                }
            }
        }));
    }

    private static void within(final String what, final Runnable read) {
        final Future<?> run = RUNNER.submit(read);
        try {
            run.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (final TimeoutException e) {
            run.cancel(true);
            fail("no answer within " + BOUND_SECONDS + " s: " + what);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (final java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new AssertionError("unexpected " + e.getCause() + " for " + what, e.getCause());
        }
    }

    /** Format detection then the format's parser, as ParseCarrierTracking does. */
    private static void readFeed(final byte[] content, final String what) {
        try {
            final BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(content), FeedFormatDetector.PEEK_BYTES);
            final SourceFormat format = FeedFormatDetector.detect(in);
            FeedFormatDetector.parserFor(format, PARIS, CsvColumnMapping.defaults()).parse(in, event -> assertNotNull(event, what));
        } catch (final TrackingFeedException e) {
            assertNotNull(e.getErrorCode(), what);
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail("feed error without message: " + what);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The EDI readers of the 3PL and retail lanes. */
    private static void readInterchanges(final byte[] content, final String what) {
        final List<Runnable> readers = List.of(
                () -> ShipmentConfirmationReader.read(new ByteArrayInputStream(content), EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT),
                () -> ReceiptAdviceReader.read(new ByteArrayInputStream(content), EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT),
                () -> RetailOrderReader.read(new ByteArrayInputStream(content), EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT),
                () -> EdiStockReader.read(new ByteArrayInputStream(content), StockReadOptions.defaults(), record -> assertNotNull(record, what)));
        for (final Runnable reader : readers) {
            try {
                reader.run();
            } catch (final EdiSyntaxException e) {
                if (e.segment() == null || e.getMessage() == null || e.getMessage().isBlank()) {
                    fail("EDI error without segment or message: " + what + ": " + e);
                }
            }
        }
    }
}
