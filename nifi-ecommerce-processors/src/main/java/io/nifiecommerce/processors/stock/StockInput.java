package io.nifiecommerce.processors.stock;

import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.stock.PublishOutcome;
import io.nifiecommerce.stock.StockInputLine;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stock records of one input FlowFile with the publisher's line of each, written back afterwards,
 * each with its outcome, to success or failure.
 */
final class StockInput {

    /** The record fields holding each value; gtin, location and committed may be null (not read). */
    record Fields(String sku, String gtin, String location, String quantity, String committed) {
    }

    private final RecordSchema schema;
    private final List<Record> records;
    private final List<StockInputLine> lines;

    private StockInput(final RecordSchema schema, final List<Record> records, final List<StockInputLine> lines) {
        this.schema = schema;
        this.records = records;
        this.lines = lines;
    }

    static StockInput read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory, final Fields fields,
                           final ComponentLog logger) throws IOException, MalformedRecordException, SchemaNotFoundException {
        final List<Record> records = new ArrayList<>();
        final List<StockInputLine> lines = new ArrayList<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
                lines.add(StockInputLine.of(record.getAsString(fields.sku()), value(record, fields.gtin()), value(record, fields.location()),
                        record.getValue(fields.quantity()), fields.committed() == null ? null : record.getValue(fields.committed()), fields.quantity()));
            }
            return new StockInput(reader.getSchema(), records, lines);
        }
    }

    List<StockInputLine> lines() {
        return lines;
    }

    /**
     * Writes every record with its outcome: failed ones to {@code failure}, the others to {@code success}, which
     * exists even empty when nothing failed. Returns the FlowFiles to transfer, by relationship.
     */
    Map<Relationship, FlowFile> route(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                                      final List<PublishOutcome> outcomes, final Map<String, String> attributes, final Relationship success,
                                      final Relationship failure, final ComponentLog logger) throws IOException {
        final RecordSchema outputSchema = StockOutcomeFields.extend(schema);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, original, writerFactory, outputSchema, logger);
        if (outcomes.stream().noneMatch(o -> o.status() == PublishOutcome.Status.FAILED)) {
            router.open(success);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            final PublishOutcome outcome = outcomes.get(i);
            final Record record = StockOutcomeFields.annotate(outputSchema, records.get(i), outcome);
            if (outcome.status() == PublishOutcome.Status.FAILED) {
                router.write(failure, record, String.valueOf(outcome.code()), outcome.message());
            } else {
                router.write(success, record);
            }
        }
        return router.finish(attributes, "STOCK_RECORDS_FAILED");
    }

    private static String value(final Record record, final String field) {
        return field == null ? null : record.getAsString(field);
    }
}
