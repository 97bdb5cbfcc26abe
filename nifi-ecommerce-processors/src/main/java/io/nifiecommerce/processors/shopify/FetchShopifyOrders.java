package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Release;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.http.ReadinessCheck;
import io.nifiecommerce.processors.VerificationResults;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.draft.DraftOrigins;
import io.nifiecommerce.shopify.order.BulkBackfill;
import io.nifiecommerce.shopify.order.BulkOrderExport;
import io.nifiecommerce.shopify.order.OrderPageReader;
import io.nifiecommerce.shopify.order.OrderReadiness;
import io.nifiecommerce.shopify.order.SyncState;
import io.nifiecommerce.shopify.order.WindowedOrderRead;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSchedule;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The latest order update read (high-water mark), the window being paged through with "
        + "its cursor, the order versions already emitted within the overlap, and a running backfill bulk operation. Written in the "
        + "same session commit as the FlowFiles, so a restart resumes exactly after what was emitted. Clear it to start over.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@DefaultSchedule(period = "1 min")
@Tags({"shopify", "orders", "ecommerce", "graphql", "incremental", "b2b", "records"})
@CapabilityDescription("Reads new and updated orders from a Shopify shop through the Admin GraphQL API, incrementally by updatedAt with "
        + "an overlap window so that orders indexed late by Shopify are not missed, without emitting the same order version twice. "
        + "Orders are written as canonical order records (schema documented in docs/canonical-order.md) through a Record Writer, or as "
        + "Shopify's own JSON. B2B orders (bought through a company account) and B2C orders never share a FlowFile. A first load of "
        + "history can run as a bulk operation.")
@WritesAttributes({
        @WritesAttribute(attribute = "ecommerce.order.segment", description = "B2B or B2C: every order of the FlowFile has this segment"),
        @WritesAttribute(attribute = "record.count", description = "Number of orders in the FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type, or application/json for raw Shopify JSON"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop's domain"),
        @WritesAttribute(attribute = "shopify.api.version", description = "The Admin API version that served the orders"),
        @WritesAttribute(attribute = "error.code", description = "On failure: why an order could not be mapped"),
        @WritesAttribute(attribute = "error.message", description = "On failure: the detail")
})
@SeeAlso(StandardShopifyConnectionService.class)
@UseCase(description = "Send every paid Shopify order to the ERP once, B2B and B2C on separate paths.",
        configuration = """
                Set "Shopify Connection" to the shop's StandardShopifyConnectionService.
                Set "Query Filter" to `financial_status:paid` (add `tag:validated` if orders are approved by tagging them).
                Set "Output Format" to "Canonical Records" and "Record Writer" to a JsonRecordSetWriter.
                Route on the `ecommerce.order.segment` attribute (RouteOnAttribute) to the B2B and B2C flows, e.g. PutBusinessCentralOrder.
                An order is emitted again each time it is updated in Shopify (a new version): the ERP side must be idempotent on the order id.
                """)
@UseCase(description = "Load two years of order history once, then keep up with changes.",
        configuration = """
                Set "Initial Start" to "Given Date" and "Initial Start Date" to the first day wanted (read_all_orders is needed beyond 60 days).
                Set "Fetch Mode" to "Bulk Backfill": the first run exports the history with a bulk operation, polled on each run,
                and streams its result into FlowFiles of at most "Max Orders per FlowFile"; later runs read updates page by page.
                """)
// A rate-limited source: it yields when Shopify throttles (THROTTLED, 429) or cannot be reached; 10 s lets the shop's
// cost bucket refill (the standard budget restores 50 points a second) instead of probing it every second.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@MultiProcessorUseCase(
        description = "Create a Business Central sales order for every Shopify order, exactly once, B2C at once and B2B once validated.",
        keywords = {"shopify", "business central", "orders", "erp", "sales order", "b2b"},
        notes = "The flow definition flow-templates/shopify-orders-to-business-central.json builds this flow with its parameters. "
                + "An order updated in Shopify is emitted again; PutBusinessCentralOrder finds the existing sales order by its "
                + "external document number and does not create it twice.",
        configurations = {
                @ProcessorConfiguration(processorClass = FetchShopifyOrders.class, configuration = """
                        Add two FetchShopifyOrders sharing one StandardShopifyConnectionService: one with "Segment Filter" B2C and \
                        "Query Filter" `status:any` (or `financial_status:paid`), one with "Segment Filter" B2B and the query B2B \
                        orders match once validated, e.g. `tag:validated`.
                        Set "Initial Start" to "Given Date", "Output Format" to "Canonical Records" and "Record Writer" to a \
                        JsonRecordSetWriter. Connect both "success" relationships to PutBusinessCentralOrder.
                        """),
                @ProcessorConfiguration(processorClassName = "io.nifiecommerce.processors.businesscentral.PutBusinessCentralOrder", configuration = """
                        Set "Business Central Connection" to the company's StandardBusinessCentralConnectionService, "Record Reader" \
                        to a JsonTreeReader and "Record Writer" to a JsonRecordSetWriter.
                        Set "B2C Customer Matching" to DEFAULT with "B2C Default Customer", and "Shipping Line Number" to the \
                        account shipping is booked on. Loop "retry" back to the processor; send "failure" to a review queue.
                        """)
        })
@MultiProcessorUseCase(
        description = "Receive Shopify orders in real time by webhook, with FetchShopifyOrders as the safety net for missed deliveries.",
        keywords = {"shopify", "webhook", "orders", "real time"},
        configurations = {
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.ListenHTTP", configuration = """
                        Set "Base Path" to `shopify/webhooks` and "HTTP Headers to receive as Attributes (Regex)" to `X-Shopify-.*`.
                        Connect "success" to ReceiveShopifyOrderWebhook.
                        """),
                @ProcessorConfiguration(processorClassName = "io.nifiecommerce.processors.shopify.ReceiveShopifyOrderWebhook", configuration = """
                        Set "Webhook Secret" to the secret Shopify signs the app's webhooks with and "HMAC Attribute" to \
                        `X-Shopify-Hmac-Sha256`. Connect "success" to the same PutBusinessCentralOrder as FetchShopifyOrders.
                        """),
                @ProcessorConfiguration(processorClass = FetchShopifyOrders.class, configuration = """
                        Keep it running as above: an order already received by webhook is found in Business Central and not created twice.
                        """)
        })
public class FetchShopifyOrders extends AbstractProcessor implements VerifiableProcessor {

    static final String SHOP_ATTRIBUTE = "shopify.shop";
    static final String API_VERSION_ATTRIBUTE = "shopify.api.version";
    /** Shopify stops cursor pagination after this many objects: longer windows are split. */
    static final int PAGINATION_CAP = WindowedOrderRead.PAGINATION_CAP;

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("FlowFiles of orders of one segment")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Orders Shopify returned that cannot be mapped to canonical records, as raw JSON with error.code and error.message")
            .build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private volatile Clock clock = Clock.systemUTC();
    private volatile int paginationCap = PAGINATION_CAP;
    private volatile OrderPageReader pageReader;
    private volatile ShopifyGraphQlClient readerClient;
    private volatile boolean fallForwardReported;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return FetchShopifyOrdersProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** Test seam: a smaller pagination cap, to see windows split without 25,000 orders. */
    void setPaginationCap(final int cap) {
        this.paginationCap = cap;
    }

    /** Test seam: the clock that decides window ends and "now". */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (FetchShopifyOrdersProperties.START_DATE.getValue().equals(context.getProperty(FetchShopifyOrdersProperties.INITIAL_START).getValue())) {
            final String date = context.getProperty(FetchShopifyOrdersProperties.INITIAL_START_DATE).getValue();
            if (date != null) {
                try {
                    if (Instant.parse(date).isAfter(Instant.now())) {
                        results.add(new ValidationResult.Builder().subject(FetchShopifyOrdersProperties.INITIAL_START_DATE.getName()).input(date).valid(false)
                                .explanation("the initial start date is in the future").build());
                    }
                } catch (final DateTimeParseException e) {
                    results.add(new ValidationResult.Builder().subject(FetchShopifyOrdersProperties.INITIAL_START_DATE.getName()).input(date).valid(false)
                            .explanation("not an ISO-8601 instant").build());
                }
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        pageReader = null;
        readerClient = null;
        fallForwardReported = false;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final ShopifyConnectionService connection = context.getProperty(FetchShopifyOrdersProperties.SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        final ShopifyGraphQlClient client = connection.client();
        final SyncState state;
        try {
            state = SyncState.fromMap(session.getState(Scope.CLUSTER).toMap());
        } catch (final IOException e) {
            getLogger().error("Cannot read the processor's cluster state", e);
            context.yield();
            return;
        }
        final Duration overlap = Duration.ofMillis(context.getProperty(FetchShopifyOrdersProperties.OVERLAP).asTimePeriod(TimeUnit.MILLISECONDS));
        final String filter = context.getProperty(FetchShopifyOrdersProperties.QUERY_FILTER).getValue();
        final int maxPerFlowFile = context.getProperty(FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE).asInteger();
        try {
            final SessionOrderSink sink = new SessionOrderSink(session, connection,
                    SessionOrderSink.SegmentFilter.valueOf(context.getProperty(FetchShopifyOrdersProperties.SEGMENT_FILTER).getValue()),
                    FetchShopifyOrdersProperties.FORMAT_RECORDS.getValue().equals(context.getProperty(FetchShopifyOrdersProperties.OUTPUT_FORMAT).getValue())
                            ? context.getProperty(FetchShopifyOrdersProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class) : null,
                    maxPerFlowFile, getLogger(), () -> !isScheduled(), served -> reportFallForward(connection, served))
                    .withGate(ReleaseGateProperties.gate(context))
                    .withDraftOrigins(new DraftOrigins(client))
                    .withHeld((node, order, release) -> {
                        // a B2B order that skipped the review is shown, not silently left out: the others come back when approved
                        if (Release.NOT_REVIEWED.equals(release.reason())) {
                            getLogger().warn(release.detail());
                        }
                    });
            final Instant now = clock.instant();
            if (FetchShopifyOrdersProperties.MODE_BULK.getValue().equals(context.getProperty(FetchShopifyOrdersProperties.FETCH_MODE).getValue()) && BulkBackfill.applies(state)) {
                bulk(context, new BulkBackfill(new BulkOrderExport(client), overlap, filter).step(state, now, end -> initialStart(context, end), sink),
                        connection);
            } else {
                new WindowedOrderRead(reader(client, maxPerFlowFile), overlap, filter, maxPerFlowFile, paginationCap)
                        .read(state, now, initialStart(context, now), sink);
            }
        } catch (final ApiException e) {
            // what was committed stays committed with its cursor; the page in progress is dropped and read again next time
            session.rollback();
            getLogger().error("Reading orders from {} stopped: {} {} ({}); resuming after the last committed FlowFile on the next run",
                    connection.shopDomain(), e.errorClass(), e.code(), e.getMessage());
            context.yield();
        } catch (final IOException | RuntimeException e) {
            // a writer refusing the schema, an answer Shopify never gives: same rule, nothing half-committed
            session.rollback();
            getLogger().error("Reading or writing orders from {} failed; resuming after the last committed FlowFile on the next run",
                    connection.shopDomain(), e);
            context.yield();
        }
    }

    /** Reports a bulk backfill step; yields while the operation is only started or still running. */
    private void bulk(final ProcessContext context, final BulkBackfill.Result result, final ShopifyConnectionService connection) {
        switch (result.step()) {
            case STARTED -> {
                getLogger().info("Started bulk operation {} exporting the orders of {}", result.operationId(), connection.shopDomain());
                context.yield();
            }
            case RUNNING -> context.yield();
            case FELL_BACK -> getLogger().error("Bulk operation {} ended {} ({}); reading the same orders page by page instead",
                    result.operationId(), result.status().status(), result.status().errorCode());
            case READ -> getLogger().info("Bulk operation {} read: {} objects", result.operationId(), result.status().objectCount());
        }
    }

    private void reportFallForward(final ShopifyConnectionService connection, final String served) {
        if (!fallForwardReported) {
            fallForwardReported = true;
            getLogger().warn("Shopify served API version {} although {} was requested: the requested version is no longer supported "
                    + "and fell forward. Orders are read with {}; pin a supported version in the connection service.",
                    served, connection.apiVersion(), served);
        }
    }

    private OrderPageReader reader(final ShopifyGraphQlClient client, final int maxPerFlowFile) {
        // one reader per schedule keeps the page size learned from Shopify's reported costs; a page never
        // exceeds a FlowFile so that every FlowFile is committed with the cursor of its last order
        OrderPageReader reader = pageReader;
        if (reader == null || readerClient != client) {
            reader = new OrderPageReader(client, Math.min(OrderPageReader.MAX_PAGE_SIZE, maxPerFlowFile));
            pageReader = reader;
            readerClient = client;
        }
        return reader;
    }

    /** Null means no lower bound (everything). */
    static Instant initialStart(final PropertyContext context, final Instant now) {
        final String start = context.getProperty(FetchShopifyOrdersProperties.INITIAL_START).getValue();
        if (FetchShopifyOrdersProperties.START_EVERYTHING.getValue().equals(start)) {
            return null;
        }
        if (FetchShopifyOrdersProperties.START_DATE.getValue().equals(start)) {
            return Instant.parse(context.getProperty(FetchShopifyOrdersProperties.INITIAL_START_DATE).getValue());
        }
        return now;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final ShopifyConnectionService connection = context.getProperty(FetchShopifyOrdersProperties.SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        final ShopifyGraphQlClient client;
        try {
            client = connection.client();
        } catch (final RuntimeException e) {
            results.add(VerificationResults.of(ReadinessCheck.failed("Shopify Connection", "The connection service is not usable: " + e.getMessage())));
            return results;
        }
        final Instant now = clock.instant();
        OrderReadiness.checks(client, connection.apiVersion(), initialStart(context, now), now, context.getProperty(FetchShopifyOrdersProperties.QUERY_FILTER).getValue()).forEach(check -> results.add(VerificationResults.of(check)));
        return results;
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
