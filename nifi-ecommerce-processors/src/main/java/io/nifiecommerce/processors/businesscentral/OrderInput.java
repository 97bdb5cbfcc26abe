package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.processors.order.InvalidOrderRecordException;
import io.nifiecommerce.processors.order.OrderRecords;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
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
 * The canonical order records of one input FlowFile: the orders to submit, the records that are not
 * valid orders (with why), and afterwards every record written back with its outcome.
 */
final class OrderInput {

    static final String INVALID_ORDER_RECORD = "INVALID_ORDER_RECORD";

    private final RecordSchema schema;
    private final List<Record> records;
    private final List<Order> valid;
    private final Map<Integer, InvalidOrderRecordException> invalid;

    private OrderInput(final RecordSchema schema, final List<Record> records, final List<Order> valid,
                       final Map<Integer, InvalidOrderRecordException> invalid) {
        this.schema = schema;
        this.records = records;
        this.valid = valid;
        this.invalid = invalid;
    }

    /** Reads every record; one that is not a valid order is kept aside with the reason, not thrown. */
    static OrderInput read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                           final ComponentLog logger) throws Exception {
        final List<Record> records = new ArrayList<>();
        final List<Order> valid = new ArrayList<>();
        final Map<Integer, InvalidOrderRecordException> invalid = new HashMap<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                try {
                    valid.add(OrderRecords.fromRecord(record));
                } catch (final InvalidOrderRecordException e) {
                    invalid.put(records.size(), e);
                }
                records.add(record);
            }
            return new OrderInput(reader.getSchema(), records, valid, invalid);
        }
    }

    int size() {
        return records.size();
    }

    List<Order> validOrders() {
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
                        INVALID_ORDER_RECORD, problem.getMessage()), INVALID_ORDER_RECORD, problem.getMessage());
            } else {
                final OrderOutcome outcome = outcomes.get(next++);
                router.write(relationships.apply(outcome.status()), OutcomeFields.annotate(records.get(i), outputSchema, outcome,
                        outcome.status().name(), outcome.errorCode(), outcome.errorMessage()), outcome.errorCode(), outcome.errorMessage());
            }
        }
        return router.finish(attributes, "ORDER_RECORDS_FAILED");
    }
}
