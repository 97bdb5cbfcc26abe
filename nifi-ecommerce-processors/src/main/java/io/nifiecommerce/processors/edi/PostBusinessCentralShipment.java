package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.edi.PostingAction;
import io.nifiecommerce.edi.ShipmentConfirmation;
import io.nifiecommerce.edi.ThreePlPosting;
import io.nifiecommerce.edi.ShipmentPostingException;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "The shipment confirmations posted (key shipment.<order number>:<3PL shipment id>, value "
        + "the epoch millis of posting), so that each is posted once; entries older than Posted Shipment Memory are dropped.")
@Tags({"business central", "shipment", "desadv", "945", "3pl", "edi", "post"})
@CapabilityDescription("""
        Posts the shipments a 3PL confirmed (the shipped-line records of ReadShipmentConfirmationEdi) in Business Central, \
        once per confirmation: reads the sales order with its lines, sets each open line's Qty. to Ship (salesOrderLines \
        shipQuantity, with If-Match) to the confirmed quantity, 0 for lines not shipped (partial shipments post what left), \
        then posts with the Posting Action. A confirmation that does not fit the order (unknown line, more than is left to \
        ship, order not open) writes nothing and goes to review. Output FlowFiles hold the confirmation's lines as JSON.""")
@WritesAttributes({
        @WritesAttribute(attribute = "bc.order.number", description = "The sales order"),
        @WritesAttribute(attribute = "bc.shipment.quantity", description = "Units posted (success)"),
        @WritesAttribute(attribute = "bc.shipment.already.posted", description = "true when BC already held this confirmation's shipment "
                + "(an earlier attempt posted it and its answer was lost): nothing posted again (success)"),
        @WritesAttribute(attribute = "bc.shipment.number", description = "The posted shipment found, when already posted (success)"),
        @WritesAttribute(attribute = "error.code", description = "ORDER_NOT_FOUND, UNMATCHED_LINE, OVER_SHIPMENT, MISMATCHED_ORDER, NOTHING_SHIPPED, POSTED_QUANTITY_MISMATCH, "
                + "POSTING_OUTCOME_UNKNOWN (Ship and Invoice got no clear answer and BC shows no new shipment: check BC before resending), "
                + "INVALID_RECORD, READ_FAILED or BC's error code (review, retry)"),
        @WritesAttribute(attribute = "error.message", description = "Why (review, retry)")
})
// Talks to Business Central, whose rate window and 429s want a patient retry: 10 s yield, 30 s penalty.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class PostBusinessCentralShipment extends AbstractEdiProcessor {

    enum ActionOption implements Option {
        SHIP_EXTENSION(PostingAction.SHIP_EXTENSION, "Ship (bc-extension)",
                "The custom API page shippableSalesOrders of bc-extension/: posts the shipment without invoicing, with the tracking number"),
        SHIP_AND_INVOICE(PostingAction.SHIP_AND_INVOICE, "Ship and Invoice (API v2.0)",
                "Microsoft's salesOrders shipAndInvoice: posts the shipment and invoices it");

        private final PostingAction action;
        private final Label label;

        ActionOption(final PostingAction action, final String displayName, final String description) {
            this.action = action;
            this.label = new Label(displayName, description);
        }

        PostingAction action() {
            return action;
        }

        @Override
        public Label label() {
            return label;
        }
    }

    static final String STATE_PREFIX = "shipment.";
    static final String ALREADY_POSTED = "bc.shipment.already.posted";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final PropertyDescriptor CONNECTION = EdiDescriptors.businessCentral("The BC company the orders are in.");

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader(
            "Reads the shipped-line records (a JsonTreeReader for ReadShipmentConfirmationEdi's JSON and for retry).");

    static final PropertyDescriptor POSTING_ACTION = new PropertyDescriptor.Builder()
            .name("Posting Action")
            .description("How the shipment is posted once the lines' Qty. to Ship are set. API v2.0 alone can only ship and invoice together.")
            .required(true)
            .allowableValues(ActionOption.class)
            .defaultValue(ActionOption.SHIP_EXTENSION)
            .build();

    static final PropertyDescriptor POSTED_MEMORY = EdiDescriptors.memory(
            "Posted Shipment Memory", "How long a posted confirmation is remembered to refuse its replays.", "365 days");

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("A confirmation posted in BC (its lines as JSON)").build();
    static final Relationship REL_DUPLICATE = new Relationship.Builder().name("duplicate")
            .description("A confirmation already posted: nothing written").build();
    static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("BC could not be reached or was busy: the confirmation's lines as JSON, penalized; loop back here").build();
    static final Relationship REL_REVIEW = new Relationship.Builder().name("review")
            .description("A confirmation that does not fit its order, or refused by BC: nothing posted, a person decides").build();
    static final Relationship REL_ORIGINAL = new Relationship.Builder().name("original").description("The input, once handled").build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(CONNECTION, RECORD_READER, POSTING_ACTION, POSTED_MEMORY);
    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_DUPLICATE, REL_RETRY, REL_REVIEW, REL_ORIGINAL);

    public PostBusinessCentralShipment() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile input) {
        final List<ShipmentConfirmation> confirmations;
        try (InputStream in = session.read(input);
             RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class)
                     .createRecordReader(input, in, getLogger())) {
            final List<Map<String, Object>> lines = new ArrayList<>();
            Record record;
            while ((record = reader.nextRecord()) != null) {
                lines.add(RecordMaps.toMap(record));
            }
            confirmations = ShipmentConfirmations.fromLines(lines);
        } catch (final Exception e) {
            EdiReview.review(session, getLogger(), input, REL_REVIEW, "INVALID_RECORD", "Cannot read the shipped lines: " + e.getMessage(), null);
            return;
        }
        final Map<String, String> state;
        try {
            state = loadMemory(session, STATE_PREFIX, context.getProperty(POSTED_MEMORY).asTimePeriod(TimeUnit.MILLISECONDS));
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; will retry {}", input, e);
            session.rollback();
            context.yield();
            return;
        }
        final BusinessCentralConnectionService bc = context.getProperty(CONNECTION).asControllerService(BusinessCentralConnectionService.class);
        final ThreePlPosting poster;
        try {
            poster = new ThreePlPosting(bc.client(), bc.companyId(),
                    context.getProperty(POSTING_ACTION).asAllowableValue(ActionOption.class).action);
        } catch (final ApiException e) {
            getLogger().warn("Business Central unavailable; will retry {}: {}", input, e.getMessage());
            session.rollback();
            context.yield();
            return;
        }
        for (final ShipmentConfirmation confirmation : confirmations) {
            final String key = STATE_PREFIX + ShipmentConfirmations.key(confirmation);
            if (state.containsKey(key)) {
                emit(session, input, confirmation, REL_DUPLICATE, Map.of());
                continue;
            }
            try {
                final ThreePlPosting.Posted posted = ImmediateRetry.post(() -> poster.post(confirmation, Map.of()), getLogger(), key);
                state.put(key, String.valueOf(clock().millis()));
                final Map<String, String> attributes = new HashMap<>();
                attributes.put("bc.shipment.quantity", posted.quantity().stripTrailingZeros().toPlainString());
                if (posted.alreadyPosted()) {
                    attributes.put(ALREADY_POSTED, "true");
                    attributes.put("bc.shipment.number", posted.documentNumber());
                }
                emit(session, input, confirmation, REL_SUCCESS, attributes);
                session.getProvenanceReporter().send(input, bc.endpoint().apiRoot(), (posted.alreadyPosted() ? "Found already posted shipment "
                        : "Posted shipment ") + ShipmentConfirmations.key(confirmation));
            } catch (final ShipmentPostingException e) {
                getLogger().warn("Shipment {} not posted: {} {}", key, e.code(), e.getMessage());
                emit(session, input, confirmation, REL_REVIEW, Map.of("error.code", e.code(), "error.message", e.getMessage()));
            } catch (final ApiException e) {
                getLogger().warn("Shipment {} not posted: {} {}", key, e.code(), e.getMessage());
                emit(session, input, confirmation, e.isTransient() ? REL_RETRY : REL_REVIEW,
                        Map.of("error.code", String.valueOf(e.code()), "error.message", String.valueOf(e.getMessage())));
            }
        }
        try {
            session.setState(state, Scope.CLUSTER);
        } catch (final IOException e) {
            // the postings are done in BC: keep their outputs and let the next run re-check through the memory of the state
            getLogger().error("Posted shipments could not be remembered in cluster state for {}", input, e);
        }
        session.transfer(input, REL_ORIGINAL);
    }

    private void emit(final ProcessSession session, final FlowFile input, final ShipmentConfirmation confirmation,
                      final Relationship relationship, final Map<String, String> extra) {
        FlowFile out = session.create(input);
        out = session.write(out, stream -> MAPPER.writeValue(stream, ShipmentConfirmations.toLines(confirmation)));
        final Map<String, String> attributes = new HashMap<>(extra);
        attributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
        if (confirmation.orderNumber() != null) {
            attributes.put("bc.order.number", confirmation.orderNumber());
        }
        out = session.putAllAttributes(out, attributes);
        if (relationship == REL_RETRY) {
            out = session.penalize(out);
        }
        session.transfer(out, relationship);
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
