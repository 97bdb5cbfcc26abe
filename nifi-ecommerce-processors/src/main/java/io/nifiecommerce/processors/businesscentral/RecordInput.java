package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.processors.order.InvalidOrderRecordException;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The canonical records of one input FlowFile (orders, refunds): the documents to submit, the records
 * that are not valid ones (with why), and afterwards every record written back with its outcome.
 */
final class RecordInput<T> {

    static final String INVALID_ORDER_RECORD = "INVALID_ORDER_RECORD";
    static final String INVALID_REFUND_RECORD = "INVALID_REFUND_RECORD";

    private final RecordSchema schema;
    private final List<Record> records;
    private final List<T> valid;
    private final Map<Integer, InvalidOrderRecordException> invalid;
    private final String invalidCode;

    private RecordInput(final RecordSchema schema, final List<Record> records, final List<T> valid,
                        final Map<Integer, InvalidOrderRecordException> invalid, final String invalidCode) {
        this.schema = schema;
        this.records = records;
        this.valid = valid;
        this.invalid = invalid;
        this.invalidCode = invalidCode;
    }

    /**
     * Reads every record; one the parser refuses is kept aside with the reason, not thrown.
     *
     * @param invalidCode the error code of such a record, e.g. {@value #INVALID_ORDER_RECORD}
     */
    static <T> RecordInput<T> read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                                   final ComponentLog logger, final Function<Record, T> parser, final String invalidCode) throws Exception {
        final List<Record> records = new ArrayList<>();
        final List<T> valid = new ArrayList<>();
        final Map<Integer, InvalidOrderRecordException> invalid = new HashMap<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                try {
                    valid.add(parser.apply(record));
                } catch (final InvalidOrderRecordException e) {
                    invalid.put(records.size(), e);
                }
                records.add(record);
            }
            return new RecordInput<>(reader.getSchema(), records, valid, invalid, invalidCode);
        }
    }

    int size() {
        return records.size();
    }

    List<T> valid() {
        return valid;
    }

    int invalidCount() {
        return invalid.size();
    }

    /**
     * Writes every record with its outcome fields to the relationship of its outcome, invalid records to
     * {@code failure}. Returns the finished FlowFiles by relationship.
     *
     * @param outcomes the outcome of each valid order, in order
     */
    Map<Relationship, FlowFile> route(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                                      final List<OrderOutcome> outcomes, final Function<OrderOutcome.Status, Relationship> relationships,
                                      final Relationship failure, final Map<String, String> attributes, final ComponentLog logger) throws IOException {
        final RecordSchema outputSchema = OutcomeFields.extend(schema);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, original, writerFactory, outputSchema, logger);
        int next = 0;
        for (int i = 0; i < records.size(); i++) {
            final InvalidOrderRecordException problem = invalid.get(i);
            if (problem != null) {
                router.write(failure, OutcomeFields.annotate(records.get(i), outputSchema, null, OrderOutcome.Status.FAILED.name(),
                        invalidCode, problem.getMessage()), invalidCode, problem.getMessage());
            } else {
                final OrderOutcome outcome = outcomes.get(next++);
                router.write(relationships.apply(outcome.status()), OutcomeFields.annotate(records.get(i), outputSchema, outcome,
                        outcome.status().name(), outcome.errorCode(), outcome.errorMessage()), outcome.errorCode(), outcome.errorMessage());
            }
        }
        return router.finish(attributes, INVALID_REFUND_RECORD.equals(invalidCode) ? "REFUND_RECORDS_FAILED" : "ORDER_RECORDS_FAILED");
    }

    /** The relationships of a put: where each outcome goes, and which one is penalized for a later try. */
    record Routing(Relationship failure, Relationship retry, Function<OrderOutcome.Status, Relationship> byStatus) {
    }

    /** Reads the input, or routes it whole to {@code failure} with UNREADABLE_INPUT and returns null. */
    static <T> RecordInput<T> readOrFail(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                                         final ComponentLog logger, final Function<Record, T> parser, final String invalidCode,
                                         final Relationship failure) {
        try {
            return read(session, flowFile, readerFactory, logger, parser, invalidCode);
        } catch (final Exception e) {
            logger.error("Cannot read the records of {}", flowFile, e);
            FlowFile failed = session.putAllAttributes(flowFile, ErrorAttributes.of("UNREADABLE_INPUT", e.getMessage()));
            failed = session.penalize(failed);
            session.transfer(failed, failure);
            return null;
        }
    }

    /**
     * Writes every record to the FlowFile of its outcome and transfers them, labelled ({@code bc.outcome}) and, where
     * {@code provenance} gives details, with a SEND event to {@code transitUri}; retry is penalized. When writing fails after
     * BC was called, the session is rolled back and the processor yields, so the input is replayed (nothing is created twice),
     * and false is returned.
     */
    boolean transfer(final ProcessContext context, final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                     final List<OrderOutcome> outcomes, final Routing routing, final Map<String, String> common,
                     final Function<Relationship, String> label, final String transitUri, final Function<Relationship, String> provenance,
                     final ComponentLog logger) {
        try {
            final Map<Relationship, FlowFile> routed = route(session, original, writerFactory, outcomes, routing.byStatus(), routing.failure(),
                    common, logger);
            for (final Map.Entry<Relationship, FlowFile> entry : routed.entrySet()) {
                FlowFile out = session.putAttribute(entry.getValue(), "bc.outcome", label.apply(entry.getKey()));
                final String details = provenance.apply(entry.getKey());
                if (details != null) {
                    session.getProvenanceReporter().send(out, transitUri, details);
                }
                if (entry.getKey() == routing.retry()) {
                    out = session.penalize(out);
                }
                session.transfer(out, entry.getKey());
            }
            return true;
        } catch (final IOException | RuntimeException e) {
            logger.error("Cannot write the outcome records of {}; the input will be replayed (idempotent)", original, e);
            session.rollback(true);
            context.yield();
            return false;
        }
    }
}
