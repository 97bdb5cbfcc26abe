package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.ShipmentConfirmation;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.HashMap;
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
        final Map<String, Object> values = new HashMap<>(24);
        values.put("messageType", confirmation.messageType());
        values.put("interchangeReference", confirmation.interchangeReference());
        values.put("messageReference", confirmation.messageReference());
        values.put("shipmentId", confirmation.shipmentId());
        values.put("orderNumber", confirmation.orderNumber());
        values.put("shipDate", confirmation.shipDate() == null ? null : confirmation.shipDate().toString());
        values.put("carrier", confirmation.carrier());
        values.put("trackingNumber", confirmation.trackingNumbers().isEmpty() ? null : confirmation.trackingNumbers().get(0));
        values.put("trackingNumbers", confirmation.trackingNumbers().toArray());
        values.put("lineNumber", line.lineNumber());
        values.put("itemNumber", line.itemNumber());
        values.put("gtin", line.gtin());
        values.put("quantityShipped", line.quantityShipped().toPlainString());
        values.put("quantityOrdered", line.quantityOrdered() == null ? null : line.quantityOrdered().toPlainString());
        values.put("lot", line.lot());
        values.put("sscc", line.sscc());
        return new MapRecord(schema, values);
    }
}
