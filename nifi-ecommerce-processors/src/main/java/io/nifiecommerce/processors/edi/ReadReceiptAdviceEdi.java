package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.edi.ReceiptAdvice;
import io.nifiecommerce.edi.ReceiptAdviceReader;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"edi", "edifact", "recadv", "x12", "944", "3pl", "receipt", "replenishment", "quality control", "record"})
@CapabilityDescription("""
        Reads a 3PL's receipts of replenishments, EDIFACT RECADV or X12 944, into records: one per received line with our \
        purchase order number, the 3PL's receipt number and date, item number, GTIN, lot, the quantity received, the \
        quantity blocked (not accepted, damaged, on hold for quality control) and the quantity available (received minus \
        blocked): only the available quantity is to be received into BC, so blocked stock never counts as available. \
        Malformed files go to review with the segment and its position.""")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Received lines written (success)"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type (success)"),
        @WritesAttribute(attribute = "error.code", description = "EDI_SYNTAX, NO_RECEIPT or PROCESSING_FAILED (review)"),
        @WritesAttribute(attribute = "error.message", description = "Why (review)"),
        @WritesAttribute(attribute = "error.segment", description = "The segment at fault (review)"),
        @WritesAttribute(attribute = "error.position", description = "Its position in the interchange (review)")
})
// Local work only (reading or writing an interchange): NiFi's usual 1 s yield; a file sent to review is
// penalized 30 s so that a flow looping it back does not spin on it.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class ReadReceiptAdviceEdi extends AbstractEdiProcessor {

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField("messageType", RecordFieldType.STRING.getDataType(), false),
            new RecordField("receiptId", RecordFieldType.STRING.getDataType(), true),
            new RecordField("purchaseOrderNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("receiptDate", RecordFieldType.STRING.getDataType(), true),
            new RecordField("lineNumber", RecordFieldType.INT.getDataType(), true),
            new RecordField("itemNumber", RecordFieldType.STRING.getDataType(), true),
            new RecordField("gtin", RecordFieldType.STRING.getDataType(), true),
            new RecordField("lot", RecordFieldType.STRING.getDataType(), true),
            new RecordField("quantityReceived", RecordFieldType.STRING.getDataType(), false),
            new RecordField("quantityBlocked", RecordFieldType.STRING.getDataType(), false),
            new RecordField("quantityAvailable", RecordFieldType.STRING.getDataType(), false)));

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the received-line records.");

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").description("The received lines, one record each").build();
    static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original").description("The input, once read").build();
    static final Relationship REL_REVIEW = new Relationship.Builder().name("review")
            .description("Inputs that cannot be read, untouched, with error.code, error.message, error.segment and error.position").build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_WRITER, EnvelopeStrictnessOption.PROPERTY);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_REVIEW);

    public ReadReceiptAdviceEdi() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final List<ReceiptAdvice> receipts = parseOrReview(session, input, REL_REVIEW, in -> ReceiptAdviceReader.read(in,
                context.getProperty(EnvelopeStrictnessOption.PROPERTY).asAllowableValue(EnvelopeStrictnessOption.class).strictness()),
                "NO_RECEIPT", "The input holds no RECADV or 944 message");
        if (receipts == null) {
            return;
        }
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        FlowFile output = session.create(input);
        final Map<String, String> attributes = new HashMap<>();
        try (OutputStream out = session.write(output);
             RecordSetWriter writer = writerFactory.createWriter(getLogger(), writerFactory.getSchema(input.getAttributes(), SCHEMA), out, input)) {
            writer.beginRecordSet();
            for (final ReceiptAdvice receipt : receipts) {
                for (final ReceiptAdvice.Line line : receipt.lines()) {
                    final Map<String, Object> values = new HashMap<>();
                    values.put("messageType", receipt.messageType());
                    values.put("receiptId", receipt.receiptId());
                    values.put("purchaseOrderNumber", receipt.purchaseOrderNumber());
                    values.put("receiptDate", receipt.receiptDate() == null ? null : receipt.receiptDate().toString());
                    values.put("lineNumber", line.lineNumber());
                    values.put("itemNumber", line.itemNumber());
                    values.put("gtin", line.gtin());
                    values.put("lot", line.lot());
                    values.put("quantityReceived", line.received().toPlainString());
                    values.put("quantityBlocked", line.blocked().toPlainString());
                    values.put("quantityAvailable", line.available().toPlainString());
                    writer.write(new MapRecord(SCHEMA, values));
                }
            }
            attributes.put("record.count", String.valueOf(writer.finishRecordSet().getRecordCount()));
            attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
        } catch (final Exception e) {
            session.remove(output);
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "PROCESSING_FAILED", "Cannot write the records: " + e.getMessage(), null);
            return;
        }
        output = session.putAllAttributes(output, attributes);
        session.transfer(output, REL_SUCCESS);
        session.transfer(input, REL_ORIGINAL);
    }

    /**
     * Former property names of this processor, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
