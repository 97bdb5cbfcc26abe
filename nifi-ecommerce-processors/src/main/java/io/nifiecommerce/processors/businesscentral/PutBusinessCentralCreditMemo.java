package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.BatchedLookup;
import io.nifiecommerce.businesscentral.CreditMemoSubmitter;
import io.nifiecommerce.businesscentral.ItemReference;
import io.nifiecommerce.businesscentral.ItemResolver;
import io.nifiecommerce.businesscentral.MappingOptions;
import io.nifiecommerce.businesscentral.OrderOutcome;
import io.nifiecommerce.businesscentral.PriceBasis;
import io.nifiecommerce.businesscentral.SalesOrderMapper;
import io.nifiecommerce.businesscentral.SubmissionTally;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.order.RefundRecords;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.lookup.LookupService;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@Tags({"business central", "dynamics 365", "erp", "credit memo", "refund", "return", "record", "put", "idempotent"})
@CapabilityDescription("Creates Business Central sales credit memos (salesCreditMemos with their salesCreditMemoLines) from canonical refund "
        + "records, exactly once per refund: the external document number is REFUND- and the refund's id, looked up before anything is "
        + "sent. A refund of an invoiced order is credited against that invoice (invoiceId) on the invoice's customer. A refund of an order "
        + "BC holds open and has not invoiced goes to failure (REFUND_BEFORE_INVOICE: reduce the sales order instead); one of an order BC "
        + "never had (cancelled before it got there) is NOT_INVOICED, to success. Restocked units reach stock when BC posts the credit memo.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@SeeAlso({PutBusinessCentralOrder.class, StandardBusinessCentralConnectionService.class})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "Records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "bc.outcome", description = "CREDITED on success (each record's bcOutcome says CREATED, ALREADY_PRESENT or NOT_INVOICED), FAILED, RETRY"),
        @WritesAttribute(attribute = "bc.created.count", description = "Credit memos created by this run"),
        @WritesAttribute(attribute = "bc.already.present.count", description = "Credit memos found already present"),
        @WritesAttribute(attribute = "bc.not.invoiced.count", description = "Refunds of orders BC never had: nothing to credit"),
        @WritesAttribute(attribute = "bc.failed.count", description = "Refunds refused for good"),
        @WritesAttribute(attribute = "bc.retry.count", description = "Refunds to try again"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: the records' error code, REFUND_RECORDS_FAILED when they differ"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the first error message")
})
@UseCase(
        description = "Book the shop's refunds and returns in Business Central as sales credit memos, once each.",
        configuration = """
                Feed it the refund records of GetShopifyRefunds. Use the same "Business Central Connection", "Shipping Line Type", \
                "Shipping Line Number", "Price Basis", "Item Reference" and "External Document Number Template" as \
                PutBusinessCentralOrder, so the order's invoice is found and the credit memo mirrors it.
                Route "failure" to a review queue and loop "retry" back to this processor.
                """)
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@Stateful(scopes = Scope.CLUSTER, description = """
        In a cluster, the order buckets this processor is writing on each node, with the node and until when (a lease \
        of a minute, renewed while the node writes): one order is written by one node at a time. An entry lives while \
        one FlowFile is written; clearing the state only lets two nodes write one bucket at once until the next FlowFile.""")
public class PutBusinessCentralCreditMemo extends AbstractProcessor {

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Refunds credited (CREATED or ALREADY_PRESENT, with bcNumber) or with nothing to credit (NOT_INVOICED)")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Refunds refused for good, with bcErrorCode and bcErrorMessage (REFUND_BEFORE_INVOICE, UNKNOWN_ITEM, BC validation); "
                    + "an unreadable FlowFile goes here whole")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("Refunds not confirmed (throttling, outage, an order being cancelled): safe to send again, nothing is created twice")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    static final List<PropertyDescriptor> PROPERTIES = List.of(SalesOrderProperties.CONNECTION_SERVICE, SalesOrderProperties.RECORD_READER,
            SalesOrderProperties.RECORD_WRITER, SalesOrderProperties.ITEM_REFERENCE, SalesOrderProperties.ITEM_LOOKUP_SERVICE,
            SalesOrderProperties.SHIPPING_LINE_TYPE, SalesOrderProperties.SHIPPING_LINE_NUMBER, SalesOrderProperties.PRICE_BASIS,
            SalesOrderProperties.LOCAL_CURRENCY, SalesOrderProperties.EXTERNAL_DOCUMENT_NUMBER_TEMPLATE);

    private volatile CreditMemoSubmitter submitter;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
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

    /** Creates the credit memos of one FlowFile whose orders no other task holds. */
    private void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final CreditMemoSubmitter memos;
        try {
            memos = submitter(context);
        } catch (final ApiException e) {
            getLogger().warn("Business Central not usable for {} ({}): {}", flowFile, e.code(), e.getMessage());
            session.rollback(true);
            context.yield();
            return;
        }
        final RecordInput<Refund> input = RecordInput.readOrFail(session, flowFile,
                context.getProperty(SalesOrderProperties.RECORD_READER).asControllerService(RecordReaderFactory.class), getLogger(),
                RefundRecords::fromRecord, RecordInput.INVALID_REFUND_RECORD, REL_FAILURE);
        if (input == null) {
            return;
        }
        if (input.size() == 0) {
            session.transfer(session.putAttribute(flowFile, "record.count", "0"), REL_SUCCESS);
            return;
        }
        final List<OrderOutcome> outcomes = memos.submit(input.valid());
        final SubmissionTally tally = new SubmissionTally(outcomes, input.invalidCount());
        final Map<String, String> common = Map.of(
                "bc.created.count", String.valueOf(tally.count(OrderOutcome.Status.CREATED)),
                "bc.already.present.count", String.valueOf(tally.count(OrderOutcome.Status.ALREADY_PRESENT)),
                "bc.not.invoiced.count", String.valueOf(tally.count(OrderOutcome.Status.NOT_INVOICED)),
                "bc.failed.count", String.valueOf(tally.count(OrderOutcome.Status.FAILED)),
                "bc.retry.count", String.valueOf(tally.count(OrderOutcome.Status.RETRY)));
        final boolean written = input.transfer(context, session, flowFile,
                context.getProperty(SalesOrderProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outcomes,
                new RecordInput.Routing(REL_FAILURE, REL_RETRY, PutBusinessCentralCreditMemo::relationship), common,
                relationship -> relationship == REL_SUCCESS ? "CREDITED" : relationship == REL_FAILURE ? "FAILED" : "RETRY",
                memos.endpointUri().toString(),
                relationship -> relationship == REL_SUCCESS ? "credit memos created " + tally.count(OrderOutcome.Status.CREATED) : null,
                getLogger());
        if (!written) {
            return;
        }
        session.remove(flowFile);
        session.adjustCounter("Credit Memos Created", tally.count(OrderOutcome.Status.CREATED), false);
        if (tally.count(OrderOutcome.Status.RETRY) == input.size()) {
            context.yield();
        }
    }

    private static Relationship relationship(final OrderOutcome.Status status) {
        return switch (status) {
            case CREATED, ALREADY_PRESENT, NOT_INVOICED, CANCELLED -> REL_SUCCESS;
            case FAILED -> REL_FAILURE;
            case RETRY -> REL_RETRY;
        };
    }

    private synchronized CreditMemoSubmitter submitter(final ProcessContext context) {
        if (submitter == null) {
            final BusinessCentralConnectionService service = context.getProperty(SalesOrderProperties.CONNECTION_SERVICE)
                    .asControllerService(BusinessCentralConnectionService.class);
            final MappingOptions options = new MappingOptions(context.getProperty(SalesOrderProperties.SHIPPING_LINE_TYPE).getValue(),
                    context.getProperty(SalesOrderProperties.SHIPPING_LINE_NUMBER).getValue(),
                    PriceBasis.valueOf(context.getProperty(SalesOrderProperties.PRICE_BASIS).getValue()),
                    context.getProperty(SalesOrderProperties.LOCAL_CURRENCY).getValue().toUpperCase(Locale.ROOT),
                    context.getProperty(SalesOrderProperties.EXTERNAL_DOCUMENT_NUMBER_TEMPLATE).getValue());
            final ItemReference reference = ItemReference.valueOf(context.getProperty(SalesOrderProperties.ITEM_REFERENCE).getValue());
            final LookupService<?> itemLookup = reference == ItemReference.LOOKUP
                    ? context.getProperty(SalesOrderProperties.ITEM_LOOKUP_SERVICE).asControllerService(LookupService.class) : null;
            final BatchedLookup lookup = new BatchedLookup(service.client(), service.companyId());
            submitter = new CreditMemoSubmitter(service.client(), service.companyId(), new SalesOrderMapper(options), lookup,
                    new ItemResolver(reference, lookup, itemLookup == null ? null : sku -> SalesOrderProperties.lookupItem(itemLookup, sku)));
        }
        return submitter;
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
