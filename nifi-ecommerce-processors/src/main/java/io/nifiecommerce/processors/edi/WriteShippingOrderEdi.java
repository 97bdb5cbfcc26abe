package io.nifiecommerce.processors.edi;

import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.edi.EdiPartner;
import io.nifiecommerce.edi.EdiSyntax;
import io.nifiecommerce.edi.EdiWriteException;
import io.nifiecommerce.edi.SalesOrderShippingMapper;
import io.nifiecommerce.edi.ShippingMessage;
import io.nifiecommerce.edi.ShippingOrder;
import io.nifiecommerce.edi.ShippingOrderWriter;
import io.nifiecommerce.edi.WrittenInterchange;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
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
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Stateful(scopes = Scope.CLUSTER, description = "The version of each order's shipping instruction sent last (key order.<number>, value "
        + "<version>@<epoch millis>), so that the same version is sent once; entries older than Sent Order Memory are dropped.")
@Tags({"edi", "edifact", "orders", "x12", "940", "3pl", "warehouse", "shipping", "business central"})
@CapabilityDescription("""
        Writes the 3PL's shipping instructions from Business Central sales orders: one interchange per order, as EDIFACT \
        ORDERS D.96A or X12 940 004010, with StAEDI (valid envelopes, segment counts, control numbers derived from the \
        partner, the order and its version, so a replay writes the same references). Reads the records of \
        GetBusinessCentralRecords on salesOrders with salesOrderLines expanded; orders not released (status other than \
        Required Status) or with nothing left to ship are skipped; each version of an order is sent once: the versions sent \
        are kept in cluster state, committed with the FlowFiles. Send the success FlowFiles with PutSFTP or PutFile.""")
@WritesAttributes({
        @WritesAttribute(attribute = "filename", description = "<order number>_<control reference>.edi (success)"),
        @WritesAttribute(attribute = "mime.type", description = "application/EDIFACT or application/EDI-X12 (success)"),
        @WritesAttribute(attribute = "edi.message.type", description = "ORDERS or 940 (success)"),
        @WritesAttribute(attribute = "edi.control.reference", description = "UNB 0020 / ISA13 of the interchange (success)"),
        @WritesAttribute(attribute = "edi.order.number", description = "The BC order number (success, failure)"),
        @WritesAttribute(attribute = "edi.order.version", description = "Digest of what the 3PL acts on; a new value is a new instruction (success)"),
        @WritesAttribute(attribute = "edi.orders.written", description = "Interchanges written from the input (original)"),
        @WritesAttribute(attribute = "edi.orders.unchanged", description = "Orders whose version was already sent (original)"),
        @WritesAttribute(attribute = "edi.orders.skipped", description = "Orders not released or with nothing left to ship (original)"),
        @WritesAttribute(attribute = "error.code", description = "INVALID_ORDER, EDI_WRITE or READ_FAILED (failure)"),
        @WritesAttribute(attribute = "error.message", description = "Why (failure)")
})
@UseCase(description = "Send every released Business Central sales order to the 3PL once, as ORDERS or 940, on its SFTP drop.",
        configuration = """
                GetBusinessCentralRecords reads salesOrders with $expand=salesOrderLines and $filter=status eq 'Open' (BC's Released) \
                incrementally; connect its records to this processor with a JsonTreeReader as Record Reader.
                Choose the Shipping Message the 3PL takes and fill the sender and receiver ids of the interchange agreement.
                Connect success to PutSFTP (Remote Path: the 3PL's inbound folder) or PutFile; route failure to a place someone watches.
                Run this processor on the primary node only (it follows a primary-node source): its memory of sent versions is one \
                cluster state.
                """)
// Local work only (reading or writing an interchange): NiFi's usual 1 s yield; a file sent to review is
// penalized 30 s so that a flow looping it back does not spin on it.
@DefaultSettings(yieldDuration = "1 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class WriteShippingOrderEdi extends AbstractEdiProcessor {

    enum MessageOption implements Option {
        ORDERS_D96A(ShippingMessage.EDIFACT_ORDERS_D96A, "EDIFACT ORDERS D.96A", "UN/EDIFACT ORDERS, directory D.96A, EANCOM subset EAN008"),
        X12_940(ShippingMessage.X12_940_4010, "X12 940 004010", "ASC X12 940 Warehouse Shipping Order, version 004010");

        private final ShippingMessage message;
        private final Label label;

        MessageOption(final ShippingMessage message, final String displayName, final String description) {
            this.message = message;
            this.label = new Label(displayName, description);
        }

        @Override
        public Label label() {
            return label;
        }
    }

    static final String STATE_PREFIX = "order.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader(
            "Reads the sales order records (BC salesOrders entities with salesOrderLines expanded).");

    static final PropertyDescriptor SHIPPING_MESSAGE = new PropertyDescriptor.Builder()
            .name("Shipping Message")
            .description("The message the 3PL takes its shipping instructions in.")
            .required(true)
            .allowableValues(MessageOption.class)
            .defaultValue(MessageOption.ORDERS_D96A)
            .build();

    static final PropertyDescriptor REQUIRED_STATUS = new PropertyDescriptor.Builder()
            .name("Required Status")
            .description("The salesOrder.status an order must have to be sent. BC's API calls a Released order Open; empty sends any status.")
            .required(false)
            .defaultValue("Open")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor ACK_REQUESTED = new PropertyDescriptor.Builder()
            .name("Request Acknowledgment")
            .description("Ask the 3PL for an acknowledgment in the envelope (UNB 0031 = 1 for a CONTRL, ISA14 = 1 for a TA1).")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor SENT_ORDER_MEMORY = EdiDescriptors.memory(
            "Sent Order Memory", "How long the version sent for an order is remembered. Longer than an order can stay open before it ships; "
                    + "an order changed after that is sent again as a new instruction.", "180 days");

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One FlowFile per interchange written: a new order or a new version of one")
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The input, once its orders are written, skipped or refused")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("An order that cannot be written (its record as JSON, with error.code and error.message), or an input "
                    + "that cannot be read")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_READER, SHIPPING_MESSAGE, EdiPartnerProperties.SENDER_ID,
            EdiPartnerProperties.SENDER_QUALIFIER, EdiPartnerProperties.RECEIVER_ID, EdiPartnerProperties.RECEIVER_QUALIFIER,
            EdiPartnerProperties.TEST_INDICATOR, ACK_REQUESTED, REQUIRED_STATUS, SENT_ORDER_MEMORY);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_FAILURE);

    public WriteShippingOrderEdi() {
        super(PROPERTIES, RELATIONSHIPS);
    }

    @Override
    void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile original) {
        final ShippingMessage message = context.getProperty(SHIPPING_MESSAGE).asAllowableValue(MessageOption.class).message;
        final EdiPartner partner;
        try {
            partner = EdiPartnerProperties.partner(context, original, message.syntax());
        } catch (final IllegalArgumentException e) {
            failOriginal(session, original, "INVALID_PARTNER", e.getMessage());
            return;
        }
        final ShippingOrderWriter writer = new ShippingOrderWriter(message, partner, context.getProperty(ACK_REQUESTED).asBoolean());
        final SalesOrderShippingMapper mapper = new SalesOrderShippingMapper(context.getProperty(REQUIRED_STATUS).getValue());
        final long memoryMillis = context.getProperty(SENT_ORDER_MEMORY).asTimePeriod(TimeUnit.MILLISECONDS);

        final List<Map<String, Object>> orders = new ArrayList<>();
        try (InputStream in = session.read(original);
             RecordReader reader = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class)
                     .createRecordReader(original, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                orders.add(RecordMaps.toMap(record));
            }
        } catch (final Exception e) {
            failOriginal(session, original, "READ_FAILED", "Cannot read the sales order records: " + e.getMessage());
            return;
        }

        final Map<String, String> state;
        try {
            state = loadMemory(session, STATE_PREFIX, memoryMillis);
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; will retry {}", original, e);
            session.rollback();
            context.yield();
            return;
        }
        final long now = clock().millis();

        int written = 0;
        int unchanged = 0;
        int skipped = 0;
        final LocalDateTime preparedAt = LocalDateTime.now(clock());
        for (final Map<String, Object> entity : orders) {
            final Object numberValue = entity.get("number");
            final String number = numberValue == null ? null : numberValue.toString();
            final Optional<ShippingOrder> order;
            try {
                order = mapper.map(entity);
            } catch (final IllegalArgumentException e) {
                failOrder(session, original, entity, number, "INVALID_ORDER", e.getMessage());
                continue;
            }
            if (order.isEmpty()) {
                skipped++;
                continue;
            }
            final ShippingOrder shippingOrder = order.get();
            final String version = shippingOrder.version();
            final String key = STATE_PREFIX + shippingOrder.orderNumber();
            final String sent = state.get(key);
            if (sent != null && sent.startsWith(version + "@")) {
                unchanged++;
                continue;
            }
            // an interchange is one order: small enough to write in memory first, so a refused value leaves no partial file
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final WrittenInterchange result;
            try {
                result = writer.write(shippingOrder, preparedAt, bytes);
            } catch (final EdiWriteException e) {
                failOrder(session, original, entity, number, "EDI_WRITE", e.getMessage());
                continue;
            }
            FlowFile edi = session.create(original);
            edi = session.write(edi, out -> out.write(bytes.toByteArray()));
            final Map<String, String> attributes = new HashMap<>();
            attributes.put(CoreAttributes.FILENAME.key(), shippingOrder.orderNumber() + "_" + result.controlReference() + ".edi");
            attributes.put(CoreAttributes.MIME_TYPE.key(), message.syntax() == EdiSyntax.EDIFACT
                    ? "application/EDIFACT" : "application/EDI-X12");
            attributes.put("edi.message.type", message == ShippingMessage.EDIFACT_ORDERS_D96A ? "ORDERS" : "940");
            attributes.put("edi.control.reference", result.controlReference());
            attributes.put("edi.order.number", shippingOrder.orderNumber());
            attributes.put("edi.order.version", version);
            edi = session.putAllAttributes(edi, attributes);
            session.getProvenanceReporter().create(edi, "Shipping instruction for order " + shippingOrder.orderNumber() + " version " + version);
            session.transfer(edi, REL_SUCCESS);
            state.put(key, version + "@" + now);
            written++;
        }
        try {
            session.setState(state, Scope.CLUSTER);
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; will retry {}", original, e);
            session.rollback();
            context.yield();
            return;
        }
        final FlowFile done = session.putAllAttributes(original, Map.of("edi.orders.written", String.valueOf(written),
                "edi.orders.unchanged", String.valueOf(unchanged), "edi.orders.skipped", String.valueOf(skipped)));
        session.transfer(done, REL_ORIGINAL);
    }


    private void failOrder(final ProcessSession session, final FlowFile original, final Map<String, Object> entity, final String number,
                           final String code, final String message) {
        FlowFile failed = session.create(original);
        failed = session.write(failed, out -> MAPPER.writeValue(out, entity));
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("error.code", code);
        attributes.put("error.message", message);
        attributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
        if (number != null) {
            attributes.put("edi.order.number", number);
        }
        failed = session.putAllAttributes(failed, attributes);
        getLogger().warn("Order {} not sent to the 3PL: {} {}", number, code, message);
        session.transfer(failed, REL_FAILURE);
    }

    private void failOriginal(final ProcessSession session, final FlowFile original, final String code, final String message) {
        getLogger().warn("{} not processed: {} {}", original, code, message);
        FlowFile failed = session.putAllAttributes(original, Map.of("error.code", code, "error.message", String.valueOf(message)));
        failed = session.penalize(failed);
        session.transfer(failed, REL_FAILURE);
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
