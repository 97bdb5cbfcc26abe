package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.businesscentral.SalesOrderReadiness;
import io.nifiecommerce.businesscentral.SalesOrderSubmitter;
import io.nifiecommerce.businesscentral.SubmissionTally;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.VerificationResults;
import io.nifiecommerce.processors.order.OrderRecords;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
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
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.nifiecommerce.processors.VerificationResults.step;

@Tags({"business central", "dynamics 365", "erp", "sales order", "order", "record", "put", "idempotent"})
@CapabilityDescription("Creates Business Central sales orders from canonical order records, with their lines, shipping charges, "
        + "discounts, currency and addresses. Idempotent: orders whose external document number already exists in salesOrders, "
        + "salesInvoices or salesShipments are not created again but reported as ALREADY_PRESENT, unless the shop changed the order "
        + "since (ORDER_EDITED_AFTER_CREATION, to failure). Cancelled orders are never created; an open, unshipped sales order of an "
        + "order cancelled later is deleted (to cancelled), a shipped one goes to failure with ORDER_CANCELLED_AFTER_SHIPMENT. Lookups and creates are grouped "
        + "into $batch requests of up to 100 orders, so 1,000 orders take a few dozen requests instead of thousands. Records are "
        + "routed by outcome, each with the outcome fields added (bcOutcome, bcId, bcNumber, bcErrorCode, bcErrorMessage...).")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso({StandardBusinessCentralConnectionService.class, GetBusinessCentralRecords.class})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "bc.outcome", description = "CREATED or ALREADY_PRESENT when all success records share one, else MIXED; FAILED; RETRY"),
        @WritesAttribute(attribute = "bc.created.count", description = "Orders created by this run (same on every FlowFile of the input)"),
        @WritesAttribute(attribute = "bc.already.present.count", description = "Orders found already present"),
        @WritesAttribute(attribute = "bc.failed.count", description = "Orders refused for good"),
        @WritesAttribute(attribute = "bc.retry.count", description = "Orders to try again"),
        @WritesAttribute(attribute = "bc.cancelled.count", description = "Orders cancelled in the shop: not created, or their open sales order deleted"),
        @WritesAttribute(attribute = "bc.truncated.count", description = "Orders sent with at least one value cut to fit a BC field"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: the records' error code (e.g. UNKNOWN_ITEM), ORDER_RECORDS_FAILED when they differ"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the first error message, after the count per code when several failed")
})
@UseCase(
        description = "Create Business Central sales orders from Shopify orders, once each, even when the flow replays them.",
        configuration = """
                Connect the output of the Shopify order source (canonical order records) to this processor.
                Set "Business Central Connection" to the company's connection service, "Record Reader" to a JSON Tree Reader and \
                "Record Writer" to a JSON Record Set Writer.
                Set "B2C Customer Matching" to DEFAULT and "B2C Default Customer" to the customer number consumers are booked on, \
                or to EMAIL,CREATE with a "Customer Template" to create one customer per email; in a cluster, also set \
                "Customer Number Prefix" so that two nodes cannot both create the same new customer.
                Set "Shipping Line Number" to the G/L account (or item charge) that carries shipping revenue.
                Route "success" onwards (records carry bcNumber), "failure" to a review queue and loop "retry" back to this processor.
                """)
@UseCase(
        description = "Book B2B orders on the buying company's customer account.",
        configuration = """
                Set "B2B Customer Matching" to EXTERNAL_ID,TAX_REGISTRATION_NUMBER so the company's external id (the BC customer \
                number) is tried first and its VAT number second (the default). DEFAULT, last in the default list, books the rest \
                on "B2B Default Customer" when it is set; leave that empty so unknown companies go to failure with UNKNOWN_CUSTOMER.
                """)
// A rate-limited sink: it yields when Business Central throttles (429, 503) or is down, and penalizes what goes to retry so
// that a looped-back FlowFile waits 30 s, long enough for BC's request window to recover, before it is sent again.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Every record of an incoming FlowFile is read into "
        + "memory, as an order with its lines, before the orders are sent in batches: size the FlowFiles (orders per FlowFile of the "
        + "source, or a SplitRecord before) so that one FlowFile's orders fit in the heap.")
@MultiProcessorUseCase(
        description = "Create Business Central sales orders from the order files marketplaces export, exactly once.",
        keywords = {"marketplace", "business central", "orders", "files", "sales order"},
        notes = "The files must hold canonical order records (docs/canonical-order.md). The flow definition "
                + "flow-templates/marketplace-orders-to-business-central.json builds this flow with its parameters.",
        configurations = {
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.ListFile", configuration = """
                        Set "Input Directory" to the folder the marketplace exports land in and "File Filter" to `.*\\.json`.
                        Run it on the primary node and load-balance its "success" connection to FetchFile.
                        """),
                @ProcessorConfiguration(processorClassName = "org.apache.nifi.processors.standard.FetchFile", configuration = """
                        Set "Completion Strategy" to "Delete File" (or "Move File") so a file is read once. Connect "success" to \
                        PutBusinessCentralOrder.
                        """),
                @ProcessorConfiguration(processorClass = PutBusinessCentralOrder.class, configuration = """
                        Set "Record Reader" to a JsonTreeReader, "Record Writer" to a JsonRecordSetWriter, "B2C Customer Matching" \
                        to DEFAULT and "B2C Default Customer" to the customer the marketplace's orders are booked on.
                        Loop "retry" back to the processor; send "failure" to a review queue: its records carry the reason.
                        """)
        })
@Stateful(scopes = Scope.CLUSTER, description = """
        In a cluster, the order buckets this processor is writing on each node, with the node and until when (a lease \
        of a minute, renewed while the node writes): one order is written by one node at a time. An entry lives while \
        one FlowFile is written; clearing the state only lets two nodes write one bucket at once until the next FlowFile.""")
public class PutBusinessCentralOrder extends AbstractProcessor implements VerifiableProcessor {

    /** Counters (NiFi's Counters page), summed over all inputs. */
    static final String COUNTER_CREATED = "Orders Created";
    static final String COUNTER_ALREADY_PRESENT = "Orders Already Present";
    static final String COUNTER_FAILED = "Orders Failed";
    static final String COUNTER_CANCELLED = "Orders Cancelled";

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records of orders created or already present, with bcId and bcNumber")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Records refused for good (invalid record, unknown item or customer, BC validation), with bcErrorCode and "
                    + "bcErrorMessage; an unreadable FlowFile goes here whole")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("Records not confirmed after bounded retries (throttling, outage, credentials): safe to send again, nothing is created twice")
            .build();

    public static final Relationship REL_CANCELLED = new Relationship.Builder()
            .name("cancelled")
            .description("Records of orders cancelled in the shop: none was created in BC, or its open, unshipped sales order was deleted "
                    + "(bcNumber names it). Orders cancelled after shipping go to failure with ORDER_CANCELLED_AFTER_SHIPMENT")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY, REL_CANCELLED);

    private volatile SalesOrderSubmitter submitter;
    private volatile Sleeper sleeper = Sleeper.SYSTEM;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return SalesOrderProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** Test seam: waits between resends without sleeping. */
    void setSleeper(final Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        submitter = null;
    }

    @OnStopped
    public void onStopped() {
        submitter = null;
    }

    /** Concurrent tasks never write one order at once: each takes a FlowFile of an order bucket no other task holds. */
    private final OrderClaims claims = new OrderClaims(this::getNodeTypeProvider, this::getLogger);

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        try (OrderClaims.Claim claim = claims.next(context, session)) {
            if (claim != null) {
                onTrigger(context, session, claim.flowFile());
            }
        }
    }

    /** Creates the sales orders of one FlowFile whose orders no other task holds. */
    private void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final SalesOrderSubmitter orders;
        try {
            orders = submitter(context);
        } catch (final ApiException e) {
            if (e.isTransient()) {
                getLogger().warn("Business Central not reachable for {}: {}", flowFile, e.getMessage());
            } else {
                getLogger().error("Business Central connection not usable ({}): {}; {} stays queued", e.code(), e.getMessage(), flowFile);
            }
            session.rollback(true);
            context.yield();
            return;
        }

        final RecordInput<Order> input = RecordInput.readOrFail(session, flowFile,
                context.getProperty(SalesOrderProperties.RECORD_READER).asControllerService(RecordReaderFactory.class), getLogger(),
                OrderRecords::fromRecord, RecordInput.INVALID_ORDER_RECORD, REL_FAILURE);
        if (input == null) {
            return;
        }
        if (input.size() == 0) {
            session.transfer(session.putAttribute(flowFile, "record.count", "0"), REL_SUCCESS);
            return;
        }
        final List<OrderOutcome> outcomes = orders.submit(input.valid());
        final SubmissionTally tally = new SubmissionTally(outcomes, input.invalidCount());
        final Map<String, String> common = Map.of(
                "bc.created.count", String.valueOf(tally.count(OrderOutcome.Status.CREATED)),
                "bc.already.present.count", String.valueOf(tally.count(OrderOutcome.Status.ALREADY_PRESENT)),
                "bc.failed.count", String.valueOf(tally.count(OrderOutcome.Status.FAILED)),
                "bc.retry.count", String.valueOf(tally.count(OrderOutcome.Status.RETRY)),
                "bc.cancelled.count", String.valueOf(tally.count(OrderOutcome.Status.CANCELLED)),
                "bc.truncated.count", String.valueOf(tally.truncated()));
        final boolean written = input.transfer(context, session, flowFile,
                context.getProperty(SalesOrderProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outcomes,
                new RecordInput.Routing(REL_FAILURE, REL_RETRY, PutBusinessCentralOrder::relationship), common,
                relationship -> relationship == REL_SUCCESS ? tally.successLabel() : relationship == REL_FAILURE ? "FAILED"
                        : relationship == REL_CANCELLED ? "CANCELLED" : "RETRY",
                orders.endpointUri().toString(),
                relationship -> relationship == REL_SUCCESS ? "created " + tally.count(OrderOutcome.Status.CREATED) + ", already present "
                        + tally.count(OrderOutcome.Status.ALREADY_PRESENT)
                        : relationship == REL_CANCELLED ? "cancelled " + tally.count(OrderOutcome.Status.CANCELLED) : null,
                getLogger());
        if (!written) {
            return;
        }
        session.remove(flowFile);
        session.adjustCounter(COUNTER_CREATED, tally.count(OrderOutcome.Status.CREATED), false);
        session.adjustCounter(COUNTER_ALREADY_PRESENT, tally.count(OrderOutcome.Status.ALREADY_PRESENT), false);
        session.adjustCounter(COUNTER_FAILED, tally.count(OrderOutcome.Status.FAILED), false);
        session.adjustCounter(COUNTER_CANCELLED, tally.count(OrderOutcome.Status.CANCELLED), false);
        if (tally.count(OrderOutcome.Status.RETRY) > 0) {
            getLogger().warn("{} of {} orders of {} not confirmed by Business Central; routed to retry", tally.count(OrderOutcome.Status.RETRY),
                    input.size(), flowFile);
            if (tally.count(OrderOutcome.Status.RETRY) == input.size()) {
                context.yield();
            }
        }
    }

    private static Relationship relationship(final OrderOutcome.Status status) {
        return switch (status) {
            case CREATED, ALREADY_PRESENT, NOT_INVOICED -> REL_SUCCESS;
            case CANCELLED -> REL_CANCELLED;
            case FAILED -> REL_FAILURE;
            case RETRY -> REL_RETRY;
        };
    }

    private synchronized SalesOrderSubmitter submitter(final ProcessContext context) {
        if (submitter == null) {
            submitter = SalesOrderProperties.submitter(context, sleeper);
        }
        return submitter;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final BusinessCentralConnectionService service = context.getProperty(SalesOrderProperties.CONNECTION_SERVICE).asControllerService(BusinessCentralConnectionService.class);
        final BusinessCentralClient client;
        final String companyId;
        try {
            client = service.client();
            client.credentials().authorization();
            companyId = service.companyId();
            results.add(step("Access company", Outcome.SUCCESSFUL, "Token obtained, company id " + companyId));
        } catch (final RuntimeException e) {
            results.add(step("Access company", Outcome.FAILED, e.getMessage()));
            return results;
        }
        new SalesOrderReadiness(client, companyId).checks(context.getProperty(SalesOrderProperties.B2C_DEFAULT_CUSTOMER).getValue())
                .forEach(check -> results.add(VerificationResults.of(check)));
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
