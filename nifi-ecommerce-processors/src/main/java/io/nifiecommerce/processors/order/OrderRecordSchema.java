package io.nifiecommerce.processors.order;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.List;

/**
 * The NiFi record schema of the canonical order ({@link io.nifiecommerce.order.Order}). Amounts are
 * decimal strings so that no writer (JSON, CSV, Avro) rounds a cent; times are ISO-8601 strings.
 * Documented field by field in docs/canonical-order.md.
 */
public final class OrderRecordSchema {

    public static final RecordSchema ADDRESS = schema(
            string("name"), string("company"), string("address1"), string("address2"), string("city"),
            string("province"), string("postalCode"), string("countryCode"), string("phone"));

    public static final RecordSchema CUSTOMER = schema(
            string("id"), string("email"), string("firstName"), string("lastName"), string("phone"));

    public static final RecordSchema COMPANY = schema(
            string("id"), string("externalId"), string("name"), string("locationId"), string("locationExternalId"),
            string("locationName"), string("taxRegistrationNumber"));

    public static final RecordSchema LINE = schema(
            string("lineId"), string("sku"), string("gtin"), string("title"),
            new RecordField("quantity", RecordFieldType.LONG.getDataType(), false),
            string("unitPrice"), string("discountAmount"), string("taxAmount"), string("taxRate"),
            new RecordField("currentQuantity", RecordFieldType.LONG.getDataType(), true));

    public static final RecordSchema SHIPPING_LINE = schema(
            string("code"), string("title"), string("price"), string("discountAmount"), string("taxAmount"), string("taxRate"));

    public static final RecordSchema ORDER = schema(
            string("source"), string("sourceId"), string("name"), string("segment"), string("channel"),
            string("createdAt"), string("updatedAt"), string("processedAt"), string("cancelledAt"),
            string("currency"), new RecordField("taxesIncluded", RecordFieldType.BOOLEAN.getDataType(), false),
            string("financialStatus"), string("fulfillmentStatus"), string("poNumber"),
            new RecordField("tags", RecordFieldType.ARRAY.getArrayDataType(RecordFieldType.STRING.getDataType())),
            string("email"), string("note"),
            record("customer", CUSTOMER), record("company", COMPANY),
            record("billingAddress", ADDRESS), record("shippingAddress", ADDRESS),
            array("lines", LINE), array("shippingLines", SHIPPING_LINE),
            string("subtotalPrice"), string("totalDiscounts"), string("totalShipping"), string("totalTax"), string("totalPrice"));

    private OrderRecordSchema() {
    }

    private static RecordSchema schema(final RecordField... fields) {
        return new SimpleRecordSchema(List.of(fields));
    }

    private static RecordField string(final String name) {
        return new RecordField(name, RecordFieldType.STRING.getDataType(), true);
    }

    private static RecordField record(final String name, final RecordSchema schema) {
        return new RecordField(name, RecordFieldType.RECORD.getRecordDataType(schema), true);
    }

    private static RecordField array(final String name, final RecordSchema elementSchema) {
        final DataType element = RecordFieldType.RECORD.getRecordDataType(elementSchema);
        return new RecordField(name, RecordFieldType.ARRAY.getArrayDataType(element), true);
    }
}
