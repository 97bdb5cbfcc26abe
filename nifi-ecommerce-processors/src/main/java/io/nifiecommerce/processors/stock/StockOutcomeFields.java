package io.nifiecommerce.processors.stock;

import io.nifiecommerce.stock.PublishOutcome;
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
import java.util.Set;

/** The fields PublishStockLevels adds to each record it writes out, so every record says what became of it. */
final class StockOutcomeFields {

    static final String OUTCOME = "stock_outcome";
    static final String REASON = "stock_reason";
    static final String MESSAGE = "stock_message";
    static final String ITEM = "shopify_inventory_item_id";
    static final String LOCATION_ID = "shopify_location_id";
    static final String PUBLISHED_QUANTITY = "stock_quantity";

    private static final Set<String> NAMES = Set.of(OUTCOME, REASON, MESSAGE, ITEM, LOCATION_ID, PUBLISHED_QUANTITY);

    private StockOutcomeFields() {
    }

    /** The input schema with the outcome fields appended (replacing any of the same name from an earlier run). */
    static RecordSchema extend(final RecordSchema input) {
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : input.getFields()) {
            if (!NAMES.contains(field.getFieldName())) {
                fields.add(field);
            }
        }
        fields.add(new RecordField(OUTCOME, RecordFieldType.STRING.getDataType(), false));
        fields.add(new RecordField(REASON, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(MESSAGE, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(ITEM, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(LOCATION_ID, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(PUBLISHED_QUANTITY, RecordFieldType.LONG.getDataType(), true));
        return new SimpleRecordSchema(fields);
    }

    static Record annotate(final RecordSchema schema, final Record record, final PublishOutcome outcome) {
        final Map<String, Object> values = new LinkedHashMap<>(record.toMap());
        values.put(OUTCOME, outcome.status().label());
        values.put(REASON, outcome.code());
        values.put(MESSAGE, outcome.message());
        values.put(ITEM, outcome.inventoryItemId());
        values.put(LOCATION_ID, outcome.locationId());
        values.put(PUBLISHED_QUANTITY, outcome.quantity());
        return new MapRecord(schema, values);
    }
}
