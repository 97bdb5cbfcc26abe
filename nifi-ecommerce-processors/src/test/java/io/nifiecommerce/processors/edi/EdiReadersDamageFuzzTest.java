package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.ReceiptAdviceTestData;
import io.nifiecommerce.fuzz.Damage;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged DESADV, RECADV and ORDERS files (cut anywhere, a segment written twice, a byte flipped, bytes lost) through
 * the reading processors: each input ends in {@code original} (read) or in {@code review} unchanged with
 * {@code error.code} and {@code error.message}; nothing is left in the queue, nothing escapes {@code onTrigger}, no
 * FlowFile is lost.
 */
class EdiReadersDamageFuzzTest {

    private static final int DAMAGES = 150;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:20:00Z"), ZoneOffset.UTC);

    private static void damageAndRoute(final String sample, final java.util.function.Supplier<TestRunner> runners,
                                       final Relationship original, final Relationship review) throws IOException {
        final byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < DAMAGES; i++) {
            final byte[] damaged = Damage.apply(bytes, (byte) (sample.startsWith("ISA") ? '~' : '\''), 7_000L + i);
            final TestRunner runner = runners.get();
            runner.enqueue(damaged);
            try {
                runner.run();
            } catch (final AssertionError e) {
                fail("onTrigger threw for seed " + (7_000L + i) + ":\n" + new String(damaged, StandardCharsets.UTF_8), e);
            }
            assertEquals(0, runner.getQueueSize().getObjectCount(), "left in the queue");
            final List<MockFlowFile> originals = runner.getFlowFilesForRelationship(original);
            final List<MockFlowFile> reviews = runner.getFlowFilesForRelationship(review);
            for (final MockFlowFile flowFile : reviews) {
                assertNotNull(flowFile.getAttribute("error.code"), "review without error.code");
                assertNotNull(flowFile.getAttribute("error.message"), "review without error.message");
                flowFile.assertContentEquals(damaged);
            }
            // the file itself went somewhere: read (original) or, whole, to review
            assertTrue(originals.size() + reviews.size() >= 1, "input lost for seed " + (7_000L + i));
            for (final MockFlowFile flowFile : originals) {
                flowFile.assertContentEquals(damaged);
            }
        }
    }

    @Test
    void damagedShipmentConfirmations() throws IOException {
        damageAndRoute(ReadShipmentConfirmationEdiTest.DESADV, EdiReadersDamageFuzzTest::desadvReader, ReadShipmentConfirmationEdi.REL_ORIGINAL, ReadShipmentConfirmationEdi.REL_REVIEW);
    }

    @Test
    void damagedReceipts() throws IOException {
        damageAndRoute(ReceiptAdviceTestData.RECADV, () -> {
            final TestRunner runner = newRunner(new ReadReceiptAdviceEdi());
            runner.setProperty(ReadReceiptAdviceEdi.RECORD_WRITER, "writer");
            return runner;
        }, ReadReceiptAdviceEdi.REL_ORIGINAL, ReadReceiptAdviceEdi.REL_REVIEW);
    }

    @Test
    void damagedRetailOrders() throws IOException {
        damageAndRoute(RetailOrderProcessorsTest.ORDERS, () -> {
            final ReadRetailOrderEdi processor = new ReadRetailOrderEdi();
            processor.setClock(CLOCK);
            final TestRunner runner = newRunner(processor);
            runner.setProperty(ReadRetailOrderEdi.RECORD_WRITER, "writer");
            runner.setProperty(ReadRetailOrderEdi.GLN_TABLE, RetailOrderProcessorsTest.GLN_TABLE);
            return runner;
        }, ReadRetailOrderEdi.REL_ORIGINAL, ReadRetailOrderEdi.REL_REVIEW);
    }

    /** Empty files and files holding only a BOM and line breaks (a failed export) go to review with a reason. */
    @Test
    void emptyFilesGoToReview() {
        for (final byte[] empty : List.of(new byte[0], "\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'})) {
            final TestRunner runner = desadvReader();
            runner.enqueue(empty);
            runner.run();
            runner.assertAllFlowFilesTransferred(ReadShipmentConfirmationEdi.REL_REVIEW, 1);
            runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_REVIEW).getFirst().assertAttributeEquals("error.code", "NO_CONFIRMATION");
        }
    }

    private static TestRunner desadvReader() {
        final ReadShipmentConfirmationEdi processor = new ReadShipmentConfirmationEdi();
        processor.setClock(CLOCK);
        final TestRunner runner = newRunner(processor);
        runner.setProperty(ReadShipmentConfirmationEdi.RECORD_WRITER, "writer");
        return runner;
    }

    /** Found by the damage above: a qualifier outside the code list made the CONTRL writer throw out of onTrigger. */
    @Test
    void aPartnerQualifierOutsideTheCodeListIsEchoedInTheAcknowledgment() {
        final TestRunner runner = desadvReader();
        runner.enqueue(ReadShipmentConfirmationEdiTest.DESADV.replace("5412345000013:14", "5412345000013:04"));
        runner.run();
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_SUCCESS, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ORIGINAL, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ACKNOWLEDGMENT, 1);
        final String contrl = runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_ACKNOWLEDGMENT).getFirst().getContent();
        assertTrue(contrl.contains("UNB+UNOC:3+5412345000013:04+5490000000017:14"), contrl);
    }

    /** A read interchange whose envelope cannot be echoed (a sender id over UNB's 35 characters): data out, a person answers. */
    @Test
    void anInterchangeThatCannotBeAcknowledgedIsReadAndAlsoSentToReview() {
        final TestRunner runner = desadvReader();
        runner.setProperty(EnvelopeStrictnessOption.PROPERTY, EnvelopeStrictnessOption.TOLERATE_ELEMENT_FORMAT.name());
        runner.enqueue(ReadShipmentConfirmationEdiTest.DESADV.replace("5490000000017:14", "THREE-PL-WAREHOUSE-LYON-SAINT-PRIEST-01:14"));
        runner.run();
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_SUCCESS, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ORIGINAL, 1);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_ACKNOWLEDGMENT, 0);
        runner.assertTransferCount(ReadShipmentConfirmationEdi.REL_REVIEW, 1);
        final MockFlowFile review = runner.getFlowFilesForRelationship(ReadShipmentConfirmationEdi.REL_REVIEW).getFirst();
        review.assertAttributeEquals("error.code", "ACKNOWLEDGMENT_NOT_WRITTEN");
        review.assertAttributeEquals("edi.acknowledged.reference", "DN7001");
    }

    private static TestRunner newRunner(final Processor processor) {
        try {
            final TestRunner runner = TestRunners.newTestRunner(processor);
            final JsonRecordSetWriter writer = new JsonRecordSetWriter();
            runner.addControllerService("writer", writer);
            runner.enableControllerService(writer);
            return runner;
        } catch (final org.apache.nifi.reporting.InitializationException e) {
            throw new IllegalStateException(e);
        }
    }
}
