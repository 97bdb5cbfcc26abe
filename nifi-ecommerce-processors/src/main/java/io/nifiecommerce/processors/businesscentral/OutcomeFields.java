package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields PutBusinessCentralOrder adds to each record it writes out, so every record says what became of it. */
final class OutcomeFields {

    static final String OUTCOME = "bcOutcome";
    static final String ID = "bcId";
    static final String NUMBER = "bcNumber";
    static final String DOCUMENT_TYPE = "bcDocumentType";
    static final String EXTERNAL_DOCUMENT_NUMBER = "bcExternalDocumentNumber";
    static final String TRUNCATED_FIELDS = "bcTruncatedFields";
    static final String AMOUNT_DIFFERENCE = "bcAmountDifference";
    static final String ERROR_CODE = "bcErrorCode";
    static final String ERROR_MESSAGE = "bcErrorMessage";

    private static final List<String> NAMES = List.of(OUTCOME, ID, NUMBER, DOCUMENT_TYPE, EXTERNAL_DOCUMENT_NUMBER, TRUNCATED_FIELDS,
            AMOUNT_DIFFERENCE, ERROR_CODE, ERROR_MESSAGE);

    private OutcomeFields() {
    }

    /** The input schema with the outcome fields appended (replacing any of the same name from an earlier run). */
    static RecordSchema extend(final RecordSchema input) {
        return RecordOutcomeRouter.withOutcomeFields(input,
                NAMES.stream().map(name -> new RecordField(name, RecordFieldType.STRING.getDataType(), true)).toList());
    }

    static Record annotate(final Record input, final RecordSchema schema, final OrderOutcome outcome, final String status,
                           final String errorCode, final String errorMessage) {
        final Map<String, Object> values = new LinkedHashMap<>(input.toMap());
        values.put(OUTCOME, status);
        if (outcome != null) {
            values.put(ID, outcome.id());
            values.put(NUMBER, outcome.number());
            values.put(DOCUMENT_TYPE, outcome.documentType());
            values.put(EXTERNAL_DOCUMENT_NUMBER, outcome.externalDocumentNumber());
            values.put(TRUNCATED_FIELDS, outcome.truncatedFields().isEmpty() ? null : String.join(",", outcome.truncatedFields()));
            values.put(AMOUNT_DIFFERENCE, outcome.reconciliationDifference() == null ? null : outcome.reconciliationDifference().toPlainString());
        }
        values.put(ERROR_CODE, errorCode);
        values.put(ERROR_MESSAGE, errorMessage);
        return new MapRecord(schema, values);
    }
}
