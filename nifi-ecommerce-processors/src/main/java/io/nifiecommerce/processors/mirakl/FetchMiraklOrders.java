package io.nifiecommerce.processors.mirakl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.businesscentral.BatchedLookup;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.mirakl.AcceptancePolicy;
import io.nifiecommerce.mirakl.BusinessCentralStock;
import io.nifiecommerce.mirakl.MiraklOrder;
import io.nifiecommerce.mirakl.MiraklOrderMapper;
import io.nifiecommerce.mirakl.MiraklOrderSync;
import io.nifiecommerce.mirakl.MiraklSellerApi;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderSyncState;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import io.nifiecommerce.processors.order.OrderRecordFlowFiles;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSchedule;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The end of the last window of order updates read whole, and the order versions "
        + "already handled that the next window can return again (the newest 6,000). Written in the same session commit as the FlowFiles. Clear it to start over.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
// Mirakl recommends OR11 every 5 minutes and allows it once a minute at most.
@DefaultSchedule(period = "5 min")
@DefaultSettings(yieldDuration = "1 min", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Tags({"mirakl", "marketplace", "orders", "ecommerce", "incremental", "acceptance", "records"})
@CapabilityDescription("Reads a seller shop's orders on a Mirakl marketplace incrementally by update date (OR11, every page). Orders "
        + "waiting for the seller's acceptance are accepted or refused line by line (OR21) by the Acceptance Policy: a line is accepted "
        + "when its offer SKU is a known item with enough stock, refused otherwise, and the decision with its reason goes to 'acceptance'. "
        + "Orders debited to the customer and to be shipped (SHIPPING and after) are written once per version as canonical order records "
        + "(docs/canonical-order.md) whose channel is the marketplace's code, for PutBusinessCentralOrder.")
@WritesAttributes({
        @WritesAttribute(attribute = "mirakl.marketplace", description = "The marketplace's code (the connection service's Marketplace Code)"),
        @WritesAttribute(attribute = "ecommerce.order.segment", description = "B2C: marketplace orders are consumer orders"),
        @WritesAttribute(attribute = "record.count", description = "Number of orders, or of decisions on 'acceptance'"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type; application/json on 'acceptance' and 'failure'"),
        @WritesAttribute(attribute = "error.code", description = "On failure: why the order could not be mapped"),
        @WritesAttribute(attribute = "error.message", description = "On failure: the detail")
})
@SeeAlso(StandardMiraklConnectionService.class)
@UseCase(description = "Accept a marketplace's orders when Business Central has the stock, and book them as sales orders once each.",
        configuration = """
                Set "Mirakl Connection" to the marketplace shop's StandardMiraklConnectionService and "Record Writer" to a JsonRecordSetWriter.
                Set "Acceptance Policy" to "Business Central Stock" and "Business Central Connection" to the company's connection.
                Connect "success" to a PutBusinessCentralOrder whose B2C Default Customer is the marketplace's customer number;
                connect "acceptance" to a log or a notification for the refused lines.
                """)
public class FetchMiraklOrders extends AbstractProcessor {

    static final String MARKETPLACE_ATTRIBUTE = "mirakl.marketplace";

    static final AllowableValue ACCEPT_ALL = new AllowableValue("ACCEPT_ALL", "Accept Every Line",
            "Every line waiting for acceptance is accepted.");
    static final AllowableValue BC_STOCK = new AllowableValue("BUSINESS_CENTRAL_STOCK", "Business Central Stock",
            "A line is accepted when its offer SKU is the number of a Business Central item that is not blocked and whose inventory "
                    + "covers the quantity (stock promised to an earlier order of the same run counted); refused otherwise.");

    public static final PropertyDescriptor MIRAKL_CONNECTION = new PropertyDescriptor.Builder()
            .name("Mirakl Connection")
            .description("The marketplace shop to read.")
            .required(true)
            .identifiesControllerService(MiraklConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the canonical order records.");

    public static final PropertyDescriptor ACCEPTANCE_POLICY = new PropertyDescriptor.Builder()
            .name("Acceptance Policy")
            .description("How lines waiting for the seller's acceptance are decided. Mirakl refuses an order whose acceptance delay "
                    + "runs out, so every waiting line is decided on each run.")
            .required(true)
            .allowableValues(BC_STOCK, ACCEPT_ALL)
            .defaultValue(BC_STOCK.getValue())
            .build();

    public static final PropertyDescriptor BC_CONNECTION = new PropertyDescriptor.Builder()
            .name("Business Central Connection")
            .description("The company whose items and inventory decide acceptance.")
            .required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class)
            .dependsOn(ACCEPTANCE_POLICY, BC_STOCK)
            .build();

    public static final PropertyDescriptor WHOLE_ORDER = new PropertyDescriptor.Builder()
            .name("Refuse Whole Order")
            .description("Refuse every line of an order when one line is refused: for marketplaces where partial acceptance is "
                    + "disabled (Mirakl answers ORDER_PARTIAL_ACCEPTANCE_DISABLED) or when a partial parcel is not wanted.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor INITIAL_START_DATE = new PropertyDescriptor.Builder()
            .name("Initial Start Date")
            .description("At the first run, orders updated since this ISO-8601 instant are read (e.g. 2026-01-01T00:00:00Z).")
            .required(true)
            .addValidator(StandardValidators.ISO8601_INSTANT_VALIDATOR)
            .build();

    public static final PropertyDescriptor OVERLAP = new PropertyDescriptor.Builder()
            .name("Overlap")
            .description("Each window starts this long before the end of the previous one, so that an order Mirakl updated late is "
                    + "not missed; versions already handled are not emitted again.")
            .required(true)
            .defaultValue("5 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(MIRAKL_CONNECTION, RECORD_WRITER, ACCEPTANCE_POLICY, BC_CONNECTION,
            WHOLE_ORDER, INITIAL_START_DATE, OVERLAP);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Canonical order records of orders to fulfil").build();
    public static final Relationship REL_ACCEPTANCE = new Relationship.Builder().name("acceptance")
            .description("The decisions sent to Mirakl (OR21), as a JSON array: order, line, SKU, quantity, accepted, reason").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Orders that cannot be mapped to canonical records, as Mirakl's JSON, with error.code and error.message").build();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_ACCEPTANCE, REL_FAILURE);
    }

    /** Test seam. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final MiraklConnectionService connection = context.getProperty(MIRAKL_CONNECTION).asControllerService(MiraklConnectionService.class);
        final OrderSyncState state;
        try {
            state = OrderSyncState.fromMap(session.getState(Scope.CLUSTER).toMap());
        } catch (final IOException e) {
            getLogger().error("Cannot read the processor's cluster state", e);
            context.yield();
            return;
        }
        final MiraklSellerApi api = connection.api();
        final MiraklOrderMapper mapper = new MiraklOrderMapper(connection.marketplace());
        final List<Order> orders = new ArrayList<>();
        final ArrayNode decisions = MAPPER.createArrayNode();
        final MiraklOrderSync.Sink sink = new MiraklOrderSync.Sink() {
            @Override
            public void order(final MiraklOrder order) {
                try {
                    orders.add(mapper.map(order));
                } catch (final IllegalArgumentException e) {
                    failure(session, connection, order, e.getMessage());
                }
            }

            @Override
            public void decision(final MiraklOrder order, final AcceptancePolicy.Decision decision) {
                decision.lines().forEach(line -> decisions.add(MAPPER.createObjectNode().put("orderId", decision.orderId())
                        .put("lineId", line.lineId()).put("sku", line.sku()).put("quantity", line.quantity())
                        .put("accepted", line.accepted()).put("reason", line.reason())));
            }
        };
        try {
            final MiraklOrderSync.Outcome outcome = new MiraklOrderSync(api, policy(context), Duration.ofMillis(
                    context.getProperty(OVERLAP).asTimePeriod(TimeUnit.MILLISECONDS)), MiraklSellerApi.OR11_MAX_PAGE)
                    .run(state, clock.instant(), Instant.parse(context.getProperty(INITIAL_START_DATE).getValue()), sink);
            final Map<String, String> attributes = Map.of(MARKETPLACE_ATTRIBUTE, connection.marketplace(), "ecommerce.order.segment", "B2C");
            if (!orders.isEmpty()) {
                writeOrders(context, session, orders, attributes);
            }
            if (!decisions.isEmpty()) {
                FlowFile flowFile = session.write(session.create(), out -> MAPPER.writeValue(out, decisions));
                final Map<String, String> decisionAttributes = new HashMap<>(attributes);
                decisionAttributes.put("record.count", Integer.toString(decisions.size()));
                decisionAttributes.put("mime.type", "application/json");
                flowFile = session.putAllAttributes(flowFile, decisionAttributes);
                session.getProvenanceReporter().send(flowFile, api.client().instance() + "/api/orders (OR21)");
                session.transfer(flowFile, REL_ACCEPTANCE);
            }
            session.setState(outcome.state().toMap(), Scope.CLUSTER);
            if (outcome.windowMoved()) {
                getLogger().info("Orders of {} changed while the window was paged; the window will be read again", connection.marketplace());
            }
        } catch (final ApiException e) {
            // nothing of this run is committed; OR21 decisions already sent are found decided on the next run
            session.rollback();
            getLogger().error("Reading orders of {} stopped: {} {} ({})", connection.marketplace(), e.errorClass(), e.code(), e.getMessage());
            context.yield();
        } catch (final IOException | SchemaNotFoundException | RuntimeException e) {
            session.rollback();
            getLogger().error("Reading or writing the orders of {} failed", connection.marketplace(), e);
            context.yield();
        }
    }

    private AcceptancePolicy policy(final ProcessContext context) {
        final boolean whole = context.getProperty(WHOLE_ORDER).asBoolean();
        if (ACCEPT_ALL.getValue().equals(context.getProperty(ACCEPTANCE_POLICY).getValue())) {
            return new AcceptancePolicy(AcceptancePolicy.StockLevels.UNLIMITED, whole);
        }
        final BusinessCentralConnectionService bc = context.getProperty(BC_CONNECTION).asControllerService(BusinessCentralConnectionService.class);
        return new AcceptancePolicy(new BusinessCentralStock(new BatchedLookup(bc.client(), bc.companyId())), whole);
    }

    private void writeOrders(final ProcessContext context, final ProcessSession session, final List<Order> orders,
                             final Map<String, String> attributes) throws IOException, SchemaNotFoundException {
        final FlowFile flowFile = OrderRecordFlowFiles.write(session, context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class),
                getLogger(), orders, attributes);
        session.getProvenanceReporter().receive(flowFile, context.getProperty(MIRAKL_CONNECTION)
                .asControllerService(MiraklConnectionService.class).api().client().instance() + "/api/orders (OR11)");
        session.transfer(flowFile, REL_SUCCESS);
    }

    private void failure(final ProcessSession session, final MiraklConnectionService connection, final MiraklOrder order, final String reason) {
        FlowFile flowFile = session.write(session.create(), out -> MAPPER.writeValue(out, order.json()));
        flowFile = session.putAllAttributes(flowFile, Map.of(MARKETPLACE_ATTRIBUTE, connection.marketplace(), "mime.type", "application/json"));
        flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of("UNMAPPABLE_ORDER", reason));
        session.transfer(flowFile, REL_FAILURE);
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
