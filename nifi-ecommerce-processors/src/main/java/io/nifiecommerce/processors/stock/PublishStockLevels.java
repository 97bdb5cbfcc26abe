package io.nifiecommerce.processors.stock;

import io.nifiecommerce.order.Amount;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.stock.AdminApi;
import io.nifiecommerce.stock.InventoryApiException;
import io.nifiecommerce.stock.LocationDirectory;
import io.nifiecommerce.stock.PublishOutcome;
import io.nifiecommerce.stock.PublishPolicy;
import io.nifiecommerce.stock.PublishedQuantities;
import io.nifiecommerce.stock.QuantityName;
import io.nifiecommerce.stock.ShopifyAdminApi;
import io.nifiecommerce.stock.SkuResolver;
import io.nifiecommerce.stock.StockDocuments;
import io.nifiecommerce.stock.StockPublisher;
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
import org.apache.nifi.components.ValidationResult;
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
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
    static final String LOCATION_PREFIX = "location.";
    static final String SAFETY_STOCK_PREFIX = "safety-stock.";

    static final String OUTCOME_FIELD = "stock_outcome";
    static final String REASON_FIELD = "stock_reason";
    static final String MESSAGE_FIELD = "stock_message";
    static final String ITEM_FIELD = "shopify_inventory_item_id";
    static final String LOCATION_ID_FIELD = "shopify_location_id";
    static final String PUBLISHED_QUANTITY_FIELD = "stock_quantity";

    static final String STATE_CHUNKS = "published.chunks";
    static final String STATE_CHUNK_PREFIX = "published.";
    static final String STATE_LAST_FULL_RESYNC = "lastFullResync";
    /** ZooKeeper writes each state value with writeUTF: 65,535 bytes at most. */
    static final int STATE_CHUNK_CHARS = 60_000;

    private static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged", "movement_canceled",
            "movement_created", "movement_received", "movement_updated", "other", "promotion", "quality_control", "received",
            "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage");

    static final PropertyDescriptor SHOPIFY_CONNECTION = new PropertyDescriptor.Builder()
            .name("Shopify Connection")
            .description("The shop to publish to.")
            .required(true)
            .identifiesControllerService(ShopifyConnectionService.class)
            .build();

    static final PropertyDescriptor RECORD_READER = new PropertyDescriptor.Builder()
            .name("Record Reader")
            .description("Reads the stock records: EdiStockRecordReader for INVRPT/846, JsonTreeReader or CSVReader for exports.")
            .required(true)
            .identifiesControllerService(RecordReaderFactory.class)
            .build();

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the records with their outcome to success and failure.")
            .required(true)
            .identifiesControllerService(RecordSetWriterFactory.class)
            .build();

    static final PropertyDescriptor SKU_FIELD = new PropertyDescriptor.Builder()
            .name("SKU Field")
            .description("The record field holding the SKU, matched exactly against Shopify variant SKUs.")
            .required(true)
            .defaultValue("sku")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor GTIN_FIELD = new PropertyDescriptor.Builder()
            .name("GTIN Field")
            .description("""
                    The record field holding the GTIN / EAN / UPC. Used only for records without a SKU: they are matched \
                    against variant barcodes (ignoring leading zeros, so a GTIN-14 finds an EAN-13).""")
            .required(false)
            .defaultValue("gtin")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor LOCATION_FIELD = new PropertyDescriptor.Builder()
            .name("Location Field")
            .description("The record field holding the warehouse or location code. Records without one use Default Location.")
            .required(false)
            .defaultValue("warehouse")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor QUANTITY_FIELD = new PropertyDescriptor.Builder()
            .name("Quantity Field")
            .description("The record field holding the quantity; decimals are rounded down.")
            .required(true)
            .defaultValue("quantity")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor COMMITTED_FIELD = new PropertyDescriptor.Builder()
            .name("Committed Field")
            .description("""
                    The record field holding units of this quantity already promised to open orders, for Committed \
                    Compensation. Leave empty when the source quantity already excludes them.""")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor DEFAULT_LOCATION = new PropertyDescriptor.Builder()
            .name("Default Location")
            .description("The Shopify location (GID, numeric id or name) for records without a location code.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor MATCH_LOCATION_NAMES = new PropertyDescriptor.Builder()
            .name("Match Location Names")
            .description("""
                    When a location code has no location.<code> property, use the Shopify location whose name (or id) \
                    equals the code. Off, unmapped codes fail with UNMAPPED_LOCATION.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final PropertyDescriptor QUANTITY_NAME = new PropertyDescriptor.Builder()
            .name("Quantity Name")
            .description("""
                    The Shopify quantity to set. available: the units Shopify sells. on_hand: the physical units; Shopify \
                    then subtracts its own committed and reserved units.""")
            .required(true)
            .allowableValues(QuantityName.AVAILABLE.apiName(), QuantityName.ON_HAND.apiName())
            .defaultValue(QuantityName.AVAILABLE.apiName())
            .build();

    static final PropertyDescriptor SAFETY_STOCK = new PropertyDescriptor.Builder()
            .name("Safety Stock")
            .description("Units held back at every location (safety-stock.<code> overrides it per location).")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .build();

    static final PropertyDescriptor COMMITTED_COMPENSATION = new PropertyDescriptor.Builder()
            .name("Committed Compensation")
            .description("Subtract the Committed Field from the quantity when writing available.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .dependsOn(QUANTITY_NAME, QuantityName.AVAILABLE.apiName())
            .build();

    static final PropertyDescriptor REASON = new PropertyDescriptor.Builder()
            .name("Reason")
            .description("The reason Shopify records in the inventory history.")
            .required(true)
            .allowableValues(REASONS.stream().sorted().toArray(String[]::new))
            .defaultValue("correction")
            .build();

    static final PropertyDescriptor REFERENCE_DOCUMENT_URI = new PropertyDescriptor.Builder()
            .name("Reference Document URI")
            .description("A URI shown in Shopify's inventory history as the origin of the change, e.g. the 3PL report.")
            .required(false)
            .addValidator(StandardValidators.URI_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    static final PropertyDescriptor COMPARE_AND_SET = new PropertyDescriptor.Builder()
            .name("Compare And Set")
            .description("""
                    Set a quantity only if Shopify still holds the value read just before (changeFromQuantity). A sale in \
                    between fails the record with CHANGE_FROM_QUANTITY_STALE instead of overwriting it. Every run then \
                    reads current quantities from Shopify.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor FULL_RESYNC = new PropertyDescriptor.Builder()
            .name("Full Resync")
            .description("""
                    Ignore the memory of what was published and compare every record with Shopify's current quantity. \
                    The FlowFile attribute stock.full.resync=true does the same for one FlowFile.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor FULL_RESYNC_INTERVAL = new PropertyDescriptor.Builder()
            .name("Full Resync Interval")
            .description("""
                    Make a run a full resync when the last one is older than this, catching changes made in Shopify \
                    directly. Empty: only when asked for.""")
            .required(false)
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Batch Size")
            .description("Quantities per inventorySetQuantities call (Shopify accepts 250 at most).")
            .required(true)
            .defaultValue("250")
            .addValidator(StandardValidators.createLongValidator(1, 250, true))
            .build();

    static final PropertyDescriptor LOOKUP_CACHE_TTL = new PropertyDescriptor.Builder()
            .name("Lookup Cache TTL")
            .description("How long SKU-to-item and location lookups are reused before Shopify is asked again.")
            .required(true)
            .defaultValue("15 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor MAX_REMEMBERED_PAIRS = new PropertyDescriptor.Builder()
            .name("Max Remembered Pairs")
            .description("""
                    The most SKU and location pairs remembered in cluster state (about 8 characters each; 100,000 fit in \
                    ZooKeeper's default 1 MB). Beyond it, the pairs confirmed longest ago are published again on their next run.""")
            .required(true)
            .defaultValue(Integer.toString(PublishedQuantities.DEFAULT_MAX_PAIRS))
            .addValidator(StandardValidators.createLongValidator(1, 120_000, true))
            .build();

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

    private static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            SHOPIFY_CONNECTION, RECORD_READER, RECORD_WRITER, SKU_FIELD, GTIN_FIELD, LOCATION_FIELD, QUANTITY_FIELD, COMMITTED_FIELD,
            DEFAULT_LOCATION, MATCH_LOCATION_NAMES, QUANTITY_NAME, SAFETY_STOCK, COMMITTED_COMPENSATION, REASON,
            REFERENCE_DOCUMENT_URI, COMPARE_AND_SET, FULL_RESYNC, FULL_RESYNC_INTERVAL, BATCH_SIZE, LOOKUP_CACHE_TTL,
            MAX_REMEMBERED_PAIRS);

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private volatile Clock clock = Clock.systemUTC();
    private volatile SkuResolver resolver;
    private volatile LocationDirectory directory;
    private volatile Instant directoryExpires = Instant.MIN;
    private volatile AdminApi api;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String name) {
        final PropertyDescriptor.Builder builder = new PropertyDescriptor.Builder().name(name).dynamic(true).required(false);
        if (name.startsWith(SAFETY_STOCK_PREFIX) && name.length() > SAFETY_STOCK_PREFIX.length()) {
            return builder.description("Safety stock for " + name.substring(SAFETY_STOCK_PREFIX.length()))
                    .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR).build();
        }
        if (name.startsWith(LOCATION_PREFIX) && name.length() > LOCATION_PREFIX.length()) {
            return builder.description("The Shopify location of code " + name.substring(LOCATION_PREFIX.length()))
                    .addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
        }
        return builder.addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                .valid(false).explanation("dynamic properties are location.<code> or safety-stock.<code>").build()).build();
    }

    /** For tests: the clock deciding cache expiry and resync intervals. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        final ShopifyConnectionService connection = context.getProperty(SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        api = new ShopifyAdminApi(connection.client());
        final Duration ttl = Duration.ofMillis(context.getProperty(LOOKUP_CACHE_TTL).asTimePeriod(TimeUnit.MILLISECONDS));
        final int locations = (int) context.getProperties().keySet().stream()
                .filter(d -> d.isDynamic() && d.getName().startsWith(LOCATION_PREFIX)).count();
        // levels per item: one more than the locations mapped, so that "not stocked here" is usually known before the
        // mutation, and no more, since each level adds 3 points per SKU to the lookup's requested cost
        resolver = new SkuResolver(api, ttl, ttl.dividedBy(3), clock, SkuResolver.DEFAULT_SKUS_PER_QUERY,
                Math.clamp(locations + 1L, 2, 50));
        directory = null;
        directoryExpires = Instant.MIN;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final ShopifyConnectionService connection = context.getProperty(SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);

        final StockInput input;
        try {
            input = readInput(context, session, flowFile);
        } catch (final MalformedRecordException | SchemaNotFoundException | IOException | RuntimeException e) {
            getLogger().error("Cannot read stock records from {}", flowFile, e);
            flowFile = session.putAllAttributes(flowFile, Map.of("error.code", "MALFORMED_INPUT", "error.message", String.valueOf(e.getMessage())));
            session.transfer(flowFile, REL_FAILURE);
            return;
        }

        final StateMap state;
        try {
            state = session.getState(Scope.CLUSTER);
        } catch (final IOException e) {
            getLogger().warn("Cluster state unavailable; yielding", e);
            session.rollback();
            context.yield();
            return;
        }
        final int maxPairs = context.getProperty(MAX_REMEMBERED_PAIRS).asInteger();
        final PublishedQuantities memory = PublishedQuantities.decode(readChunks(state), maxPairs);
        final boolean fullResync = isFullResync(context, flowFile, state);

        final StockPublisher.Report report;
        try {
            final Map<String, String> locationIds = mapLocations(context, input.lines());
            final List<StockPublisher.Line> lines = input.lines().stream().filter(l -> l.failure() == null)
                    .map(l -> l.withLocationId(locationIds.get(l.code())).toLine()).toList();
            report = publisher(context, flowFile).publish(lines, memory, fullResync, flowFile.getAttribute("uuid"));
        } catch (final InventoryApiException e) {
            handleCallFailure(context, session, flowFile, e);
            return;
        }

        final Map<String, String> newState = new HashMap<>(encodeState(memory));
        final String lastResync = fullResync ? Long.toString(clock.millis()) : state.get(STATE_LAST_FULL_RESYNC);
        if (lastResync != null) {
            newState.put(STATE_LAST_FULL_RESYNC, lastResync);
        }
        try {
            if (!session.replaceState(state, newState, Scope.CLUSTER)) {
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

        try {
            writeResults(context, session, flowFile, input, report, fullResync, connection.shopDomain());
        } catch (final IOException | SchemaNotFoundException | RuntimeException e) {
            // stock is published and remembered; only the report could not be written
            getLogger().error("Published the stock of {} but could not write the result records", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        session.remove(flowFile);
        session.commitAsync();
    }

    private void handleCallFailure(final ProcessContext context, final ProcessSession session, final FlowFile original,
                                   final InventoryApiException e) {
        FlowFile flowFile = session.putAllAttributes(original, Map.of("error.code", String.valueOf(e.code()),
                "error.message", String.valueOf(e.getMessage())));
        if (e.isAuthentication()) {
            getLogger().error("Shopify refused the credentials or their scopes ({}); check the connection and the app's access scopes",
                    e.getMessage());
            session.rollback();
            context.yield();
        } else if (e.isTransient()) {
            getLogger().warn("Shopify unavailable for {} ({}): routing to retry", original, e.getMessage());
            flowFile = session.penalize(flowFile);
            session.transfer(flowFile, REL_RETRY);
        } else {
            getLogger().error("Shopify rejected the request for {}: {} {}", original, e.code(), e.getMessage());
            session.transfer(flowFile, REL_FAILURE);
        }
    }

    private boolean isFullResync(final ProcessContext context, final FlowFile flowFile, final StateMap state) {
        if (context.getProperty(FULL_RESYNC).asBoolean() || "true".equalsIgnoreCase(flowFile.getAttribute(FULL_RESYNC_ATTRIBUTE))) {
            return true;
        }
        if (!context.getProperty(FULL_RESYNC_INTERVAL).isSet()) {
            return false;
        }
        final String last = state.get(STATE_LAST_FULL_RESYNC);
        final long interval = context.getProperty(FULL_RESYNC_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS);
        return last == null || clock.millis() - Long.parseLong(last) >= interval;
    }

    private StockPublisher publisher(final ProcessContext context, final FlowFile flowFile) {
        final Map<String, Long> safetyByLocation = new HashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && descriptor.getName().startsWith(SAFETY_STOCK_PREFIX) && value != null) {
                safetyByLocation.put(descriptor.getName().substring(SAFETY_STOCK_PREFIX.length()), Long.parseLong(value.trim()));
            }
        });
        final PublishPolicy policy = new PublishPolicy(QuantityName.fromApiName(context.getProperty(QUANTITY_NAME).getValue()),
                context.getProperty(SAFETY_STOCK).asLong(), safetyByLocation,
                context.getProperty(COMMITTED_COMPENSATION).asBoolean());
        final ShopifyConnectionService connection = context.getProperty(SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        final StockPublisher.Settings settings = new StockPublisher.Settings(policy, context.getProperty(REASON).getValue(),
                context.getProperty(REFERENCE_DOCUMENT_URI).evaluateAttributeExpressions(flowFile).getValue(),
                connection.apiVersion(), context.getProperty(COMPARE_AND_SET).asBoolean(), context.getProperty(BATCH_SIZE).asInteger());
        return new StockPublisher(api, resolver, settings, clock);
    }

    /** Location code to Shopify Location GID (null when unmapped), for the codes present in the input. */
    private Map<String, String> mapLocations(final ProcessContext context, final List<PendingLine> lines) {
        final Map<String, String> mapped = new HashMap<>();
        final Map<String, String> configuredByCode = new HashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && descriptor.getName().startsWith(LOCATION_PREFIX) && value != null) {
                configuredByCode.put(descriptor.getName().substring(LOCATION_PREFIX.length()), value);
            }
        });
        final boolean matchNames = context.getProperty(MATCH_LOCATION_NAMES).asBoolean();
        for (PendingLine line : lines) {
            if (line.failure() != null || mapped.containsKey(line.code())) {
                continue;
            }
            final String code = line.code();
            final String configured = code == null ? context.getProperty(DEFAULT_LOCATION).getValue() : configuredByCode.get(code);
            Optional<String> id = Optional.empty();
            if (configured != null) {
                id = directory().resolve(configured);
            } else if (code != null && matchNames) {
                id = directory().resolve(code);
            }
            mapped.put(code, id.orElse(null));
        }
        return mapped;
    }

    private LocationDirectory directory() {
        final Instant now = clock.instant();
        if (directory == null || now.isAfter(directoryExpires)) {
            directory = LocationDirectory.fetch(api);
            directoryExpires = now.plus(Duration.ofMinutes(15));
        }
        return directory;
    }

    /** A record read from the input: its line for the publisher, or why it cannot be one. */
    record PendingLine(String sku, String gtin, String code, String locationId, long quantity, Long committed, String failure) {

        PendingLine withLocationId(final String id) {
            return new PendingLine(sku, gtin, code, id, quantity, committed, failure);
        }

        StockPublisher.Line toLine() {
            return new StockPublisher.Line(sku, gtin, code, locationId, quantity, committed);
        }
    }

    record StockInput(RecordSchema schema, List<Record> records, List<PendingLine> lines) {
    }

    private StockInput readInput(final ProcessContext context, final ProcessSession session, final FlowFile flowFile)
            throws IOException, MalformedRecordException, SchemaNotFoundException {
        final RecordReaderFactory readerFactory = context.getProperty(RECORD_READER).asControllerService(RecordReaderFactory.class);
        final String skuField = context.getProperty(SKU_FIELD).getValue();
        final String gtinField = context.getProperty(GTIN_FIELD).getValue();
        final String locationField = context.getProperty(LOCATION_FIELD).getValue();
        final String quantityField = context.getProperty(QUANTITY_FIELD).getValue();
        final String committedField = context.getProperty(COMMITTED_FIELD).getValue();
        final List<Record> records = new ArrayList<>();
        final List<PendingLine> lines = new ArrayList<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, getLogger())) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
                lines.add(toLine(record, skuField, gtinField, locationField, quantityField, committedField));
            }
            return new StockInput(reader.getSchema(), records, lines);
        }
    }

    private static PendingLine toLine(final Record record, final String skuField, final String gtinField, final String locationField,
                                      final String quantityField, final String committedField) {
        final String sku = trimmed(record.getAsString(skuField));
        final String gtin = gtinField == null ? null : trimmed(record.getAsString(gtinField));
        final String code = locationField == null ? null : trimmed(record.getAsString(locationField));
        final Long quantity = wholeUnits(record.getValue(quantityField));
        final Long committed = committedField == null ? null : wholeUnits(record.getValue(committedField));
        if (quantity == null) {
            return new PendingLine(sku, gtin, code, null, 0, null, "Field " + quantityField + " is missing or not a number: "
                    + record.getValue(quantityField));
        }
        return new PendingLine(sku, gtin, code, null, quantity, committed, null);
    }

    private static String trimmed(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A quantity as whole units, rounded down; null when absent or not a number. */
    static Long wholeUnits(final Object value) {
        if (value == null) {
            return null;
        }
        try {
            // bounded first: flooring 1E99999999 would take minutes
            return Amount.parse(value.toString()).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (final NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String readChunks(final StateMap state) {
        final String count = state.get(STATE_CHUNKS);
        if (count == null) {
            return null;
        }
        final StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(count); i++) {
            final String chunk = state.get(STATE_CHUNK_PREFIX + i);
            if (chunk == null) {
                return null;
            }
            encoded.append(chunk);
        }
        return encoded.toString();
    }

    static Map<String, String> encodeState(final PublishedQuantities memory) {
        final String encoded = memory.encode();
        final Map<String, String> state = new HashMap<>();
        int chunks = 0;
        for (int from = 0; from < encoded.length(); from += STATE_CHUNK_CHARS) {
            state.put(STATE_CHUNK_PREFIX + chunks++, encoded.substring(from, Math.min(from + STATE_CHUNK_CHARS, encoded.length())));
        }
        state.put(STATE_CHUNKS, Integer.toString(chunks));
        return state;
    }

    private void writeResults(final ProcessContext context, final ProcessSession session, final FlowFile original,
                              final StockInput input, final StockPublisher.Report report, final boolean fullResync,
                              final String shop) throws IOException, SchemaNotFoundException {
        final List<PublishOutcome> outcomes = new ArrayList<>(input.records().size());
        int next = 0;
        for (PendingLine line : input.lines()) {
            if (line.failure() != null) {
                outcomes.add(new PublishOutcome(PublishOutcome.Status.FAILED, "INVALID_QUANTITY", line.failure(), null, null, null));
            } else {
                outcomes.add(report.outcomes().get(next++));
            }
        }
        final RecordSchema schema = outputSchema(input.schema());
        final Map<String, String> counts = new HashMap<>();
        counts.put("stock.published", Long.toString(outcomes.stream().filter(o -> o.status() == PublishOutcome.Status.PUBLISHED).count()));
        counts.put("stock.unchanged", Long.toString(outcomes.stream().filter(o -> o.status() == PublishOutcome.Status.UNCHANGED).count()));
        counts.put("stock.failed", Long.toString(outcomes.stream().filter(o -> o.status() == PublishOutcome.Status.FAILED).count()));
        counts.put("stock.mutations", Integer.toString(report.mutations()));
        counts.put("stock.lookups", Long.toString(report.lookups()));
        counts.put(FULL_RESYNC_ATTRIBUTE, Boolean.toString(fullResync));
        counts.put("shopify.shop", String.valueOf(shop));

        final List<Integer> succeeded = new ArrayList<>();
        final List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            (outcomes.get(i).status() == PublishOutcome.Status.FAILED ? failed : succeeded).add(i);
        }
        if (!succeeded.isEmpty() || failed.isEmpty()) {
            FlowFile success = write(context, session, original, schema, input.records(), outcomes, succeeded, counts);
            session.getProvenanceReporter().send(success, "https://" + shop + "/admin", "stock levels: "
                    + counts.get("stock.published") + " published, " + counts.get("stock.unchanged") + " unchanged");
            session.transfer(success, REL_SUCCESS);
        }
        if (!failed.isEmpty()) {
            final Map<String, String> attributes = new HashMap<>(counts);
            final Map<String, Long> reasons = failed.stream().map(i -> String.valueOf(outcomes.get(i).code()))
                    .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
            attributes.put("error.code", reasons.size() == 1 ? reasons.keySet().iterator().next() : "STOCK_RECORDS_FAILED");
            attributes.put("error.message", failed.size() + " of " + outcomes.size() + " records not published: "
                    + reasons.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")));
            session.transfer(write(context, session, original, schema, input.records(), outcomes, failed, attributes), REL_FAILURE);
        }
    }

    private FlowFile write(final ProcessContext context, final ProcessSession session, final FlowFile original, final RecordSchema schema,
                           final List<Record> records, final List<PublishOutcome> outcomes, final List<Integer> indexes,
                           final Map<String, String> attributes) throws IOException, SchemaNotFoundException {
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        FlowFile child = session.create(original);
        final RecordSchema writeSchema = writerFactory.getSchema(original.getAttributes(), schema);
        final Map<String, String> written = new HashMap<>(attributes);
        try (OutputStream out = session.write(child);
             RecordSetWriter writer = writerFactory.createWriter(getLogger(), writeSchema, out, original)) {
            writer.beginRecordSet();
            for (int index : indexes) {
                writer.write(withOutcome(schema, records.get(index), outcomes.get(index)));
            }
            final WriteResult result = writer.finishRecordSet();
            written.putAll(result.getAttributes());
            written.put("record.count", Integer.toString(result.getRecordCount()));
            written.put("mime.type", writer.getMimeType());
        }
        return session.putAllAttributes(child, written);
    }

    static RecordSchema outputSchema(final RecordSchema input) {
        final List<RecordField> fields = new ArrayList<>();
        final Set<String> added = Set.of(OUTCOME_FIELD, REASON_FIELD, MESSAGE_FIELD, ITEM_FIELD, LOCATION_ID_FIELD, PUBLISHED_QUANTITY_FIELD);
        for (RecordField field : input.getFields()) {
            if (!added.contains(field.getFieldName())) {
                fields.add(field);
            }
        }
        fields.add(new RecordField(OUTCOME_FIELD, RecordFieldType.STRING.getDataType(), false));
        fields.add(new RecordField(REASON_FIELD, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(MESSAGE_FIELD, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(ITEM_FIELD, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(LOCATION_ID_FIELD, RecordFieldType.STRING.getDataType(), true));
        fields.add(new RecordField(PUBLISHED_QUANTITY_FIELD, RecordFieldType.LONG.getDataType(), true));
        return new SimpleRecordSchema(fields);
    }

    private static Record withOutcome(final RecordSchema schema, final Record record, final PublishOutcome outcome) {
        final Map<String, Object> values = new LinkedHashMap<>(record.toMap());
        values.put(OUTCOME_FIELD, outcome.status().label());
        values.put(REASON_FIELD, outcome.code());
        values.put(MESSAGE_FIELD, outcome.message());
        values.put(ITEM_FIELD, outcome.inventoryItemId());
        values.put(LOCATION_ID_FIELD, outcome.locationId());
        values.put(PUBLISHED_QUANTITY_FIELD, outcome.quantity());
        return new MapRecord(schema, values);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final AdminApi verifyApi;
        try {
            verifyApi = new ShopifyAdminApi(context.getProperty(SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class).client());
        } catch (final RuntimeException e) {
            results.add(result("Connect to Shopify", false, "The Shopify Connection is not available: " + e.getMessage()));
            return results;
        }
        try {
            final LocationDirectory locations = LocationDirectory.fetch(verifyApi);
            final List<String> unresolved = new ArrayList<>();
            context.getProperties().forEach((descriptor, value) -> {
                if (descriptor.isDynamic() && descriptor.getName().startsWith(LOCATION_PREFIX) && locations.resolve(value).isEmpty()) {
                    unresolved.add(descriptor.getName() + " = " + value);
                }
            });
            final String defaultLocation = context.getProperty(DEFAULT_LOCATION).getValue();
            if (defaultLocation != null && locations.resolve(defaultLocation).isEmpty()) {
                unresolved.add(DEFAULT_LOCATION.getName() + " = " + defaultLocation);
            }
            results.add(result("Read Shopify locations", unresolved.isEmpty(), unresolved.isEmpty()
                    ? "Read " + locations.locations().size() + " active locations: "
                    + locations.locations().stream().map(LocationDirectory.ShopifyLocation::name).collect(Collectors.joining(", "))
                    : "No active Shopify location matches " + String.join("; ", unresolved)));
        } catch (final InventoryApiException e) {
            results.add(result("Read Shopify locations", false, "Shopify refused the locations query: " + e.code() + " " + e.getMessage()));
        }
        try {
            final Set<String> scopes = new HashSet<>();
            verifyApi.execute(StockDocuments.ACCESS_SCOPES, Map.of()).path("data").path("currentAppInstallation").path("accessScopes")
                    .forEach(scope -> scopes.add(scope.path("handle").asText()));
            // reading the locations above already proved read_locations; the lookups need read_products
            final List<String> missing = List.of("write_inventory", "read_inventory", "read_products").stream()
                    .filter(scope -> !scopes.contains(scope)
                            && !(scope.startsWith("read_") && scopes.contains("write_" + scope.substring("read_".length()))))
                    .toList();
            results.add(result("Check access scopes", missing.isEmpty(), missing.isEmpty()
                    ? "The app holds write_inventory and read_products"
                    : "The app lacks " + String.join(", ", missing) + "; grant them in the app's configuration"));
        } catch (final InventoryApiException e) {
            // a refused token fails; a shop (or simulator) that cannot answer the question only skips the check
            results.add(new ConfigVerificationResult.Builder()
                    .verificationStepName("Check access scopes")
                    .outcome(e.isAuthentication() || e.isTransient() ? ConfigVerificationResult.Outcome.FAILED : ConfigVerificationResult.Outcome.SKIPPED)
                    .explanation("Cannot read the app's access scopes: " + e.code() + " " + e.getMessage())
                    .build());
        }
        return results;
    }

    private static ConfigVerificationResult result(final String step, final boolean ok, final String explanation) {
        return new ConfigVerificationResult.Builder()
                .verificationStepName(step)
                .outcome(ok ? ConfigVerificationResult.Outcome.SUCCESSFUL : ConfigVerificationResult.Outcome.FAILED)
                .explanation(explanation)
                .build();
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
