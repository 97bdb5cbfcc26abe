package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.processors.RecordOutcomeRouter;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields PutShopifyErpShipping reads from PutBusinessCentralOrder's output and the fields it adds to each record. */
final class ErpShippingFields {

    static final String SOURCE_ID = "sourceId";
    static final String NAME = "name";
    static final String BC_OUTCOME = "bcOutcome";
    static final String BC_ID = "bcId";
    static final String BC_NUMBER = "bcNumber";
    static final String BC_DOCUMENT_TYPE = "bcDocumentType";

    static final String OUTCOME = "erpShippingOutcome";
    static final String TITLE = "erpShippingTitle";
    static final String AMOUNT = "erpShippingAmount";
    static final String ORDER_ID = "shopifyOrderId";
    static final String ORDER_NAME = "shopifyOrderName";
    static final String ERROR_CODE = "erpShippingErrorCode";
    static final String ERROR_MESSAGE = "erpShippingErrorMessage";

    private static final List<String> NAMES = List.of(OUTCOME, TITLE, AMOUNT, ORDER_ID, ORDER_NAME, ERROR_CODE, ERROR_MESSAGE);

    private ErpShippingFields() {
    }

    static RecordSchema extend(final RecordSchema input) {
        return RecordOutcomeRouter.withOutcomeFields(input,
                NAMES.stream().map(name -> new RecordField(name, RecordFieldType.STRING.getDataType(), true)).toList());
    }

    static String text(final Record record, final String field) {
        final Object value = record.getValue(field);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** The record with its outcome: {@code values} holds the outcome fields to set (absent ones are cleared). */
    static Record annotate(final Record input, final RecordSchema schema, final Map<String, String> values) {
        final Map<String, Object> all = new LinkedHashMap<>(input.toMap());
        NAMES.forEach(name -> all.put(name, values.get(name)));
        return new MapRecord(schema, all);
    }
}
