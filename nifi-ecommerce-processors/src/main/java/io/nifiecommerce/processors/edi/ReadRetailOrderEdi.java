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
import io.nifiecommerce.edi.PartyDirectory;
import io.nifiecommerce.edi.RetailOrder;
import io.nifiecommerce.edi.RetailOrderException;
import io.nifiecommerce.edi.RetailOrderMapper;
import io.nifiecommerce.edi.RetailOrderReader;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.order.OrderRecordSchema;
import io.nifiecommerce.processors.order.OrderRecords;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "The orders received (key order.<buyer GLN>:<order number>, value the epoch millis of "
        + "receipt), so that a duplicate of the same order is refused; entries older than Received Order Memory are dropped.")
@Tags({"edi", "edifact", "eancom", "orders", "gln", "gtin", "retail", "b2b", "business central", "canonical order"})
@CapabilityDescription("""
        Reads retail buyers' EANCOM ORDERS (D.96A, D.01B...) into canonical order records that PutBusinessCentralOrder \
        creates in Business Central: the buyer's GLN (NAD+BY) is mapped to a BC customer and the delivery GLN (NAD+DP) to \
        a ship-to through the GLN Table; lines keep their GTIN (set PutBusinessCentralOrder's Item Reference to GTIN). One \
        FlowFile per order. An order already received (same buyer, same order number) goes to duplicate; an order that \
        cannot be mapped (unknown GLN, no price, a replacement or cancellation) and a malformed file go to review.""")
@WritesAttributes({
        @WritesAttribute(attribute = "ecommerce.order.segment", description = "B2B (success)"),
        @WritesAttribute(attribute = "record.count", description = "1 (success)"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type (success)"),
        @WritesAttribute(attribute = "eancom.order.number", description = "The buyer's order number, BGM 1004 (success, duplicate, review)"),
        @WritesAttribute(attribute = "eancom.buyer.gln", description = "NAD+BY (success, duplicate, review)"),
        @WritesAttribute(attribute = "eancom.delivery.gln", description = "NAD+DP, or the buyer's GLN (success)"),
        @WritesAttribute(attribute = "edi.control.reference", description = "The CONTRL's control reference (acknowledgment)"),
        @WritesAttribute(attribute = "error.code", description = "EDI_SYNTAX, NO_ORDER, UNKNOWN_BUYER, UNKNOWN_DELIVERY_POINT, NO_BUYER_GLN, "
                + "NO_PRICE, FRACTIONAL_QUANTITY, FUNCTION, NO_LINES or PROCESSING_FAILED (review)"),
        @WritesAttribute(attribute = "error.message", description = "Why (review)"),
        @WritesAttribute(attribute = "error.segment", description = "The segment at fault (review, EDI_SYNTAX)"),
        @WritesAttribute(attribute = "error.position", description = "Its position in the interchange (review, EDI_SYNTAX)")
})
@UseCase(description = "Create supermarket buyers' EANCOM orders in Business Central, once each, and answer them with ORDRSP.",
        configuration = """
                Fetch the buyers' files (ListSFTP + FetchSFTP, or an AS2 receiver) and connect them here. Fill the GLN Table with \
                one line per buyer and delivery point. Set Record Writer to a JsonRecordSetWriter.
                Connect success to PutBusinessCentralOrder (Item Reference: GTIN); its success and failure to WriteOrderResponseEdi \
                (Response: ACCEPTED and REFUSED); acknowledgment to the buyer's channel; review and duplicate to a place someone watches.
                """)
// Local work only (reading or writing an interchange): NiFi's usual 1 s yield; a file sent to review is
// penalized 30 s so that a flow looping it back does not spin on it.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class ReadRetailOrderEdi extends AbstractEdiProcessor {

    static final String STATE_PREFIX = "order.";

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the canonical order records.");

    static final PropertyDescriptor GLN_TABLE = new PropertyDescriptor.Builder()
            .name("GLN Table")
            .description("""
                    CSV with a header line: gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode. \
                    A buyer GLN needs its BC customer number; a delivery point needs its name and address (the ship-to of the \
                    BC order) and may give its BC ship-to code. Quote values holding a comma. Business Central's API v2.0 has no \
                    GLN on customers, hence the table; keep it in the client's parameter context.""")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor DEFAULT_CURRENCY = new PropertyDescriptor.Builder()
            .name("Default Currency")
            .description("ISO 4217 currency of orders without CUX.")
            .required(true)
            .defaultValue("EUR")
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Z]{3}")))
            .build();

    static final PropertyDescriptor RECEIVED_ORDER_MEMORY = EdiDescriptors.memory(
            "Received Order Memory", "How long a received order is remembered to refuse its duplicates.", "365 days");

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One canonical order record per FlowFile")
            .build();

    static final Relationship REL_DUPLICATE = new Relationship.Builder()
            .name("duplicate")
            .description("An order already received (same buyer GLN and order number): refused, the input with the order's attributes")
            .build();

    static final Relationship REL_ACKNOWLEDGMENT = new Relationship.Builder()
            .name("acknowledgment")
            .description("A CONTRL accepting a well-formed interchange, when Acknowledgment asks for it")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The input, once read")
            .build();

    static final Relationship REL_REVIEW = new Relationship.Builder()
            .name("review")
            .description("A malformed input, or an order that cannot be mapped (per order), untouched, with error.code and error.message")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_WRITER, GLN_TABLE, DEFAULT_CURRENCY,
            EnvelopeStrictnessOption.PROPERTY, AcknowledgmentOption.PROPERTY, EdiPartnerProperties.TEST_INDICATOR, RECEIVED_ORDER_MEMORY);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_DUPLICATE, REL_ACKNOWLEDGMENT, REL_ORIGINAL, REL_REVIEW);

    public ReadRetailOrderEdi() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final String table = context.getProperty(GLN_TABLE).getValue();
        if (table != null) {
            try {
                PartyDirectory.parse(table);
            } catch (final IllegalArgumentException e) {
                results.add(new ValidationResult.Builder().subject(GLN_TABLE.getName()).valid(false).explanation(e.getMessage()).build());
            }
        }
        return results;
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final List<EdiInterchange> interchanges;
        final List<RetailOrder> orders = new ArrayList<>();
        try {
            final byte[] content;
            try (InputStream in = session.read(input)) {
                content = in.readAllBytes();
            }
            final EdiInterchangeReader.Strictness strictness = context.getProperty(EnvelopeStrictnessOption.PROPERTY)
                    .asAllowableValue(EnvelopeStrictnessOption.class).strictness();
            interchanges = EdiInterchangeReader.read(new ByteArrayInputStream(content), strictness);
            orders.addAll(RetailOrderReader.read(new ByteArrayInputStream(content), strictness));
        } catch (final EdiSyntaxException e) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "EDI_SYNTAX", e.getMessage(), e);
            return;
        } catch (final Exception e) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "PROCESSING_FAILED", String.valueOf(e.getMessage()), null);
            return;
        }
        if (orders.isEmpty()) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "NO_ORDER", "The input holds no ORDERS message", null);
            return;
        }
        final Map<String, String> state;
        try {
            state = loadMemory(session, STATE_PREFIX, context.getProperty(RECEIVED_ORDER_MEMORY).asTimePeriod(TimeUnit.MILLISECONDS));
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; will retry {}", input, e);
            session.rollback();
            context.yield();
            return;
        }
        final long now = clock().millis();

        final RetailOrderMapper mapper = new RetailOrderMapper(PartyDirectory.parse(context.getProperty(GLN_TABLE).getValue()),
                context.getProperty(DEFAULT_CURRENCY).getValue());
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        for (final RetailOrder retailOrder : orders) {
            final Map<String, String> orderAttributes = new HashMap<>();
            orderAttributes.put("eancom.order.number", retailOrder.orderNumber());
            if (retailOrder.buyerGln() != null) {
                orderAttributes.put("eancom.buyer.gln", retailOrder.buyerGln());
            }
            final String key = STATE_PREFIX + retailOrder.key();
            if (state.containsKey(key)) {
                getLogger().info("Order {} of buyer {} already received: refused as a duplicate", retailOrder.orderNumber(), retailOrder.buyerGln());
                session.transfer(session.putAllAttributes(session.clone(input), orderAttributes), REL_DUPLICATE);
                continue;
            }
            final Order order;
            try {
                order = mapper.map(retailOrder);
            } catch (final RetailOrderException e) {
                final FlowFile review = session.putAllAttributes(session.clone(input), orderAttributes);
                EdiReview.review(session, getLogger(), review, REL_REVIEW, e.code(), e.getMessage(), null);
                continue;
            }
            FlowFile output = session.create(input);
            try {
                final RecordSchema schema = writerFactory.getSchema(input.getAttributes(), OrderRecordSchema.ORDER);
                try (OutputStream out = session.write(output);
                     RecordSetWriter writer = writerFactory.createWriter(getLogger(), schema, out, input)) {
                    writer.beginRecordSet();
                    writer.write(OrderRecords.toRecord(order));
                    writer.finishRecordSet();
                    orderAttributes.put(CoreAttributes.MIME_TYPE.key(), writer.getMimeType());
                }
            } catch (final Exception e) {
                session.remove(output);
                EdiReview.review(session, getLogger(), session.putAllAttributes(session.clone(input), orderAttributes), REL_REVIEW,
                        "PROCESSING_FAILED", "Cannot write the order record: " + e.getMessage(), null);
                continue;
            }
            orderAttributes.put("ecommerce.order.segment", order.segment().name());
            orderAttributes.put("record.count", "1");
            orderAttributes.put("eancom.delivery.gln", order.company().locationId());
            output = session.putAllAttributes(output, orderAttributes);
            session.getProvenanceReporter().modifyContent(output, "EANCOM order " + retailOrder.orderNumber() + " of buyer " + retailOrder.buyerGln());
            session.transfer(output, REL_SUCCESS);
            state.put(key, String.valueOf(now));
        }
        try {
            session.setState(state, Scope.CLUSTER);
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; will retry {}", input, e);
            session.rollback();
            context.yield();
            return;
        }
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
