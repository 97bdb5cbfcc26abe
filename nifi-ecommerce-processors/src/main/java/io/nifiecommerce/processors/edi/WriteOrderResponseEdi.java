package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.edi.EdiPartner;
import io.nifiecommerce.edi.EdiSyntax;
import io.nifiecommerce.edi.EdiWriteException;
import io.nifiecommerce.edi.OrderResponse;
import io.nifiecommerce.edi.OrderResponseWriter;
import io.nifiecommerce.edi.WrittenInterchange;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.order.OrderRecords;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@SupportsBatching
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"edi", "edifact", "eancom", "ordrsp", "order response", "retail", "gln"})
@CapabilityDescription("""
        Answers retail buyers' EANCOM orders with an ORDRSP D.96A (EAN005): reads canonical order records that came from \
        ReadRetailOrderEdi (company.id is the buyer's GLN, company.locationId the delivery GLN, lines keep the buyer's line \
        numbers and GTINs) and writes one interchange per order: every line accepted or every line refused as Response says \
        (typically ACCEPTED after PutBusinessCentralOrder's success, REFUSED after its failure), or, with PER_LINE, each line \
        accepted, changed (the quantity we will deliver) or refused as its confirmed quantity says. The interchange goes to the \
        buyer whose GLN the order names; written with StAEDI, control numbers derived from the order and the answer.""")
@WritesAttributes({
        @WritesAttribute(attribute = "filename", description = "ORDRSP_<order number>_<control reference>.edi (success)"),
        @WritesAttribute(attribute = "mime.type", description = "application/EDIFACT (success)"),
        @WritesAttribute(attribute = "edi.control.reference", description = "UNB 0020 of the ORDRSP (success)"),
        @WritesAttribute(attribute = "eancom.order.number", description = "The buyer's order answered (success, failure)"),
        @WritesAttribute(attribute = "eancom.response", description = "29 accepted, 27 refused, 4 changed (success)"),
        @WritesAttribute(attribute = "error.code", description = "INVALID_RESPONSE, READ_FAILED, NOT_EANCOM, INVALID_CONFIRMATION (PER_LINE: "
                + "a negative quantity, an unknown line) or EDI_WRITE (failure)"),
        @WritesAttribute(attribute = "error.message", description = "Why (failure)")
})
// Local work only (reading or writing an interchange): NiFi's usual 1 s yield; a file sent to review is
// penalized 30 s so that a flow looping it back does not spin on it.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class WriteOrderResponseEdi extends AbstractEdiProcessor {

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads the canonical order records.");

    static final PropertyDescriptor RESPONSE = new PropertyDescriptor.Builder()
            .name("Response")
            .description("ACCEPTED (every line, as ordered), REFUSED (every line), or PER_LINE: each line as its Confirmed Quantity "
                    + "Field says (absent or the ordered quantity: accepted; 0: refused; another quantity: changed, QTY+113). May use "
                    + "FlowFile attributes, e.g. ${error.code:isEmpty():ifElse('ACCEPTED','REFUSED')}.")
            .required(true)
            .defaultValue("ACCEPTED")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    static final PropertyDescriptor SENDER_GLN = new PropertyDescriptor.Builder()
            .name("Supplier GLN")
            .description("Our GLN: the interchange sender and NAD+SU.")
            .required(true)
            .addValidator(StandardValidators.createRegexMatchingValidator(Pattern.compile("\\d{13}")))
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    static final PropertyDescriptor CONFIRMED_QUANTITY_FIELD = new PropertyDescriptor.Builder()
            .name("Confirmed Quantity Field")
            .description("With Response PER_LINE: the field of each order line (lines[]) holding the quantity we will deliver, set "
                    + "upstream (e.g. by an availability check).")
            .required(true)
            .defaultValue("confirmedQuantity")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success").description("One ORDRSP interchange per order").build();
    static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original").description("The input, once answered").build();
    static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("An input that cannot be read or answered, with error.code and error.message").build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, RESPONSE, CONFIRMED_QUANTITY_FIELD, SENDER_GLN,
            EdiPartnerProperties.TEST_INDICATOR);
    private static final String PER_LINE = "PER_LINE";
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_FAILURE);

    public WriteOrderResponseEdi() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final String answer = context.getProperty(RESPONSE).evaluateAttributeExpressions(input).getValue().trim().toUpperCase(Locale.ROOT);
        final OrderResponse.Status status;
        try {
            status = answer.equals(PER_LINE) ? null : OrderResponse.Status.valueOf(answer);
        } catch (final IllegalArgumentException e) {
            fail(session, input, "INVALID_RESPONSE", "Response must be ACCEPTED, REFUSED or PER_LINE, not " + answer);
            return;
        }
        final String confirmedField = context.getProperty(CONFIRMED_QUANTITY_FIELD).getValue();
        final List<Order> orders = new ArrayList<>();
        final List<Map<String, BigDecimal>> confirmations = new ArrayList<>();
        try (InputStream in = session.read(input);
             RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class)
                     .createRecordReader(input, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                orders.add(OrderRecords.fromRecord(record));
                confirmations.add(status == null ? confirmedQuantities(record, confirmedField) : Map.of());
            }
        } catch (final Exception e) {
            fail(session, input, "READ_FAILED", "Cannot read the order records: " + e.getMessage());
            return;
        }
        final String sender = context.getProperty(SENDER_GLN).evaluateAttributeExpressions().getValue();
        final boolean test = context.getProperty(EdiPartnerProperties.TEST_INDICATOR).asBoolean();
        final List<FlowFile> written = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            final Order order = orders.get(i);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final WrittenInterchange result;
            final OrderResponse response;
            try {
                response = status == null ? OrderResponse.of(order, confirmations.get(i)) : OrderResponse.of(order, status);
                final EdiPartner buyer = new EdiPartner(EdiSyntax.EDIFACT, sender, "14", response.buyerGln(), "14", test);
                result = new OrderResponseWriter(buyer).write(response, LocalDateTime.now(clock()), bytes);
            } catch (final IllegalArgumentException | EdiWriteException e) {
                written.forEach(session::remove);
                fail(session, input, e instanceof EdiWriteException ? "EDI_WRITE"
                        : e instanceof OrderResponse.InvalidConfirmation ? "INVALID_CONFIRMATION" : "NOT_EANCOM", e.getMessage());
                return;
            }
            FlowFile ordrsp = session.create(input);
            ordrsp = session.write(ordrsp, out -> out.write(bytes.toByteArray()));
            ordrsp = session.putAllAttributes(ordrsp, Map.of(
                    CoreAttributes.FILENAME.key(), "ORDRSP_" + order.name() + "_" + result.controlReference() + ".edi",
                    CoreAttributes.MIME_TYPE.key(), "application/EDIFACT",
                    "edi.control.reference", result.controlReference(),
                    "eancom.order.number", order.name(),
                    "eancom.response", response.responseCode()));
            written.add(ordrsp);
        }
        for (final FlowFile ordrsp : written) {
            session.getProvenanceReporter().create(ordrsp, "ORDRSP " + ordrsp.getAttribute("eancom.response"));
            session.transfer(ordrsp, REL_SUCCESS);
        }
        session.transfer(input, REL_ORIGINAL);
    }

    /** The confirmed quantity of each line that has one, by lineId. */
    private static Map<String, BigDecimal> confirmedQuantities(final Record order, final String field) {
        final Map<String, BigDecimal> confirmed = new HashMap<>();
        if (order.getValue("lines") instanceof Object[] lines) {
            for (final Object value : lines) {
                if (value instanceof Record line && line.getValue(field) != null) {
                    try {
                        confirmed.put(String.valueOf(line.getValue("lineId")), new BigDecimal(line.getValue(field).toString()));
                    } catch (final NumberFormatException e) {
                        throw new IllegalArgumentException("line " + line.getValue("lineId") + ": " + field + " '" + line.getValue(field)
                                + "' is not a number", e);
                    }
                }
            }
        }
        return confirmed;
    }

    private void fail(final ProcessSession session, final FlowFile input, final String code, final String message) {
        getLogger().warn("{} not answered: {} {}", input, code, message);
        session.transfer(session.putAllAttributes(input, Map.of("error.code", code, "error.message", String.valueOf(message))), REL_FAILURE);
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
