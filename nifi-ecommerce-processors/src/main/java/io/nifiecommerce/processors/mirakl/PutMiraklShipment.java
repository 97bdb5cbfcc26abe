package io.nifiecommerce.processors.mirakl;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.mirakl.MiraklShipments;
import io.nifiecommerce.processors.CodePairs;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.FlowFileRecords;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@DefaultSettings(yieldDuration = "30 sec", penaltyDuration = "5 min", bulletinLevel = LogLevel.WARN)
@Tags({"mirakl", "marketplace", "shipment", "tracking", "carrier", "records"})
@CapabilityDescription("Sends the carrier and tracking number of marketplace orders back to Mirakl and validates their shipment, exactly "
        + "once per order: the order's state is read first (OR11); an order SHIPPING gets OR23 (carrier code, or carrier name and URL "
        + "when the carrier is not registered on the marketplace) then OR24; an order already shipped is left alone, so a replayed or "
        + "repeated tracking event sends nothing. Reads tracking records as ParseCarrierTracking writes them (orderReference, carrier, "
        + "trackingNumber, trackingUrl), the order reference being the Mirakl order id.")
@WritesAttributes({
        @WritesAttribute(attribute = "mirakl.marketplace", description = "The marketplace's code"),
        @WritesAttribute(attribute = "record.count", description = "Records in the FlowFile"),
        @WritesAttribute(attribute = "error.code", description = "On failure or retry: why the shipment was not sent"),
        @WritesAttribute(attribute = "error.message", description = "On failure or retry: the detail")
})
@SeeAlso({StandardMiraklConnectionService.class, FetchMiraklOrders.class})
@UseCase(description = "Confirm marketplace shipments from the carriers' tracking feeds.",
        configuration = """
                Route the tracking records of marketplace orders (ParseCarrierTracking) to this processor.
                Set "Carrier Codes" to the marketplace's codes of your carriers, e.g. colissimo=COLISSIMO,chronopost=CHRONOPOST.
                Loop "retry" back (orders not yet debited); send "failure" to a review port.
                """)
public class PutMiraklShipment extends AbstractProcessor {

    public static final PropertyDescriptor MIRAKL_CONNECTION = new PropertyDescriptor.Builder()
            .name("Mirakl Connection")
            .description("The marketplace shop the orders belong to.")
            .required(true)
            .identifiesControllerService(MiraklConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader("Reads the tracking records.");

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the records with their outcome fields.");

    public static final PropertyDescriptor CARRIER_CODES = new PropertyDescriptor.Builder()
            .name("Carrier Codes")
            .description("The marketplace's carrier code for each of the bundle's carrier ids, as id=CODE pairs separated by commas "
                    + "(each operator has its own list of registered carriers). A carrier not listed is sent by name with its tracking URL.")
            .required(false)
            .addValidator(CodePairs.VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(MIRAKL_CONNECTION, RECORD_READER, RECORD_WRITER, CARRIER_CODES);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Records whose order is shipped on the marketplace, now or before").build();
    public static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("Records whose order cannot be shipped yet (not yet debited) or whose call failed transiently").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Records whose order is unknown, refused or cancelled, or that lack an order reference or tracking number").build();

    static final List<RecordField> OUTCOME_FIELDS = List.of(
            new RecordField("miraklResult", RecordFieldType.STRING.getDataType(), true),
            new RecordField("miraklOrderState", RecordFieldType.STRING.getDataType(), true),
            new RecordField("errorCode", RecordFieldType.STRING.getDataType(), true));

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final MiraklConnectionService connection = context.getProperty(MIRAKL_CONNECTION).asControllerService(MiraklConnectionService.class);
        final FlowFileRecords input;
        try {
            input = FlowFileRecords.read(session, flowFile, context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class), getLogger());
        } catch (final Exception e) {
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_INPUT", String.valueOf(e.getMessage())))), REL_FAILURE);
            return;
        }
        final List<Record> records = input.records();
        final RecordSchema schema = input.schema();
        final String[] results = new String[records.size()];
        final String[] states = new String[records.size()];
        final String[] codes = new String[records.size()];
        final Relationship[] routes = new Relationship[records.size()];
        final List<MiraklShipments.Shipment> shipments = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            final String order = records.get(i).getAsString("orderReference");
            final String number = records.get(i).getAsString("trackingNumber");
            if (order == null || order.isBlank() || number == null || number.isBlank()) {
                routes[i] = REL_FAILURE;
                codes[i] = "MISSING_REFERENCE";
                continue;
            }
            shipments.add(new MiraklShipments.Shipment(order.trim(), records.get(i).getAsString("carrier"), number.trim(),
                    records.get(i).getAsString("trackingUrl")));
            indexes.add(i);
        }
        try {
            final List<MiraklShipments.Confirmation> confirmations = new MiraklShipments(connection.api(),
                    carrierCodes(context.getProperty(CARRIER_CODES).getValue())).confirm(shipments);
            for (int k = 0; k < confirmations.size(); k++) {
                final int i = indexes.get(k);
                final MiraklShipments.Confirmation confirmation = confirmations.get(k);
                results[i] = confirmation.result().name();
                states[i] = confirmation.orderState();
                codes[i] = confirmation.reason();
                routes[i] = switch (confirmation.result()) {
                    case SHIPPED, ALREADY_SHIPPED -> REL_SUCCESS;
                    case NOT_YET_SHIPPABLE -> REL_RETRY;
                    case NOT_SHIPPABLE -> REL_FAILURE;
                };
            }
        } catch (final ApiException e) {
            // the shipments sent before the error are found shipped on the replay
            getLogger().warn("Confirming shipments on {} stopped: {} {}", connection.marketplace(), e.code(), e.getMessage());
            FlowFile retry = session.putAllAttributes(flowFile, ErrorAttributes.of(e.code(), e.getMessage()));
            session.transfer(session.penalize(retry), e.isTransient() ? REL_RETRY : REL_FAILURE);
            context.yield();
            return;
        }
        final RecordSchema outSchema = RecordOutcomeRouter.withOutcomeFields(schema, OUTCOME_FIELDS);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, flowFile,
                context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outSchema, getLogger());
        final Map<Relationship, FlowFile> routed;
        try {
            for (int i = 0; i < records.size(); i++) {
                final Map<String, Object> values = new LinkedHashMap<>(records.get(i).toMap());
                values.put("miraklResult", results[i]);
                values.put("miraklOrderState", states[i]);
                values.put("errorCode", codes[i]);
                router.write(routes[i], new MapRecord(outSchema, values), routes[i] == REL_SUCCESS ? null : codes[i],
                        routes[i] == REL_SUCCESS ? null : "Order " + values.get("orderReference") + ": " + codes[i]);
            }
            routed = router.finish(Map.of(FetchMiraklOrders.MARKETPLACE_ATTRIBUTE, connection.marketplace()), "MIXED");
        } catch (final Exception e) {
            router.discard();
            session.transfer(session.penalize(session.putAllAttributes(flowFile, ErrorAttributes.of("OUTPUT_ERROR", String.valueOf(e.getMessage())))), REL_RETRY);
            return;
        }
        routed.forEach((relationship, child) -> {
            if (relationship == REL_SUCCESS) {
                session.getProvenanceReporter().send(child, connection.api().client().instance() + "/api/orders (OR23, OR24)");
                session.transfer(child, relationship);
            } else {
                session.transfer(relationship == REL_RETRY ? session.penalize(child) : child, relationship);
            }
        });
        session.remove(flowFile);
    }

    static Map<String, String> carrierCodes(final String value) {
        return CodePairs.parse(value);
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
