package io.nifiecommerce.processors.order;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.List;

/**
 * The NiFi record schema of the canonical refund ({@link io.nifiecommerce.order.Refund}): amounts as
 * decimal strings, times as ISO-8601 strings, as for orders. Documented in docs/canonical-order.md.
 */
public final class RefundRecordSchema {

    public static final RecordSchema LINE = new SimpleRecordSchema(List.of(
            string("lineId"), string("sku"), string("gtin"), string("title"),
            new RecordField("quantity", RecordFieldType.LONG.getDataType(), false),
            string("subtotal"), string("taxAmount"), string("restockType"), string("locationId")));

    public static final RecordSchema SHIPPING = new SimpleRecordSchema(List.of(string("subtotal"), string("taxAmount")));

    public static final RecordSchema REFUND = new SimpleRecordSchema(List.of(
            string("source"), string("sourceId"), string("orderSourceId"), string("orderName"),
            new RecordField("orderCancelled", RecordFieldType.BOOLEAN.getDataType(), false),
            string("createdAt"), string("currency"),
            new RecordField("taxesIncluded", RecordFieldType.BOOLEAN.getDataType(), false),
            string("note"), array("lines", LINE), array("shipping", SHIPPING), string("totalRefunded")));

    private RefundRecordSchema() {
    }

    private static RecordField string(final String name) {
        return new RecordField(name, RecordFieldType.STRING.getDataType(), true);
    }

    private static RecordField array(final String name, final RecordSchema element) {
        return new RecordField(name, RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.RECORD.getRecordDataType(element)), true);
    }
}
