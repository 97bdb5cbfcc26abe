package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.fulfillment.FulfillmentEventPublisher;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Route;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields PutShopifyFulfillment adds to each record it writes out, so every record says what became of it. */
final class FulfillmentOutcomeFields {

    static final String OUTCOME = "fulfillmentOutcome";
    static final String FULFILLMENT_IDS = "fulfillmentIds";
    static final String ORDER_ID = "shopifyOrderId";
    static final String ERROR_CODE = "errorCode";
    static final String ERROR_MESSAGE = "errorMessage";
    static final String EVENTS = "fulfillmentEvents";

    private static final List<RecordField> OUTCOME_FIELDS = List.of(
            new RecordField(OUTCOME, RecordFieldType.STRING.getDataType()),
            new RecordField(FULFILLMENT_IDS, RecordFieldType.STRING.getDataType()),
            new RecordField(ORDER_ID, RecordFieldType.STRING.getDataType()),
            new RecordField(ERROR_CODE, RecordFieldType.STRING.getDataType()),
            new RecordField(ERROR_MESSAGE, RecordFieldType.STRING.getDataType()),
            new RecordField(EVENTS, RecordFieldType.STRING.getDataType()));

    private FulfillmentOutcomeFields() {
    }

    /** The schema read, or the first record's, with the outcome fields it lacks appended. */
    static RecordSchema outputSchema(final RecordSchema readSchema, final List<Record> records) {
        final RecordSchema base = readSchema != null ? readSchema : records.isEmpty() ? new SimpleRecordSchema(List.of()) : records.getFirst().getSchema();
        final List<RecordField> fields = new ArrayList<>(base.getFields());
        for (final RecordField extra : OUTCOME_FIELDS) {
            if (base.getField(extra.getFieldName()).isEmpty()) {
                fields.add(extra);
            }
        }
        return new SimpleRecordSchema(fields);
    }

    /** The record with its outcome fields set. */
    static Record withOutcome(final RecordSchema schema, final Record record, final FulfillmentOutcome outcome,
                              final FulfillmentEventPublisher.Result events) {
        final Map<String, Object> values = new LinkedHashMap<>(record.toMap());
        values.put(OUTCOME, outcome.status().name());
        values.put(FULFILLMENT_IDS, outcome.fulfillmentIds().isEmpty() ? null : String.join(",", outcome.fulfillmentIds()));
        values.put(ORDER_ID, outcome.orderId());
        final boolean failed = outcome.route() != Route.SUCCESS;
        values.put(ERROR_CODE, failed ? outcome.status().name() : null);
        values.put(ERROR_MESSAGE, failed ? outcome.message() : null);
        values.put(EVENTS, events == null ? null : events.posted() + " posted, " + events.present() + " already present"
                + (events.refused().isEmpty() ? "" : ", " + events.refused().size() + " refused"));
        return new MapRecord(schema, values);
    }
}
