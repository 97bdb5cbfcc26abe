package io.nifiecommerce.processors.amazon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.amazon.AmazonOrder;
import io.nifiecommerce.amazon.AmazonOrderMapper;
import io.nifiecommerce.amazon.AmazonOrderSync;
import io.nifiecommerce.amazon.OrdersV0;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The end of the last window of order updates read whole, the order versions (AmazonOrderId and "
        + "LastUpdateDate) already handled that the next window can return again (the newest 6,000), and, while a window is being read over several runs, "
        + "its end and getOrders' NextToken. Written in the same session commit as the FlowFiles. Clear it to start over.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
// getOrders refills one request a minute after a burst of 20: a run every 2 minutes (Amazon's own lag) reads a busy shop's updates
// in a page or two and leaves the plan room for a backlog.
@DefaultSchedule(period = "2 min")
@DefaultSettings(yieldDuration = "1 min", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Tags({"amazon", "selling partner api", "sp-api", "marketplace", "orders", "ecommerce", "incremental", "records"})
@CapabilityDescription("Reads a selling partner's Amazon orders incrementally by LastUpdatedAfter (Orders API v0 getOrders, every page, then "
        + "getOrderItems per order), within the operations' usage plans, and writes them as canonical order records (docs/canonical-order.md) "
        + "once per version (AmazonOrderId and LastUpdateDate), for PutBusinessCentralOrder. Orders whose payment is authorised "
        + "(Unshipped, PartiallyShipped, Shipped) are written with their lines, SKU = SellerSKU, prices VAT included on European "
        + "marketplaces; Pending orders (payment not authorised) are not written until they change; Canceled orders are written "
        + "cancelled, without lines, so that their open sales order is deleted. A run that meets the end of a usage plan keeps what it "
        + "read and the next run goes on from the same page.")
@WritesAttributes({
        @WritesAttribute(attribute = "amazon.channel", description = "The connection service's Channel Code"),
        @WritesAttribute(attribute = "ecommerce.order.segment", description = "B2C: marketplace orders are consumer orders"),
        @WritesAttribute(attribute = "record.count", description = "Number of orders"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type; application/json on 'failure'"),
        @WritesAttribute(attribute = "amazon.order.id", description = "On failure: the AmazonOrderId"),
        @WritesAttribute(attribute = "error.code", description = "On failure: UNMAPPABLE_ORDER or UNKNOWN_STATUS"),
        @WritesAttribute(attribute = "error.message", description = "On failure: the detail")
})
@SeeAlso(StandardAmazonConnectionService.class)
@UseCase(description = "Book a seller's Amazon orders in Business Central as sales orders, once each, on Amazon's customer.",
        configuration = """
                Set "Amazon Connection" to the selling partner's StandardAmazonConnectionService and "Record Writer" to a JsonRecordSetWriter.
                Connect "success" to a PutBusinessCentralOrder whose B2C Default Customer is Amazon's customer number (e.g. MKT-AMAZON),
                then to PutBusinessCentralDimension for the channel dimension; connect "failure" to a review queue.
                """)
public class FetchAmazonOrders extends AbstractProcessor {

    static final String CHANNEL_ATTRIBUTE = "amazon.channel";

    public static final PropertyDescriptor AMAZON_CONNECTION = new PropertyDescriptor.Builder()
            .name("Amazon Connection")
            .description("The selling partner to read.")
            .required(true)
            .identifiesControllerService(AmazonConnectionService.class)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter("Writes the canonical order records.");

    public static final PropertyDescriptor INITIAL_START_DATE = new PropertyDescriptor.Builder()
            .name("Initial Start Date")
            .description("At the first run, orders updated since this ISO-8601 instant are read (e.g. 2026-01-01T00:00:00Z). The Orders API "
                    + "keeps two years of orders.")
            .required(true)
            .addValidator(StandardValidators.ISO8601_INSTANT_VALIDATOR)
            .build();

    public static final PropertyDescriptor OVERLAP = new PropertyDescriptor.Builder()
            .name("Overlap")
            .description("Each window starts this long before the end of the previous one, so that an order Amazon made visible late is not "
                    + "missed; versions already handled are not written again.")
            .required(true)
            .defaultValue("10 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(AMAZON_CONNECTION, RECORD_WRITER, INITIAL_START_DATE, OVERLAP);

    public static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Canonical order records: orders to fulfil, and cancelled orders").build();
    public static final Relationship REL_FAILURE = new Relationship.Builder().name("failure")
            .description("Orders that cannot be mapped (no SellerSKU, no price, mixed currencies, items not adding up to OrderTotal, an "
                    + "undocumented status), one per FlowFile as Amazon's JSON with its OrderItems, with error.code and error.message").build();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_FAILURE);
    }

    /** Test seam. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final AmazonConnectionService connection = context.getProperty(AMAZON_CONNECTION).asControllerService(AmazonConnectionService.class);
        final Map<String, String> stored;
        try {
            stored = session.getState(Scope.CLUSTER).toMap();
        } catch (final IOException e) {
            getLogger().error("Cannot read the processor's cluster state", e);
            context.yield();
            return;
        }
        final String channel = connection.channel();
        final AmazonOrderMapper mapper = new AmazonOrderMapper(channel);
        final List<Order> orders = new ArrayList<>();
        final AmazonOrderSync.Sink sink = new AmazonOrderSync.Sink() {
            @Override
            public void order(final AmazonOrder order) {
                try {
                    orders.add(mapper.map(order));
                } catch (final IllegalArgumentException | ArithmeticException e) {
                    failure(session, channel, order, "UNMAPPABLE_ORDER", e.getMessage());
                }
            }

            @Override
            public void unknown(final AmazonOrder order, final String reason) {
                failure(session, channel, order, "UNKNOWN_STATUS", reason);
            }
        };
        try {
            final OrdersV0 api = connection.orders();
            final AmazonOrderSync.Outcome outcome = new AmazonOrderSync(api, Duration.ofMillis(
                    context.getProperty(OVERLAP).asTimePeriod(TimeUnit.MILLISECONDS)), OrdersV0.MAX_RESULTS_PER_PAGE)
                    .run(stored, clock.instant(), Instant.parse(context.getProperty(INITIAL_START_DATE).getValue()), sink);
            if (!orders.isEmpty()) {
                writeOrders(context, session, orders, api.client().endpointHost(), channel);
            }
            session.setState(outcome.toMap(), Scope.CLUSTER);
            if (outcome.stoppedBy() != null) {
                // what was read is committed; the next run goes on from the same page
                getLogger().info("Reading Amazon orders stopped after {} orders ({}); the next run goes on", outcome.read(), outcome.stoppedBy());
                context.yield();
            }
        } catch (final ApiException e) {
            session.rollback();
            getLogger().error("Reading Amazon orders stopped: {} {} ({})", e.errorClass(), e.code(), e.getMessage());
            context.yield();
        } catch (final IOException | SchemaNotFoundException | RuntimeException e) {
            session.rollback();
            getLogger().error("Reading or writing Amazon orders failed", e);
            context.yield();
        }
    }

    private void writeOrders(final ProcessContext context, final ProcessSession session, final List<Order> orders, final String host,
                             final String channel) throws IOException, SchemaNotFoundException {
        final FlowFile flowFile = OrderRecordFlowFiles.write(session, context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class),
                getLogger(), orders, Map.of(CHANNEL_ATTRIBUTE, channel, "ecommerce.order.segment", "B2C"));
        session.getProvenanceReporter().receive(flowFile, "https://" + host + "/orders/v0/orders (getOrders, getOrderItems)");
        session.transfer(flowFile, REL_SUCCESS);
    }

    private void failure(final ProcessSession session, final String channel, final AmazonOrder order, final String code, final String reason) {
        FlowFile flowFile = session.write(session.create(), out -> MAPPER.writeValue(out, order.withItems()));
        flowFile = session.putAllAttributes(flowFile, Map.of(CHANNEL_ATTRIBUTE, channel, "amazon.order.id", order.orderId(),
                "mime.type", "application/json"));
        flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of(code, reason));
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
