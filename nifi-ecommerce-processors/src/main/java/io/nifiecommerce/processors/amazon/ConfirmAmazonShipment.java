package io.nifiecommerce.processors.amazon;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.amazon.AmazonCarrierCodes;
import io.nifiecommerce.amazon.AmazonShipments;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.CodePairs;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.FlowFileRecords;
import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@DefaultSettings(yieldDuration = "30 sec", penaltyDuration = "1 min", bulletinLevel = LogLevel.WARN)
@Tags({"amazon", "selling partner api", "sp-api", "marketplace", "shipment", "tracking", "carrier", "records"})
@CapabilityDescription("Confirms the seller's shipments of Amazon orders (merchant fulfilled) with the Orders API v0 confirmShipment, so that "
        + "Amazon neither cancels them nor counts them late: one package per parcel, with Amazon's carrier code (or Other and the carrier's "
        + "name), the tracking number and the ship date. Reads tracking records as ParseCarrierTracking writes them (orderReference = the "
        + "Amazon order id, trackingNumber, carrier, shopifyCarrierName, eventTime). Exactly once: the order is read first (getOrder) and an "
        + "order already Shipped is left alone; each parcel's package id is derived from its tracking number, so a repeat names the same "
        + "package. Without lines a parcel ships every unit not shipped yet; with lines (Lines Field), those units only. Records whose "
        + "order reference is not an Amazon order id (3-7-7 digits) go to 'other' unchanged, for the other marketplaces.")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the FlowFile"),
        @WritesAttribute(attribute = "error.code", description = "On failure or retry: why the shipment was not confirmed (ORDER_NOT_FOUND, "
                + "ORDER_CANCELLED, INVALID_INPUT, INVALID_LINES, UNKNOWN_CARRIER, FULFILLED_BY_AMAZON, ORDER_NOT_PAID, QuotaExceeded, HTTP_503...)"),
        @WritesAttribute(attribute = "error.message", description = "On failure or retry: the detail, Amazon's message included")
})
@SeeAlso({StandardAmazonConnectionService.class, FetchAmazonOrders.class})
@UseCase(description = "Confirm Amazon shipments from the carriers' tracking feeds.",
        configuration = """
                Route the tracking records of marketplace parcels (ParseCarrierTracking), grouped by order, to this processor.
                Send "other" to the other marketplaces' shipment processors (e.g. PutMiraklShipment) or to a review queue.
                Loop "retry" back (payment not yet authorised, usage plan spent, Amazon unavailable); send "failure" to a review queue.
                Set "Carrier Codes" only for carriers whose Amazon code the bundle does not know (see docs/marketplaces.md).
                """)
@Stateful(scopes = Scope.CLUSTER, description = """
        In a cluster, the order buckets this processor is confirming on each node, with the node and until when (a lease \
        of a minute, renewed while the node works): one order is confirmed by one node at a time. An entry lives while \
        one FlowFile is handled; clearing the state only lets two nodes handle one bucket at once until the next FlowFile.""")
public class ConfirmAmazonShipment extends AbstractProcessor {

    public static final PropertyDescriptor AMAZON_CONNECTION = new PropertyDescriptor.Builder()
            .name("Amazon Connection")
            .description("The selling partner the orders belong to.")
            .required(true)
            .identifiesControllerService(AmazonConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads the tracking records.");

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the records with their outcome fields.");

    public static final PropertyDescriptor CARRIER_CODES = new PropertyDescriptor.Builder()
            .name("Carrier Codes")
            .description("Amazon's carrier code for carrier families of the bundle, as family=Code pairs separated by commas (e.g. "
                    + "mondial_relay=Mondial Relay), added to or replacing the codes the bundle knows. A carrier without a code is sent as "
                    + "Other with its name.")
            .required(false)
            .addValidator(CodePairs.VALIDATOR)
            .build();

    public static final PropertyDescriptor LINES_FIELD = new PropertyDescriptor.Builder()
            .name("Lines Field")
            .description("Record field holding the units in the parcel, for partial shipments: an array of records with sku and quantity, or "
                    + "a string 'SKU-A:2,SKU-B:1'. Empty or absent: the parcel ships every unit of the order not shipped yet.")
            .required(false)
            .addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                    .valid(input == null || input.isBlank() || input.matches("[A-Za-z_][A-Za-z0-9_]*")).explanation("a field name").build())
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(AMAZON_CONNECTION, RECORD_READER, RECORD_WRITER, CARRIER_CODES, LINES_FIELD);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Records whose parcel is confirmed on Amazon, now or before (the order already shipped)").build();
    public static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("Records whose order is not paid yet, or whose call failed transiently (usage plan spent, 429, 5xx)").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Records Amazon will not take as they are: order unknown or cancelled, FBA order, unknown SKU, no carrier, "
                    + "refused input; error.code says which").build();
    public static final Relationship REL_OTHER = new Relationship.Builder().name("other")
            .description("Records whose order reference is not an Amazon order id: the parcels of other marketplaces, unchanged").build();

    static final List<RecordField> OUTCOME_FIELDS = List.of(
            new RecordField("amazonResult", RecordFieldType.STRING.getDataType(), true),
            new RecordField("amazonOrderStatus", RecordFieldType.STRING.getDataType(), true),
            new RecordField("amazonPackageReferenceId", RecordFieldType.STRING.getDataType(), true),
            new RecordField("errorCode", RecordFieldType.STRING.getDataType(), true));

    private volatile Clock clock = Clock.systemUTC();

    /** The clock of the ship dates sent (a parcel whose event is later, or has no time, ships now); tests set the sandbox's. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE, REL_OTHER);
    }

    /** Two nodes never confirm one order at once: each takes a FlowFile of an order bucket no other holds. */
    private final OrderClaims claims = new OrderClaims(this::getNodeTypeProvider, this::getLogger);

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        try (OrderClaims.Claim claim = claims.next(context, session)) {
            if (claim != null) {
                onTrigger(context, session, claim.flowFile());
            }
        }
    }

    /** Confirms the parcels of one FlowFile whose orders no other node is confirming. */
    private void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final AmazonConnectionService connection = context.getProperty(AMAZON_CONNECTION).asControllerService(AmazonConnectionService.class);
        final FlowFileRecords input;
        try {
            input = FlowFileRecords.read(session, flowFile, context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class), getLogger());
        } catch (final Exception e) {
            session.transfer(session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_INPUT", String.valueOf(e.getMessage()))), REL_FAILURE);
            return;
        }
        final List<Record> records = input.records();
        final Outcome[] outcomes = new Outcome[records.size()];
        final List<AmazonShipments.Shipment> shipments = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final String linesField = context.getProperty(LINES_FIELD).getValue();
        for (int i = 0; i < records.size(); i++) {
            final Record record = records.get(i);
            final String order = text(record.getValue("orderReference"));
            if (order == null || !AmazonShipments.ORDER_ID.matcher(order).matches()) {
                outcomes[i] = new Outcome(REL_OTHER, null, null);
                continue;
            }
            final String number = text(record.getValue("trackingNumber"));
            if (number == null) {
                outcomes[i] = new Outcome(REL_FAILURE, null, new AmazonShipments.Confirmation(AmazonShipments.Result.REVIEW, null, null,
                        "MISSING_TRACKING_NUMBER", "Order " + order + ": a parcel without tracking number cannot be confirmed once"));
                continue;
            }
            try {
                shipments.add(new AmazonShipments.Shipment(order, number, text(record.getValue("carrier")), text(record.getValue("shopifyCarrierName")),
                        instant(record.getValue("eventTime")), linesField == null ? List.of() : lines(record.getValue(linesField))));
                indexes.add(i);
            } catch (final IllegalArgumentException e) {
                outcomes[i] = new Outcome(REL_FAILURE, null, new AmazonShipments.Confirmation(AmazonShipments.Result.REVIEW, null, null,
                        "INVALID_LINES", "Order " + order + ": " + e.getMessage()));
            }
        }
        if (!shipments.isEmpty()) {
            final List<AmazonShipments.Confirmation> confirmations;
            try {
                confirmations = new AmazonShipments(connection.orders(), new AmazonCarrierCodes(CodePairs.parse(context.getProperty(CARRIER_CODES).getValue())),
                        clock).confirm(shipments);
            } catch (final ApiException e) {
                // refused credentials: nothing is known of these parcels; the ones confirmed before are found shipped on the replay
                getLogger().error("Confirming Amazon shipments on {} stopped: {} {}", connection.client().endpointHost(), e.code(), e.getMessage());
                session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of(e.code(), e.getMessage()))), REL_RETRY);
                context.yield();
                return;
            }
            for (int k = 0; k < confirmations.size(); k++) {
                final AmazonShipments.Confirmation confirmation = confirmations.get(k);
                outcomes[indexes.get(k)] = new Outcome(switch (confirmation.result()) {
                    case CONFIRMED, ALREADY_SHIPPED -> REL_SUCCESS;
                    case RETRY -> REL_RETRY;
                    case REVIEW -> REL_FAILURE;
                }, confirmation.result().name(), confirmation);
            }
        }
        route(context, session, flowFile, input.schema(), records, outcomes, connection);
    }

    private record Outcome(Relationship relationship, String result, AmazonShipments.Confirmation confirmation) {
    }

    private void route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final RecordSchema schema,
                       final List<Record> records, final Outcome[] outcomes, final AmazonConnectionService connection) {
        final RecordSchema outSchema = RecordOutcomeRouter.withOutcomeFields(schema, OUTCOME_FIELDS);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, flowFile,
                context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outSchema, getLogger());
        final Map<Relationship, FlowFile> routed;
        boolean throttled = false;
        try {
            for (int i = 0; i < records.size(); i++) {
                final Outcome outcome = outcomes[i];
                if (outcome.relationship() == REL_OTHER) {
                    router.write(REL_OTHER, new MapRecord(outSchema, new LinkedHashMap<>(records.get(i).toMap())), null, null);
                    continue;
                }
                final AmazonShipments.Confirmation confirmation = outcome.confirmation();
                final Map<String, Object> values = new LinkedHashMap<>(records.get(i).toMap());
                values.put("amazonResult", outcome.result() == null ? confirmation.result().name() : outcome.result());
                values.put("amazonOrderStatus", confirmation.orderStatus());
                values.put("amazonPackageReferenceId", confirmation.packageReferenceId());
                values.put("errorCode", confirmation.code());
                throttled |= outcome.relationship() == REL_RETRY && confirmation.orderStatus() == null;
                router.write(outcome.relationship(), new MapRecord(outSchema, values), outcome.relationship() == REL_SUCCESS ? null : confirmation.code(),
                        outcome.relationship() == REL_SUCCESS ? null : confirmation.message());
            }
            routed = router.finish(Map.of(), "MIXED");
        } catch (final Exception e) {
            router.discard();
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("OUTPUT_ERROR", String.valueOf(e.getMessage())))), REL_RETRY);
            return;
        }
        routed.forEach((relationship, child) -> {
            if (relationship == REL_SUCCESS) {
                session.getProvenanceReporter().send(child, "https://" + connection.client().endpointHost() + "/orders/v0/orders (confirmShipment)");
                session.transfer(child, relationship);
            } else {
                session.transfer(relationship == REL_RETRY ? session.penalize(child) : child, relationship);
            }
        });
        session.remove(flowFile);
        if (throttled) {
            // Amazon or the usage plan stopped the pass: give the plan time to refill before the next FlowFile
            context.yield();
        }
    }

    /** The parcel's lines: records or maps with sku and quantity, or "SKU-A:2,SKU-B:1". */
    static List<AmazonShipments.Line> lines(final Object value) {
        if (value == null) {
            return List.of();
        }
        final List<AmazonShipments.Line> lines = new ArrayList<>();
        if (value instanceof CharSequence text) {
            for (final String part : text.toString().split("[,;]")) {
                if (part.isBlank()) {
                    continue;
                }
                final int colon = part.lastIndexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("line '" + part.strip() + "' is not SKU:QUANTITY");
                }
                lines.add(new AmazonShipments.Line(part.substring(0, colon).strip(), quantity(part.substring(colon + 1))));
            }
            return lines;
        }
        final Collection<?> elements = value instanceof Object[] array ? Arrays.asList(array) : value instanceof Collection<?> c ? c : List.of(value);
        for (final Object element : elements) {
            final Map<?, ?> line = element instanceof Record record ? record.toMap() : element instanceof Map<?, ?> map ? map : null;
            final String sku = line == null ? null : text(line.get("sku"));
            if (sku == null || line.get("quantity") == null) {
                throw new IllegalArgumentException("a line without sku or quantity: " + element);
            }
            lines.add(new AmazonShipments.Line(sku, quantity(line.get("quantity").toString())));
        }
        return lines;
    }

    private static int quantity(final String text) {
        try {
            return Integer.parseInt(text.strip().replaceFirst("\\.0+$", ""));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("quantity '" + text.strip() + "' is not a whole number");
        }
    }

    private static String text(final Object value) {
        if (value == null) {
            return null;
        }
        final String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static Instant instant(final Object value) {
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        final String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException e) {
            return null; // an event time of another form: the parcel ships now
        }
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
