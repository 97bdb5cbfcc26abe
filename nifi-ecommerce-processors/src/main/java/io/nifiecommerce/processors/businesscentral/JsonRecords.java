package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.serialization.record.type.ArrayDataType;
import org.apache.nifi.serialization.record.type.RecordDataType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OData JSON objects into NiFi records: a schema inferred from a page of values (all objects
 * merged, so a field null in the first object still gets its type from another), then each value
 * converted to it. Decimals stay exact (BC amounts); OData control fields ({@code @odata.*}) are left
 * out; fields outside the schema are dropped.
 */
final class JsonRecords {

    private static final DataType DECIMAL = RecordFieldType.DECIMAL.getDecimalDataType(38, 10);
    private static final DataType STRING = RecordFieldType.STRING.getDataType();

    private JsonRecords() {
    }

    static RecordSchema inferSchema(final List<JsonNode> objects) {
        final Map<String, DataType> types = new LinkedHashMap<>();
        for (final JsonNode object : objects) {
            merge(types, object);
        }
        final List<RecordField> fields = new ArrayList<>();
        types.forEach((name, type) -> fields.add(new RecordField(name, type == null ? STRING : type, true)));
        return new SimpleRecordSchema(fields);
    }

    private static void merge(final Map<String, DataType> types, final JsonNode object) {
        final Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("@")) {
                continue;
            }
            final DataType seen = types.get(field.getKey());
            final DataType type = typeOf(field.getValue(), seen);
            types.put(field.getKey(), seen == null ? type : type == null ? seen : widen(seen, type));
        }
    }

    private static DataType typeOf(final JsonNode value, final DataType seen) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return RecordFieldType.BOOLEAN.getDataType();
        }
        if (value.isIntegralNumber()) {
            return RecordFieldType.LONG.getDataType();
        }
        if (value.isNumber()) {
            return DECIMAL;
        }
        if (value.isObject()) {
            final Map<String, DataType> nested = new LinkedHashMap<>();
            if (seen instanceof RecordDataType recordType) {
                recordType.getChildSchema().getFields().forEach(f -> nested.put(f.getFieldName(), f.getDataType()));
            }
            merge(nested, value);
            final List<RecordField> fields = new ArrayList<>();
            nested.forEach((name, type) -> fields.add(new RecordField(name, type == null ? STRING : type, true)));
            return RecordFieldType.RECORD.getRecordDataType(new SimpleRecordSchema(fields));
        }
        if (value.isArray()) {
            DataType element = seen instanceof ArrayDataType arrayType ? arrayType.getElementType() : null;
            for (final JsonNode item : value) {
                final DataType itemType = typeOf(item, element);
                element = element == null ? itemType : itemType == null ? element : widen(element, itemType);
            }
            return RecordFieldType.ARRAY.getArrayDataType(element == null ? STRING : element);
        }
        return STRING;
    }

    private static DataType widen(final DataType a, final DataType b) {
        if (a.equals(b) || b.getFieldType() == RecordFieldType.RECORD && a.getFieldType() == RecordFieldType.RECORD) {
            return b;
        }
        if (a.getFieldType() == RecordFieldType.ARRAY && b.getFieldType() == RecordFieldType.ARRAY) {
            return b;
        }
        final boolean numbers = (a.getFieldType() == RecordFieldType.LONG || a.getFieldType() == RecordFieldType.DECIMAL)
                && (b.getFieldType() == RecordFieldType.LONG || b.getFieldType() == RecordFieldType.DECIMAL);
        return numbers ? DECIMAL : STRING;
    }

    static Record toRecord(final JsonNode object, final RecordSchema schema) {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final RecordField field : schema.getFields()) {
            values.put(field.getFieldName(), convert(object.get(field.getFieldName()), field.getDataType()));
        }
        return new MapRecord(schema, values);
    }

    private static Object convert(final JsonNode value, final DataType type) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (type.getFieldType()) {
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : Boolean.valueOf(value.asText());
            case LONG -> value.isNumber() ? value.longValue() : parseLong(value.asText());
            case DECIMAL -> value.isNumber() ? value.decimalValue() : parseDecimal(value.asText());
            case RECORD -> value.isObject() ? toRecord(value, ((RecordDataType) type).getChildSchema()) : null;
            case ARRAY -> {
                final DataType element = ((ArrayDataType) type).getElementType();
                if (!value.isArray()) {
                    yield null;
                }
                final Object[] items = new Object[value.size()];
                for (int i = 0; i < value.size(); i++) {
                    items[i] = convert(value.get(i), element);
                }
                yield items;
            }
            default -> value.isValueNode() ? value.asText() : value.toString();
        };
    }

    private static Long parseLong(final String text) {
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static java.math.BigDecimal parseDecimal(final String text) {
        try {
            return new java.math.BigDecimal(text);
        } catch (final NumberFormatException e) {
            return null;
        }
    }
}
