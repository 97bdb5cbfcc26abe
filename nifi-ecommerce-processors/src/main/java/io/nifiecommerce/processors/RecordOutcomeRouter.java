package io.nifiecommerce.processors;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The per-record outcome routing of the record processors: each record of one input goes, with its
 * outcome fields, to the child FlowFile of its relationship (opened on its first record and streamed),
 * so nothing is dropped or written twice. Finishing sets record.count, mime.type, the writer's
 * attributes, the attributes common to the input, and on children holding failed records the error
 * attributes: the code when all share one, else the mixed code, with a count per code.
 */
public final class RecordOutcomeRouter {

    private final ProcessSession session;
    private final FlowFile parent;
    private final RecordSetWriterFactory writerFactory;
    private final RecordSchema schema;
    private final ComponentLog logger;
    private final Map<Relationship, Output> outputs = new LinkedHashMap<>();
    private int records;

    public RecordOutcomeRouter(final ProcessSession session, final FlowFile parent, final RecordSetWriterFactory writerFactory,
                               final RecordSchema schema, final ComponentLog logger) {
        this.session = session;
        this.parent = parent;
        this.writerFactory = writerFactory;
        this.schema = schema;
        this.logger = logger;
    }

    /** The input schema with the outcome fields appended, replacing any of the same name left by an earlier run. */
    public static RecordSchema withOutcomeFields(final RecordSchema input, final List<RecordField> outcomeFields) {
        final Set<String> names = outcomeFields.stream().map(RecordField::getFieldName).collect(Collectors.toSet());
        final List<RecordField> fields = new ArrayList<>();
        for (final RecordField field : input.getFields()) {
            if (!names.contains(field.getFieldName())) {
                fields.add(field);
            }
        }
        fields.addAll(outcomeFields);
        return new SimpleRecordSchema(fields);
    }

    /** Writes a record that succeeded. */
    public void write(final Relationship relationship, final Record record) throws IOException {
        write(relationship, record, null, null);
    }

    /** Writes a record; a non-null code marks it failed for the error attributes of its FlowFile. */
    public void write(final Relationship relationship, final Record record, final String errorCode, final String errorMessage) throws IOException {
        output(relationship).write(record, errorCode, errorMessage);
        records++;
    }

    /** Opens the FlowFile of a relationship even when no record goes there, e.g. an empty success. */
    public void open(final Relationship relationship) throws IOException {
        output(relationship);
    }

    /**
     * Finishes every FlowFile with the common attributes and returns them by relationship, in the order
     * first written, for the caller to add provenance and transfer.
     *
     * @param mixedErrorCode the error.code of a FlowFile whose failed records have different codes
     */
    public Map<Relationship, FlowFile> finish(final Map<String, String> common, final String mixedErrorCode) throws IOException {
        final Map<Relationship, FlowFile> finished = new LinkedHashMap<>();
        for (final Map.Entry<Relationship, Output> entry : outputs.entrySet()) {
            finished.put(entry.getKey(), entry.getValue().finish(common, mixedErrorCode));
        }
        return finished;
    }

    /**
     * After a failure to write or finish: closes and removes every FlowFile opened so far, so that the caller can route
     * the input whole instead.
     */
    public void discard() {
        outputs.values().forEach(Output::discard);
        outputs.clear();
    }

    private Output output(final Relationship relationship) throws IOException {
        Output output = outputs.get(relationship);
        if (output == null) {
            output = new Output();
            outputs.put(relationship, output);
        }
        return output;
    }

    /**
     * A record may hold a number the reader could only read as infinite (a 400-digit quantity): a writer whose
     * schema says DECIMAL cannot write it (NiFi converts through a double), and the FlowFile would be rolled back and
     * replayed forever. Such a value, number or numeric text, is written empty; the record's error says what was wrong.
     */
    static void withoutNonFiniteNumbers(final Record record) {
        for (final String field : record.getRawFieldNames()) {
            final Object value = record.getValue(field);
            if (value instanceof Record nested) {
                withoutNonFiniteNumbers(nested);
            } else if (value instanceof Object[] array) {
                for (int i = 0; i < array.length; i++) {
                    if (array[i] instanceof Record nested) {
                        withoutNonFiniteNumbers(nested);
                    } else if (nonFinite(array[i])) {
                        array[i] = null;
                    }
                }
            } else if (nonFinite(value)) {
                record.setValue(field, null);
            }
        }
    }

    private static boolean nonFinite(final Object value) {
        if (value instanceof Number number) {
            return !Double.isFinite(number.doubleValue());
        }
        // NiFi converts a numeric string to a DECIMAL field through a double
        if (value instanceof String text && !text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-' || text.charAt(0) == '+')
                && NUMERIC.matcher(text).matches()) {
            return !Double.isFinite(Double.parseDouble(text));
        }
        return false;
    }

    private static final Pattern NUMERIC = Pattern.compile("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?");

    /** One outgoing FlowFile and its open writer. */
    private final class Output {
        private FlowFile flowFile;
        private final OutputStream stream;
        private final RecordSetWriter writer;
        private final Map<String, Integer> errorCodes = new TreeMap<>();
        private String firstErrorMessage;
        private int failed;

        Output() throws IOException {
            flowFile = session.create(parent);
            stream = session.write(flowFile);
            try {
                writer = writerFactory.createWriter(logger, writerFactory.getSchema(parent.getAttributes(), schema), stream, parent);
                writer.beginRecordSet();
            } catch (final SchemaNotFoundException | IOException | RuntimeException e) {
                stream.close();
                session.remove(flowFile);
                throw e instanceof IOException io ? io : new IOException("Cannot create the record writer", e);
            }
        }

        void write(final Record record, final String errorCode, final String errorMessage) throws IOException {
            withoutNonFiniteNumbers(record);
            writer.write(record);
            if (errorCode != null) {
                errorCodes.merge(errorCode, 1, Integer::sum);
                failed++;
                if (firstErrorMessage == null) {
                    firstErrorMessage = errorMessage;
                }
            }
        }

        FlowFile finish(final Map<String, String> common, final String mixedErrorCode) throws IOException {
            final WriteResult result = writer.finishRecordSet();
            final String mimeType = writer.getMimeType();
            writer.close();
            stream.close();
            final Map<String, String> attributes = new HashMap<>(result.getAttributes());
            attributes.putAll(common);
            attributes.put("record.count", String.valueOf(result.getRecordCount()));
            attributes.put(CoreAttributes.MIME_TYPE.key(), mimeType);
            if (failed > 0) {
                attributes.putAll(ErrorAttributes.of(errorCodes.size() == 1 ? errorCodes.keySet().iterator().next() : mixedErrorCode,
                        summary()));
            }
            flowFile = session.putAllAttributes(flowFile, attributes);
            return flowFile;
        }

        void discard() {
            try (OutputStream closing = stream; RecordSetWriter closingWriter = writer) {
                // closed (again) before the FlowFile can be removed
            } catch (final IOException | RuntimeException e) {
                logger.debug("Closing a discarded output failed", e);
            }
            session.remove(flowFile);
        }

        /** The first message, prefixed by the count per code when more than one record failed. */
        private String summary() {
            final String first = firstErrorMessage == null ? "" : firstErrorMessage;
            if (failed == 1) {
                return first;
            }
            return failed + " of " + records + " records: " + errorCodes.entrySet().stream()
                    .map(code -> code.getKey() + " x" + code.getValue()).collect(Collectors.joining(", ")) + ". First: " + first;
        }
    }
}
