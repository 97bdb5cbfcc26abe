package io.nifiecommerce.processors.stock;

import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.stock.PublishOutcome;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields PublishStockLevels adds to each record it writes out, so every record says what became of it. */
final class StockOutcomeFields {

    static final String OUTCOME = "stock_outcome";
    static final String REASON = "stock_reason";
    static final String MESSAGE = "stock_message";
    static final String ITEM = "shopify_inventory_item_id";
    static final String LOCATION_ID = "shopify_location_id";
    static final String PUBLISHED_QUANTITY = "stock_quantity";

    private StockOutcomeFields() {
    }

    /** The input schema with the outcome fields appended (replacing any of the same name from an earlier run). */
    static RecordSchema extend(final RecordSchema input) {
        return RecordOutcomeRouter.withOutcomeFields(input, List.of(
                new RecordField(OUTCOME, RecordFieldType.STRING.getDataType(), false),
                new RecordField(REASON, RecordFieldType.STRING.getDataType(), true),
                new RecordField(MESSAGE, RecordFieldType.STRING.getDataType(), true),
                new RecordField(ITEM, RecordFieldType.STRING.getDataType(), true),
                new RecordField(LOCATION_ID, RecordFieldType.STRING.getDataType(), true),
                new RecordField(PUBLISHED_QUANTITY, RecordFieldType.LONG.getDataType(), true)));
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
