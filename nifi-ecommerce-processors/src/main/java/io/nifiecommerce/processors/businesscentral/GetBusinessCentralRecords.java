package io.nifiecommerce.processors.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.ODataFilter;
import io.nifiecommerce.businesscentral.Page;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.RunScheduleValidator;
import io.nifiecommerce.schedule.RunState;
import io.nifiecommerce.schedule.ScheduledRuns;
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
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The highest value of the Incremental Field read so far and the ids of the records "
        + "carrying exactly that value, so the next run continues after them; when the next run is due (run.due), the last success "
        + "(run.last.success) and, after a failed run, how many failed in a row (run.failures) and why (run.last.error).")
@DefaultSchedule(strategy = org.apache.nifi.scheduling.SchedulingStrategy.TIMER_DRIVEN, period = "1 min")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@Tags({"business central", "dynamics 365", "erp", "odata", "get", "incremental", "record", "items", "shipments"})
@CapabilityDescription("Reads records from a Business Central API page (a standard API v2.0 entity set such as items, customers or "
        + "salesShipments, or a custom API page route), incrementally by lastModifiedDateTime or another ordered field, following "
        + "@odata.nextLink, and writes them with a Record Writer. The record schema is inferred from the first page. The cursor is kept "
        + "in cluster state and committed together with the output.")
@SeeAlso({StandardBusinessCentralConnectionService.class, PutBusinessCentralOrder.class})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the FlowFile"),
        @WritesAttribute(attribute = "bc.entity.set", description = "The entity set read"),
        @WritesAttribute(attribute = "bc.cursor", description = "The cursor after this FlowFile (highest incremental value)"),
        @WritesAttribute(attribute = "bc.read.complete", description = "true on a Full read without a filter: every record of the entity "
                + "set, read to the last page (a failed read emits nothing)"),
        @WritesAttribute(attribute = "mime.type", description = "From the Record Writer")
})
@UseCase(
        description = "Publish Business Central stock levels to the shop: read every item's inventory, hourly.",
        configuration = """
                Set "Entity Set" to items, "Read Mode" to Full, "Select" to number,inventory and "Page Size" to 20000 (one request \
                per 20,000 items). Inventory is a FlowField that postings change without changing lastModifiedDateTime, so an \
                incremental read would miss stock movements; PublishStockLevels sends only what changed. Choose a JSON Record Set \
                Writer. Schedule hourly on the primary node.
                """)
@UseCase(
        description = "Read shipments with tracking numbers from a custom API page.",
        configuration = """
                Set "API Route" to the page's route, e.g. api/contoso/logistics/v1.0, and "Entity Set" to its entity set name, e.g. \
                shipmentTrackings. Use "Filter" to narrow it (e.g. trackingNumber ne '') and "Expand" for its lines.
                """)
// A rate-limited source: it yields when Business Central does not answer, refuses the read or cannot be reached; 10 s
// between attempts spares BC's request window (6,000 requests per 5 minutes online) instead of retrying every second.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class GetBusinessCentralRecords extends AbstractProcessor {

    static final String STATE_CURSOR = "cursor";
    static final String STATE_BOUNDARY_IDS = "cursor.ids";
    static final String STATE_QUERY = "query";

    public static final PropertyDescriptor CONNECTION_SERVICE = new PropertyDescriptor.Builder()
            .name("Business Central Connection")
            .description("The connection to the Business Central company.")
            .required(true)
            .identifiesControllerService(BusinessCentralConnectionService.class)
            .build();

    public static final PropertyDescriptor API_ROUTE = new PropertyDescriptor.Builder()
            .name("API Route")
            .description("api/v2.0 for the standard API, or a custom API page route api/{publisher}/{group}/{version}.")
            .required(true)
            .defaultValue(BusinessCentralEndpoint.STANDARD_ROUTE)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("/?api/[^/\\s]+(/[^/\\s]+/[^/\\s]+)?/?")))
            .build();

    public static final PropertyDescriptor ENTITY_SET = new PropertyDescriptor.Builder()
            .name("Entity Set")
            .description("The entity set (API page) under the company, e.g. items, customers, salesShipments, salesInvoices.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*")))
            .build();

    static final AllowableValue MODE_INCREMENTAL = new AllowableValue("INCREMENTAL", "Incremental",
            "Records changed since the last run, by the Incremental Field; the cursor is kept in cluster state");
    static final AllowableValue MODE_FULL = new AllowableValue("FULL", "Full",
            "Every record on every run (e.g. a nightly full resync); no state");

    public static final PropertyDescriptor READ_MODE = new PropertyDescriptor.Builder()
            .name("Read Mode")
            .description("Whether each run reads what changed since the last one or everything.")
            .required(true)
            .allowableValues(MODE_INCREMENTAL, MODE_FULL)
            .defaultValue(MODE_INCREMENTAL.getValue())
            .build();

    public static final PropertyDescriptor INCREMENTAL_FIELD = new PropertyDescriptor.Builder()
            .name("Incremental Field")
            .description("An ordered field that grows when a record changes.")
            .required(true)
            .defaultValue("lastModifiedDateTime")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(READ_MODE, MODE_INCREMENTAL)
            .build();

    public static final PropertyDescriptor ID_FIELD = new PropertyDescriptor.Builder()
            .name("ID Field")
            .description("A field unique per record, used to skip records already emitted that share the boundary value.")
            .required(true)
            .defaultValue("id")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(READ_MODE, MODE_INCREMENTAL)
            .build();

    public static final PropertyDescriptor INITIAL_VALUE = new PropertyDescriptor.Builder()
            .name("Initial Value")
            .description("Where the first run starts, e.g. 2026-01-01T00:00:00Z. Empty: from the beginning.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(READ_MODE, MODE_INCREMENTAL)
            .build();

    public static final PropertyDescriptor SETTLE_TIME = new PropertyDescriptor.Builder()
            .name("Settle Time")
            .description("Records modified less than this long ago are left for the next run, so a transaction still committing "
                    + "when the page is read is not skipped. Applies to date-time incremental fields; 0 sec for other fields.")
            .required(true)
            .defaultValue("10 sec")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .dependsOn(READ_MODE, MODE_INCREMENTAL)
            .build();

    public static final PropertyDescriptor FILTER = new PropertyDescriptor.Builder()
            .name("Filter")
            .description("An OData $filter expression added (and) to the incremental condition, e.g. blocked eq false.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor SELECT = new PropertyDescriptor.Builder()
            .name("Select")
            .description("$select: comma-separated fields to return (include the Incremental Field and ID Field).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor EXPAND = new PropertyDescriptor.Builder()
            .name("Expand")
            .description("$expand: navigation properties to include, e.g. salesShipmentLines.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor PAGE_SIZE = new PropertyDescriptor.Builder()
            .name("Page Size")
            .description("Records per page (Prefer: odata.maxpagesize); Business Central's maximum is 20,000.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 20_000, true))
            .build();

    public static final PropertyDescriptor MAX_RECORDS_PER_RUN = new PropertyDescriptor.Builder()
            .name("Max Records Per Run")
            .description("A run stops after the page that reaches this many records, commits, and the next run continues from the cursor.")
            .required(true)
            .defaultValue("50000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .dependsOn(READ_MODE, MODE_INCREMENTAL)
            .build();

    public static final PropertyDescriptor RUN_SCHEDULE = new PropertyDescriptor.Builder()
            .name("Run Schedule")
            .description("When a read is due. Blank: every time the processor is triggered. A time period (e.g. 1 hour): that long after "
                    + "the last successful read. A six-field cron expression (e.g. 0 0 2 * * ?, the syntax of NiFi's CRON driven strategy, "
                    + "in NiFi's time zone). With a period or cron expression, schedule the processor on a short timer (e.g. 30 sec): a "
                    + "read that fails is retried after 15 seconds, then with a doubling backoff of at most 5 minutes, until it succeeds; "
                    + "the due time is kept in cluster state, so a new primary node neither repeats a read nor skips one.")
            .required(false)
            .addValidator(RunScheduleValidator.INSTANCE)
            .build();

    public static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the records; their schema is inferred from the first page of each run.");

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records read")
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(CONNECTION_SERVICE, API_ROUTE, ENTITY_SET, READ_MODE, INCREMENTAL_FIELD, ID_FIELD,
            INITIAL_VALUE, SETTLE_TIME, FILTER, SELECT, EXPAND, PAGE_SIZE, MAX_RECORDS_PER_RUN, RUN_SCHEDULE, RECORD_WRITER);

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS);
    }

    /** Test seam for the settle-time bound. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final BusinessCentralConnectionService service = context.getProperty(CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final String entitySet = context.getProperty(ENTITY_SET).evaluateAttributeExpressions().getValue();
        final String field = MODE_FULL.getValue().equals(context.getProperty(READ_MODE).getValue()) ? null
                : context.getProperty(INCREMENTAL_FIELD).getValue();
        final String idField = context.getProperty(ID_FIELD).getValue();
        final String query = String.join("|", context.getProperty(API_ROUTE).evaluateAttributeExpressions().getValue(), entitySet,
                Objects.toString(field, ""), Objects.toString(context.getProperty(FILTER).evaluateAttributeExpressions().getValue(), ""));

        final IncrementalCursor start;
        final Map<String, String> stored;
        try {
            final StateMap state = session.getState(Scope.CLUSTER);
            stored = state.toMap();
            start = field == null ? null : query.equals(state.get(STATE_QUERY))
                    ? IncrementalCursor.parse(state.get(STATE_CURSOR), state.get(STATE_BOUNDARY_IDS))
                    : IncrementalCursor.parse(context.getProperty(INITIAL_VALUE).getValue(), null);
        } catch (final IOException e) {
            throw new ProcessException("Cannot read cluster state", e);
        }
        final Instant now = clock.instant();
        final ScheduledRuns runs = new ScheduledRuns(RunScheduleValidator.parse(context.getProperty(RUN_SCHEDULE).getValue()));
        final RunState run = runs.current(stored, now);
        if (!runs.isDue(run, now)) {
            if (!run.equals(RunState.read(stored))) {
                saveState(session, run.mergeInto(stored)); // a new cron plan: remembered, so a restart does not re-plan past it
            }
            return;
        }

        final BusinessCentralClient client;
        final URI first;
        try {
            client = service.client();
            first = firstPage(context, service, entitySet, field, start);
        } catch (final ApiException e) {
            failed(session, runs, run, stored, now, entitySet, e);
            return;
        }

        final int pageSize = context.getProperty(PAGE_SIZE).asInteger();
        final int maxRecords = context.getProperty(MAX_RECORDS_PER_RUN).asInteger();
        final RecordSetWriterFactory writerFactory = context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);
        FlowFile flowFile = session.create();
        String maxValue = start == null ? null : start.value();
        final Set<String> maxIds = new LinkedHashSet<>(start == null ? Set.of() : start.boundaryIds());
        WriteResult result = null;
        String mimeType = null;
        boolean unfinished = false;
        try (OutputStream out = session.write(flowFile)) {
            RecordSetWriter writer = null;
            RecordSchema schema = null;
            int count = 0;
            URI next = first;
            while (next != null) {
                final Page page = client.getPage(next, pageSize);
                for (final JsonNode value : page.values()) {
                    final String fieldValue = field == null ? null : value.path(field).asText(null);
                    final String id = value.path(idField).asText(null);
                    if (start != null && start.alreadyEmitted(fieldValue, id)) {
                        continue;
                    }
                    if (writer == null) {
                        schema = JsonRecords.inferSchema(page.values());
                        writer = writerFactory.createWriter(getLogger(), writerFactory.getSchema(Map.of(), schema), out, Map.of());
                        writer.beginRecordSet();
                    }
                    writer.write(JsonRecords.toRecord(value, schema));
                    count++;
                    if (fieldValue != null) {
                        final int order = maxValue == null ? 1 : IncrementalCursor.compareValues(fieldValue, maxValue);
                        if (order > 0) {
                            maxValue = fieldValue;
                            maxIds.clear();
                        }
                        if (order >= 0 && id != null) {
                            maxIds.add(id);
                        }
                    }
                }
                unfinished = page.nextLink() != null && field != null && count >= maxRecords;
                next = page.nextLink() == null || unfinished ? null : URI.create(page.nextLink());
            }
            if (writer != null) {
                result = writer.finishRecordSet();
                mimeType = writer.getMimeType();
                writer.close();
            }
        } catch (final ApiException e) {
            session.remove(flowFile);
            failed(session, runs, run, stored, now, entitySet, e);
            return;
        } catch (final Exception e) {
            session.remove(flowFile);
            getLogger().error("Cannot write the records of {}", entitySet, e);
            failed(session, runs, run, stored, now, entitySet, null);
            return;
        }

        final Map<String, String> newState = new HashMap<>(stored);
        if (field != null && maxValue != null) {
            newState.putAll(Map.of(STATE_QUERY, query, STATE_CURSOR, maxValue, STATE_BOUNDARY_IDS, String.join(",", maxIds)));
        }
        saveState(session, runs.succeeded(run, now, unfinished).mergeInto(newState));
        if (result == null || result.getRecordCount() == 0) {
            session.remove(flowFile);
            session.commitAsync();
            return;
        }
        final Map<String, String> attributes = new HashMap<>(result.getAttributes());
        attributes.put("record.count", String.valueOf(result.getRecordCount()));
        attributes.put("bc.entity.set", entitySet);
        attributes.put(CoreAttributes.MIME_TYPE.key(), mimeType);
        if (maxValue != null) {
            attributes.put("bc.cursor", maxValue);
        }
        // every record of the entity set, to the last page: what is not in it does not exist (PublishShopifyProducts archives)
        final String filter = context.getProperty(FILTER).evaluateAttributeExpressions().getValue();
        attributes.put("bc.read.complete", Boolean.toString(field == null && (filter == null || filter.isBlank())));
        flowFile = session.putAllAttributes(flowFile, attributes);
        session.getProvenanceReporter().receive(flowFile, first.toString());
        session.transfer(flowFile, REL_SUCCESS);
        session.commitAsync();
    }

    /** Records the failed run and when it will be retried: in state, and in the log (hence a bulletin). */
    private void failed(final ProcessSession session, final ScheduledRuns runs, final RunState run, final Map<String, String> stored,
                        final Instant now, final String entitySet, final ApiException e) {
        final String reason = e == null ? "cannot write the records" : e.getMessage();
        final RunState next = runs.failed(run, now, reason);
        saveState(session, next.mergeInto(stored));
        session.commitAsync();
        if (e != null && !e.isTransient()) {
            getLogger().error("Business Central refused reading {} ({}): {}; next try at {} (failed runs in a row: {})", entitySet, e.code(),
                    reason, next.due(), next.failures());
        } else {
            getLogger().warn("Reading {} from Business Central failed: {}; next try at {} (failed runs in a row: {})", entitySet, reason,
                    next.due(), next.failures());
        }
    }

    private static void saveState(final ProcessSession session, final Map<String, String> state) {
        try {
            session.setState(state, Scope.CLUSTER);
        } catch (final IOException e) {
            throw new ProcessException("Cannot save the cursor and run state in cluster state", e);
        }
    }

    private URI firstPage(final ProcessContext context, final BusinessCentralConnectionService service, final String entitySet, final String field,
                          final IncrementalCursor start) {
        final String route = context.getProperty(API_ROUTE).evaluateAttributeExpressions().getValue();
        final BusinessCentralEndpoint endpoint = service.endpoint().withRoute(route);
        String incremental = null;
        if (field != null) {
            final String lower = start == null ? null : field + " ge " + IncrementalCursor.literal(start.value());
            final long settleMillis = context.getProperty(SETTLE_TIME).asTimePeriod(TimeUnit.MILLISECONDS);
            final String upper = settleMillis <= 0 ? null
                    : field + " lt " + Instant.now(clock).minusMillis(settleMillis).truncatedTo(ChronoUnit.SECONDS);
            incremental = ODataFilter.and(lower, upper);
        }
        final String filter = ODataFilter.and(incremental, context.getProperty(FILTER).evaluateAttributeExpressions().getValue());
        final StringBuilder url = new StringBuilder(BusinessCentralEndpoint.companyPath(service.companyId(), entitySet));
        String separator = "?";
        if (!filter.isBlank()) {
            url.append(separator).append("$filter=").append(ODataFilter.encode(filter));
            separator = "&";
        }
        if (field != null) {
            url.append(separator).append("$orderby=").append(ODataFilter.encode(field + " asc"));
            separator = "&";
        }
        if (context.getProperty(SELECT).isSet()) {
            url.append(separator).append("$select=").append(ODataFilter.encode(context.getProperty(SELECT).getValue().replace(" ", "")));
            separator = "&";
        }
        if (context.getProperty(EXPAND).isSet()) {
            url.append(separator).append("$expand=").append(ODataFilter.encode(context.getProperty(EXPAND).getValue().replace(" ", "")));
        }
        return endpoint.resolve(url.toString());
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
