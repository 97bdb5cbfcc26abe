package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.ShipmentConfirmation;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.List;
import java.util.Map;

/** One record per shipped line, the confirmation's header fields repeated on each: easy to group, filter and post. */
final class ShipmentConfirmationRecords {

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("messageType", RecordFieldType.STRING.getDataType(), false),
            new RecordField("interchangeReference", RecordFieldType.STRING.getDataType(), true),
            new RecordField("messageReference", RecordFieldType.STRING.getDataType(), true),
            new RecordField("shipmentId", RecordFieldType.STRING.getDataType(), true),
            new RecordField("orderNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("externalDocumentNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("shipDate", RecordFieldType.STRING.getDataType(), true),
            new RecordField("carrier", RecordFieldType.STRING.getDataType(), true),
            new RecordField("trackingNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("trackingNumbers", RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType()), false),
            new RecordField("lineNumber", RecordFieldType.INT.getDataType(), true),
            new RecordField("itemNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("gtin", RecordFieldType.STRING.getDataType(), true),
            new RecordField("quantityShipped", RecordFieldType.STRING.getDataType(), false),
            new RecordField("quantityOrdered", RecordFieldType.STRING.getDataType(), true),
            new RecordField("lot", RecordFieldType.STRING.getDataType(), true),
            new RecordField("sscc", RecordFieldType.STRING.getDataType(), true)));

    private ShipmentConfirmationRecords() {
    }

    static Record toRecord(final ShipmentConfirmation confirmation, final ShipmentConfirmation.Line line, final RecordSchema schema) {
        final Map<String, Object> values = ShipmentConfirmations.lineValues(confirmation, line);
        values.put("trackingNumbers", confirmation.trackingNumbers().toArray());
        return new MapRecord(schema, values);
    }
}
