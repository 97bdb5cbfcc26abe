package io.nifiecommerce.processors.stock;

import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.http.ReadinessCheck;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.VerificationResults;
import io.nifiecommerce.processors.shopify.ShopifyCallFailure;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.stock.AdminApi;
import io.nifiecommerce.stock.InventoryApiException;
import io.nifiecommerce.stock.LocationMapping;
import io.nifiecommerce.stock.PublishOutcome;
import io.nifiecommerce.stock.PublishState;
import io.nifiecommerce.stock.ShopifyAdminApi;
import io.nifiecommerce.stock.SkuResolver;
import io.nifiecommerce.stock.StockInputLine;
import io.nifiecommerce.stock.StockPublisher;
import io.nifiecommerce.stock.StockReadiness;
import org.apache.nifi.annotation.behavior.DynamicProperties;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
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
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@Tags({"shopify", "inventory", "stock", "publish", "erp", "3pl", "edi", "record"})
@CapabilityDescription("""
        Publishes stock levels to Shopify. Reads stock records from any Record Reader (Business Central items, a CSV \
        export, the EDI stock reader for INVRPT and 846), maps each warehouse code to a Shopify location, applies \
        safety stock and clamps negative quantities, and sets the quantities with inventorySetQuantities, 250 per call, \
        each call under an idempotency key. Only what changed since the last publish is sent: the last quantity \
        published per SKU and location is kept in cluster state. Every record comes out, with its outcome, on success \
        (published or unchanged) or on failure (unknown SKU, item not stocked at the location, stale compare-and-set...).""")
@SeeAlso(EdiStockRecordReader.class)
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = """
        The last quantity published per SKU and Shopify location, packed into a few entries (about 8 characters per \
        pair, up to Max Remembered Pairs), and the time of the last full resync. Clearing the state makes the next run a \
        full resync.""")
@ReadsAttribute(attribute = PublishStockLevels.FULL_RESYNC_ATTRIBUTE, description = "true forces a full resync for this FlowFile")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
        @WritesAttribute(attribute = "stock.published", description = "Records whose quantity was set in Shopify"),
        @WritesAttribute(attribute = "stock.unchanged", description = "Records needing no change"),
        @WritesAttribute(attribute = "stock.failed", description = "Records that could not be published"),
        @WritesAttribute(attribute = "stock.mutations", description = "inventorySetQuantities calls made for the input"),
        @WritesAttribute(attribute = "stock.lookups", description = "SKU lookup queries made for the input"),
        @WritesAttribute(attribute = PublishStockLevels.FULL_RESYNC_ATTRIBUTE, description = "Whether the run was a full resync"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop published to"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: why (UNKNOWN_SKU, THROTTLED, MALFORMED_INPUT...)"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the explanation")
})
@DynamicProperties({
        @DynamicProperty(name = "location.<code>", value = "A Shopify location: its GID, numeric id or name",
                description = "Maps the warehouse or location code <code> of the records to a Shopify location",
                expressionLanguageScope = ExpressionLanguageScope.NONE),
        @DynamicProperty(name = "safety-stock.<code>", value = "Units to hold back",
                description = "Safety stock for the location code <code> (or a Shopify location GID), overriding Safety Stock",
                expressionLanguageScope = ExpressionLanguageScope.NONE)
})
@UseCase(
        description = "Publish the stock a 3PL reports by EDI (INVRPT or 846) to Shopify, sending only what changed.",
        configuration = """
                Set Record Reader to an EdiStockRecordReader and Record Writer to a JsonRecordSetWriter.
                Keep SKU Field "sku", Location Field "warehouse", Quantity Field "quantity".
                Add a dynamic property per warehouse code, for example location.WH01 = Lyon (a Shopify location name or id).
                Route failure to a place someone looks at: its records carry stock_reason and stock_message.""")
@UseCase(
        description = "Publish Business Central item inventory to Shopify every hour, with a daily full resync.",
        configuration = """
                Read items with GetBusinessCentralRecords (entity set items, fields number, inventory) into JSON.
                Set Record Reader to a JsonTreeReader, SKU Field "number", Quantity Field "inventory", and Default Location \
                to the Shopify location the stock belongs to.
                Set Full Resync Interval to 24 hours: once a day every SKU is compared with Shopify and corrected.""")
// A rate-limited sink: it yields when Shopify throttles or cannot be reached and penalizes what goes to retry, so that a
// looped-back FlowFile waits 30 s for the shop's cost bucket to refill before its quantities are sent again.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Every record of an incoming FlowFile is read into "
        + "memory before the quantities are compared and sent, and the quantities already published (up to Max Remembered Pairs "
        + "SKU and location pairs) are held in memory while the processor runs.")
@MultiProcessorUseCase(
        description = "Publish Business Central item stock to Shopify every hour, sending only what changed, with a nightly full resync.",
        keywords = {"stock", "inventory", "business central", "shopify", "resync"},
        notes = "The flow definition flow-templates/stock-to-shopify.json builds this flow, together with the 3PL EDI path below.",
        configurations = {
                @ProcessorConfiguration(processorClassName = "io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords", configuration = """
                        Set "Entity Set" to `items` and "Select" to `id,number,gtin,inventory,lastModifiedDateTime`, "Record Writer" \
                        to a JsonRecordSetWriter, and run it every hour. A second one with "Read Mode" FULL, run at night, feeds \
                        the full resync.
                        """),
                @ProcessorConfiguration(processorClass = PublishStockLevels.class, configuration = """
                        Set "Record Reader" to a JsonTreeReader, "SKU Field" to `number`, "Quantity Field" to `inventory` and \
                        "Default Location" to the Shopify location the stock belongs to. On the nightly path set "Full Resync" \
                        to true. Loop "retry" back; send "failure" to a review queue.
                        """)
        })
@MultiProcessorUseCase(
        description = "Publish the stock a 3PL reports in EDI files (EDIFACT INVRPT or X12 846) to Shopify.",
        keywords = {"stock", "inventory", "edi", "3pl", "invrpt", "846", "shopify"},
        configurations = {
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.ListFile", configuration = """
                        Set "Input Directory" to the folder the 3PL's files are dropped in and "File Filter" to \
                        `.*\\.(edi|EDI|txt|x12)`. Connect "success" to FetchFile.
                        """),
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.FetchFile", configuration = """
                        Set "Completion Strategy" to "Delete File" (or "Move File"). Connect "success" to PublishStockLevels.
                        """),
                @ProcessorConfiguration(processorClass = PublishStockLevels.class, configuration = """
                        Set "Record Reader" to an EdiStockRecordReader ("EDI Standard" auto), "SKU Field" to `sku`, "Quantity \
                        Field" to `quantity`, and add a dynamic property `location.<warehouse code>` per 3PL warehouse naming \
                        its Shopify location.
                        """)
        })
public class PublishStockLevels extends AbstractProcessor implements VerifiableProcessor {

    static final String FULL_RESYNC_ATTRIBUTE = "stock.full.resync";
    static final String LOCATION_PREFIX = StockProperties.LOCATION_PREFIX;

    static final String REASON_FIELD = StockOutcomeFields.REASON;
    static final String MESSAGE_FIELD = StockOutcomeFields.MESSAGE;
    /** Counter (NiFi's Counters page): SKU and location pairs whose quantity was set in Shopify. */
    static final String COUNTER_PAIRS_SET = "Stock Pairs Set";

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records published or already right in Shopify, with stock_outcome published or unchanged")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Records that could not be published, with stock_reason and stock_message; or an unreadable input")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The input, penalized, when Shopify could not be reached or throttled beyond the retries")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private static final ShopifyCallFailure CALL_FAILURE = new ShopifyCallFailure(REL_RETRY, REL_FAILURE,
            "check the connection and the app's access scopes");

    private volatile Clock clock = Clock.systemUTC();
    private volatile SkuResolver resolver;
    private volatile LocationMapping locations;
    private volatile AdminApi api;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return StockProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String name) {
        return StockProperties.dynamicDescriptor(name);
    }

    /** For tests: the clock deciding cache expiry and resync intervals. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final ShopifyConnectionService connection = context.getProperty(StockProperties.SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        api = new ShopifyAdminApi(connection.client());
        final Duration ttl = Duration.ofMillis(context.getProperty(StockProperties.LOOKUP_CACHE_TTL).asTimePeriod(TimeUnit.MILLISECONDS));
        final Map<String, String> locationByCode = StockProperties.dynamic(context, LOCATION_PREFIX);
        // levels per item: one more than the locations mapped, so that "not stocked here" is usually known before the
        // mutation, and no more, since each level adds 3 points per SKU to the lookup's requested cost
        resolver = new SkuResolver(api, ttl, ttl.dividedBy(3), clock, SkuResolver.DEFAULT_SKUS_PER_QUERY,
                Math.clamp(locationByCode.size() + 1L, 2, 50));
        locations = new LocationMapping(api, locationByCode, context.getProperty(StockProperties.DEFAULT_LOCATION).getValue(),
                context.getProperty(StockProperties.MATCH_LOCATION_NAMES).asBoolean(), clock);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final ShopifyConnectionService connection = context.getProperty(StockProperties.SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);

        final StockInput input;
        try {
            input = StockInput.read(session, flowFile, context.getProperty(StockProperties.RECORD_READER).asControllerService(RecordReaderFactory.class),
                    new StockInput.Fields(context.getProperty(StockProperties.SKU_FIELD).getValue(), context.getProperty(StockProperties.GTIN_FIELD).getValue(),
                            context.getProperty(StockProperties.LOCATION_FIELD).getValue(), context.getProperty(StockProperties.QUANTITY_FIELD).getValue(),
                            context.getProperty(StockProperties.COMMITTED_FIELD).getValue()), getLogger());
        } catch (final MalformedRecordException | SchemaNotFoundException | IOException | RuntimeException e) {
            getLogger().error("Cannot read stock records from {}", flowFile, e);
            flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of("MALFORMED_INPUT", String.valueOf(e.getMessage())));
            session.transfer(flowFile, REL_FAILURE);
            return;
        }

        final StateMap stateMap;
        try {
            stateMap = session.getState(Scope.CLUSTER);
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; yielding", e);
            session.rollback();
            context.yield();
            return;
        }
        final PublishState state = PublishState.read(stateMap.toMap(), context.getProperty(StockProperties.MAX_REMEMBERED_PAIRS).asInteger());
        final Instant now = clock.instant();
        final Duration resyncInterval = context.getProperty(StockProperties.FULL_RESYNC_INTERVAL).isSet()
                ? Duration.ofMillis(context.getProperty(StockProperties.FULL_RESYNC_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS)) : null;
        final boolean fullResync = context.getProperty(StockProperties.FULL_RESYNC).asBoolean() || "true".equalsIgnoreCase(flowFile.getAttribute(FULL_RESYNC_ATTRIBUTE))
                || state.fullResyncDue(resyncInterval, now);

        final StockPublisher.Report report;
        try {
            final List<StockInputLine> valid = input.lines().stream().filter(StockInputLine::valid).toList();
            final Map<String, String> locationIds = locations.resolve(valid.stream().map(StockInputLine::locationCode).toList());
            final StockPublisher publisher = new StockPublisher(api, resolver, StockProperties.settings(context, flowFile, connection.apiVersion()), clock);
            report = publisher.publish(valid.stream().map(l -> l.toLine(locationIds.get(l.locationCode()))).toList(),
                    state.memory(), fullResync, flowFile.getAttribute("uuid"));
        } catch (final InventoryApiException e) {
            CALL_FAILURE.route(context, session, flowFile, getLogger(), e);
            return;
        }

        try {
            if (!session.replaceState(stateMap, state.toMap(fullResync, now), Scope.CLUSTER)) {
                // another node published at the same time: run again on fresh state; the calls replay idempotently
                getLogger().info("Cluster state changed during the run; {} will be processed again", flowFile);
                session.rollback();
                context.yield();
                return;
            }
        } catch (final IOException e) {
            getLogger().warn("Cannot save the published quantities; {} will be processed again", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }

        final List<PublishOutcome> outcomes = StockInputLine.outcomes(input.lines(), report.outcomes());
        try {
            writeResults(context, session, flowFile, input, outcomes, report, fullResync, connection.shopDomain());
        } catch (final IOException | RuntimeException e) {
            // stock is published and remembered; only the report could not be written
            getLogger().error("Published the stock of {} but could not write the result records", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        session.remove(flowFile);
        session.adjustCounter(COUNTER_PAIRS_SET, count(outcomes, PublishOutcome.Status.PUBLISHED), false);
        session.commitAsync();
    }

    private void writeResults(final ProcessContext context, final ProcessSession session, final FlowFile original, final StockInput input,
                              final List<PublishOutcome> outcomes, final StockPublisher.Report report, final boolean fullResync,
                              final String shop) throws IOException {
        final Map<String, String> counts = new HashMap<>();
        counts.put("stock.published", Long.toString(count(outcomes, PublishOutcome.Status.PUBLISHED)));
        counts.put("stock.unchanged", Long.toString(count(outcomes, PublishOutcome.Status.UNCHANGED)));
        counts.put("stock.failed", Long.toString(count(outcomes, PublishOutcome.Status.FAILED)));
        counts.put("stock.mutations", Integer.toString(report.mutations()));
        counts.put("stock.lookups", Long.toString(report.lookups()));
        counts.put(FULL_RESYNC_ATTRIBUTE, Boolean.toString(fullResync));
        counts.put("shopify.shop", String.valueOf(shop));
        final Map<Relationship, FlowFile> routed = input.route(session, original,
                context.getProperty(StockProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outcomes, counts, REL_SUCCESS, REL_FAILURE, getLogger());
        for (final Map.Entry<Relationship, FlowFile> finished : routed.entrySet()) {
            if (finished.getKey() == REL_SUCCESS) {
                session.getProvenanceReporter().send(finished.getValue(), "https://" + shop + "/admin", "stock levels: "
                        + counts.get("stock.published") + " published, " + counts.get("stock.unchanged") + " unchanged");
            }
            session.transfer(finished.getValue(), finished.getKey());
        }
    }

    private static long count(final List<PublishOutcome> outcomes, final PublishOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final AdminApi verifyApi;
        try {
            verifyApi = new ShopifyAdminApi(context.getProperty(StockProperties.SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class).client());
        } catch (final RuntimeException e) {
            results.add(VerificationResults.of(ReadinessCheck.failed("Connect to Shopify", "The Shopify Connection is not available: " + e.getMessage())));
            return results;
        }
        final Map<String, String> configured = new LinkedHashMap<>();
        StockProperties.dynamic(context, LOCATION_PREFIX).forEach((code, value) -> configured.put(LOCATION_PREFIX + code, value));
        if (context.getProperty(StockProperties.DEFAULT_LOCATION).isSet()) {
            configured.put(StockProperties.DEFAULT_LOCATION.getName(), context.getProperty(StockProperties.DEFAULT_LOCATION).getValue());
        }
        StockReadiness.checks(verifyApi, configured).forEach(check -> results.add(VerificationResults.of(check)));
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
