package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.edi.AcknowledgmentWriter;
import io.nifiecommerce.edi.EdiInterchange;
import io.nifiecommerce.edi.EdiInterchangeReader;
import io.nifiecommerce.edi.EdiSyntaxException;
import io.nifiecommerce.edi.ShipmentConfirmation;
import io.nifiecommerce.edi.ShipmentConfirmationReader;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"edi", "edifact", "desadv", "x12", "945", "3pl", "shipment", "despatch advice", "contrl", "997", "record"})
@CapabilityDescription("""
        Reads a 3PL's shipment confirmations, EDIFACT DESADV or X12 945, into records: one per shipped line, with the order \
        number, the 3PL's shipment id, ship date, carrier, tracking numbers, item number, GTIN, shipped and ordered \
        quantities, lot and SSCC. Envelopes are validated with StAEDI (counts and control references). A malformed file goes \
        to review untouched, with the segment at fault and its position. Writes a CONTRL or 997 accepting each well-formed \
        interchange when the partner asks for it.""")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Shipped lines written (success)"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type (success); application/EDIFACT or application/EDI-X12 (acknowledgment)"),
        @WritesAttribute(attribute = "edi.confirmation.count", description = "DESADV / 945 messages read (success)"),
        @WritesAttribute(attribute = "edi.control.reference", description = "The acknowledgment's own control reference (acknowledgment)"),
        @WritesAttribute(attribute = "edi.acknowledged.reference", description = "The control reference acknowledged (acknowledgment)"),
        @WritesAttribute(attribute = "error.code", description = "EDI_SYNTAX, NO_CONFIRMATION or PROCESSING_FAILED (review)"),
        @WritesAttribute(attribute = "error.message", description = "Why, in words (review)"),
        @WritesAttribute(attribute = "error.segment", description = "The segment tag at fault (review)"),
        @WritesAttribute(attribute = "error.position", description = "Its position in the interchange (review)")
})
@UseCase(description = "Turn the DESADV or 945 files a 3PL drops on SFTP into shipped-line records for posting in BC and for tracking.",
        configuration = """
                Fetch the files (ListSFTP + FetchSFTP) and connect them here. Set Record Writer to a JsonRecordSetWriter.
                Connect success to PostBusinessCentralShipment (or to the flow that posts shipments), acknowledgment to PutSFTP \
                (the 3PL's inbound folder), and review to a place someone watches: error.segment and error.position locate the fault.
                """)
// Local work only (reading or writing an interchange): NiFi's usual 1 s yield; a file sent to review is
// penalized 30 s so that a flow looping it back does not spin on it.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class ReadShipmentConfirmationEdi extends AbstractEdiProcessor {

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the shipped-line records.");

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The shipped lines, one record each")
            .build();

    static final Relationship REL_ACKNOWLEDGMENT = new Relationship.Builder()
            .name("acknowledgment")
            .description("A CONTRL or 997 per interchange acknowledged, to send back to the partner")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The input, once read")
            .build();

    static final Relationship REL_REVIEW = new Relationship.Builder()
            .name("review")
            .description("Inputs that cannot be read (malformed EDI, no DESADV or 945), untouched, with error.code, error.message, "
                    + "error.segment and error.position")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_WRITER, EnvelopeStrictnessOption.PROPERTY,
            AcknowledgmentOption.PROPERTY, EdiPartnerProperties.TEST_INDICATOR);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ACKNOWLEDGMENT, REL_ORIGINAL, REL_REVIEW);

    public ReadShipmentConfirmationEdi() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final List<EdiInterchange> interchanges = parseOrReview(session, input, REL_REVIEW, in -> EdiInterchangeReader.read(in,
                context.getProperty(EnvelopeStrictnessOption.PROPERTY).asAllowableValue(EnvelopeStrictnessOption.class).strictness()),
                null, null);
        if (interchanges == null) {
            return;
        }
        final List<ShipmentConfirmation> confirmations = new ArrayList<>();
        try {
            for (final EdiInterchange interchange : interchanges) {
                confirmations.addAll(ShipmentConfirmationReader.read(interchange));
            }
        } catch (final EdiSyntaxException e) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "EDI_SYNTAX", e.getMessage(), e);
            return;
        }
        if (confirmations.isEmpty()) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "NO_CONFIRMATION", "The input holds no DESADV or 945 message", null);
            return;
        }

        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        FlowFile output = session.create(input);
        final Map<String, String> attributes = new HashMap<>();
        try {
            final RecordSchema schema = writerFactory.getSchema(input.getAttributes(), ShipmentConfirmationRecords.SCHEMA);
            try (OutputStream out = session.write(output);
                 RecordSetWriter writer = writerFactory.createWriter(getLogger(), schema, out, input)) {
                writer.beginRecordSet();
                for (final ShipmentConfirmation confirmation : confirmations) {
                    for (final ShipmentConfirmation.Line line : confirmation.lines()) {
                        writer.write(ShipmentConfirmationRecords.toRecord(confirmation, line, schema));
                    }
                }
                final WriteResult result = writer.finishRecordSet();
                attributes.putAll(result.getAttributes());
                attributes.put("record.count", String.valueOf(result.getRecordCount()));
                attributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
            }
        } catch (final Exception e) {
            session.remove(output);
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "PROCESSING_FAILED", "Cannot write the records: " + e.getMessage(), null);
            return;
        }
        attributes.put("edi.confirmation.count", String.valueOf(confirmations.size()));
        output = session.putAllAttributes(output, attributes);
        session.getProvenanceReporter().modifyContent(output, "Read " + confirmations.size() + " shipment confirmations");
        session.transfer(output, REL_SUCCESS);

        acknowledgeAsAsked(context, session, input, interchanges, REL_ACKNOWLEDGMENT, REL_REVIEW);
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
