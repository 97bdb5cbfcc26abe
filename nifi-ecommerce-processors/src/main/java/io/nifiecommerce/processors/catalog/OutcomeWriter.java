package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.processors.RecordOutcomeRouter;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the input records of a catalog processor back out, each with its outcome fields, to success, failure or
 * retry: the one routing of PublishShopifyProducts and PublishShopifyPriceLists.
 */
final class OutcomeWriter {

    /** Where a record goes and the outcome fields it carries (in the order of the outcome field names). */
    record Routed(Kind kind, String errorCode, String errorMessage, List<Object> values) {
    }

    enum Kind { SUCCESS, FAILURE, RETRY }

    private final RecordSchema schema;
    private final List<String> fieldNames;

    /** @param fieldNames the outcome fields, all strings; the first is never null */
    OutcomeWriter(final RecordSchema input, final List<String> fieldNames) {
        this.fieldNames = fieldNames;
        this.schema = RecordOutcomeRouter.withOutcomeFields(input == null ? new SimpleRecordSchema(List.of()) : input,
                fieldNames.stream().map(name -> new RecordField(name, RecordFieldType.STRING.getDataType(), name != fieldNames.getFirst())).toList());
    }

    Map<Relationship, FlowFile> route(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                                      final List<Record> records, final List<Routed> routed, final Map<String, String> attributes,
                                      final Relationship success, final Relationship failure, final Relationship retry,
                                      final ComponentLog logger, final String mixedErrorCode) throws IOException {
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, original, writerFactory, schema, logger);
        if (routed.stream().noneMatch(r -> r.kind() == Kind.FAILURE)) {
            router.open(success);
        }
        for (int i = 0; i < routed.size(); i++) {
            final Routed outcome = routed.get(i);
            final Map<String, Object> values = new LinkedHashMap<>(records.get(i).toMap());
            for (int f = 0; f < fieldNames.size(); f++) {
                values.put(fieldNames.get(f), outcome.values().get(f));
            }
            final Record annotated = new MapRecord(schema, values);
            switch (outcome.kind()) {
                case SUCCESS -> router.write(success, annotated);
                case FAILURE -> router.write(failure, annotated, outcome.errorCode(), outcome.errorMessage());
                case RETRY -> router.write(retry, annotated, outcome.errorCode(), outcome.errorMessage());
            }
        }
        return router.finish(attributes, mixedErrorCode);
    }
}
