package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.ReleaseGate;
import io.nifiecommerce.order.ReleasePolicy;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.draft.DraftOrderPageReader;
import io.nifiecommerce.shopify.draft.DraftReviewMarker;
import io.nifiecommerce.shopify.draft.ShopifyDraftOrderMapper;
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
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = "The latest draft order update read (high-water mark), the window being paged through "
        + "with its cursor and the draft versions already emitted within the overlap, written in the same session commit as the "
        + "FlowFiles. Clear it to read the drafts again from Initial Start.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@DefaultSchedule(period = "1 min")
@Tags({"shopify", "draft orders", "b2b", "review", "approval", "ecommerce", "graphql", "incremental", "records"})
@CapabilityDescription("Reads the B2B draft orders waiting for the sales administration's review, incrementally by updatedAt, and "
        + "emits each one once it carries the Approval Tag, as a canonical order record (the draft's name, e.g. #D12, is its "
        + "reference in the ERP). Company locations whose buyer experience is set to check out to draft (checkoutToDraft) submit "
        + "their orders as such drafts. Drafts still waiting are tagged with the Review Tag so that a saved view of the Shopify "
        + "admin's draft orders list is the sales administration's dashboard. Completed drafts are left out: the order Shopify "
        + "creates from them is recognised by FetchShopifyOrders with the Release Policy B2B Draft Review and not sent again.")
@WritesAttributes({
        @WritesAttribute(attribute = "ecommerce.order.segment", description = "B2B"),
        @WritesAttribute(attribute = "record.count", description = "Number of approved drafts in the FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The Record Writer's MIME type"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop's domain"),
        @WritesAttribute(attribute = "shopify.api.version", description = "The Admin API version that served the drafts"),
        @WritesAttribute(attribute = "error.code", description = "On failure: why a draft could not be mapped"),
        @WritesAttribute(attribute = "error.message", description = "On failure: the detail")
})
@SeeAlso({FetchShopifyOrders.class, PutShopifyErpShipping.class})
@UseCase(description = "Review B2B orders in the Shopify admin before they reach the ERP, then send the approved ones once.",
        configuration = """
                In Shopify, set the buyer experience of the company locations to review to "Submit all orders as drafts for review" \
                (checkoutToDraft). In the Shopify admin, save a view of Orders > Drafts filtered on the Review Tag: it lists the \
                B2B orders to review with their lines, quantities and prices.
                Set "Shopify Connection", "Record Writer" (a JsonRecordSetWriter) and "Approval Tag" (what the sales administration \
                adds to a draft to approve it). Connect "success" to PutBusinessCentralOrder, then its "success" to PutShopifyErpShipping.
                Set FetchShopifyOrders and ReceiveShopifyOrderWebhook to the Release Policy "B2B Draft Review" with the same Approval Tag.
                """)
// A rate-limited source, like FetchShopifyOrders: it yields when Shopify throttles or cannot be reached.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
public class FetchShopifyDraftOrders extends AbstractProcessor {

    public static final PropertyDescriptor QUERY_FILTER = new PropertyDescriptor.Builder()
            .name("Query Filter")
            .description("Shopify search syntax ANDed with the updated_at window: which drafts are reviews. Completed drafts are "
                    + "never emitted whatever the filter.")
            .required(true)
            .defaultValue("status:open")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor APPROVAL_TAG = new PropertyDescriptor.Builder()
            .name("Approval Tag")
            .description("The tag the sales administration adds to a draft order in the Shopify admin to approve it (compared "
                    + "without regard to case). The same as the Approval Tag of FetchShopifyOrders and ReceiveShopifyOrderWebhook.")
            .required(true)
            .defaultValue("approved")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor REVIEW_TAG = new PropertyDescriptor.Builder()
            .name("Review Tag")
            .description("The tag added to B2B drafts waiting for approval, for the sales administration's saved view of draft "
                    + "orders. Empty: drafts are not tagged (filter the view on the company instead).")
            .required(false)
            .defaultValue("b2b-review")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final AllowableValue SHIPPING_PRICED_BY_ERP = new AllowableValue("PRICED_BY_ERP", "Priced by the ERP",
            "The shipping line the buyer chose at checkout is left out of the order sent to the ERP, with its amounts: BC adds its own "
                    + "freight, and PutShopifyErpShipping puts BC's price on the draft in place of the buyer's line.");
    static final AllowableValue SHIPPING_SENT_TO_ERP = new AllowableValue("SENT_TO_ERP", "Sent to the ERP",
            "The buyer's shipping line is booked in BC like any order's (PutBusinessCentralOrder's Shipping Line Number): for an ERP that "
                    + "computes no freight. Do not price the drafts with PutShopifyErpShipping then.");

    public static final PropertyDescriptor BUYER_SHIPPING_LINE = new PropertyDescriptor.Builder()
            .name("Buyer Shipping Line")
            .description("What becomes of a shipping line the buyer chose at checkout when the draft goes to the ERP. Sent as it is, it "
                    + "would be charged in BC next to the freight BC computes.")
            .required(true)
            .allowableValues(SHIPPING_PRICED_BY_ERP, SHIPPING_SENT_TO_ERP)
            .defaultValue(SHIPPING_PRICED_BY_ERP.getValue())
            .build();

    public static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the approved drafts as canonical order records.")
            .required(true)
            .identifiesControllerService(RecordSetWriterFactory.class)
            .build();

    public static final Relationship REL_SUCCESS = FetchShopifyOrders.REL_SUCCESS;
    public static final Relationship REL_FAILURE = FetchShopifyOrders.REL_FAILURE;

    static final List<PropertyDescriptor> PROPERTIES = List.of(FetchShopifyOrdersProperties.SHOPIFY_CONNECTION,
            FetchShopifyOrdersProperties.INITIAL_START, FetchShopifyOrdersProperties.INITIAL_START_DATE, FetchShopifyOrdersProperties.OVERLAP,
            QUERY_FILTER, APPROVAL_TAG, REVIEW_TAG, BUYER_SHIPPING_LINE, RECORD_WRITER, FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE);
    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    /** Test seam: the clock that decides window ends. */
    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final ShopifyConnectionService connection = context.getProperty(FetchShopifyOrdersProperties.SHOPIFY_CONNECTION)
                .asControllerService(ShopifyConnectionService.class);
        final ShopifyGraphQlClient client = connection.client();
        final SyncState state;
        try {
            state = SyncState.fromMap(session.getState(Scope.CLUSTER).toMap());
        } catch (final IOException e) {
            getLogger().error("Cannot read the processor's cluster state", e);
            context.yield();
            return;
        }
        final int maxPerFlowFile = context.getProperty(FetchShopifyOrdersProperties.MAX_ORDERS_PER_FLOWFILE).asInteger();
        final Duration overlap = Duration.ofMillis(context.getProperty(FetchShopifyOrdersProperties.OVERLAP).asTimePeriod(TimeUnit.MILLISECONDS));
        final ReleaseGate gate = new ReleaseGate(ReleasePolicy.DRAFT_REVIEW, context.getProperty(APPROVAL_TAG).getValue());
        final DraftReviewMarker marker = new DraftReviewMarker(client, context.getProperty(REVIEW_TAG).getValue());
        try {
            final SessionOrderSink sink = new SessionOrderSink(session, connection, SessionOrderSink.SegmentFilter.B2B,
                    context.getProperty(RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), maxPerFlowFile, getLogger(),
                    () -> !isScheduled(), served -> { })
                    .withGate(gate)
                    .withSource(mapper(context), (node, draft, release) -> marker.note(draft, release))
                    .withPageEnd(() -> tagForReview(marker));
            final Instant now = clock.instant();
            new WindowedOrderRead(new DraftOrderPageReader(client, maxPerFlowFile), overlap, context.getProperty(QUERY_FILTER).getValue(),
                    maxPerFlowFile, WindowedOrderRead.PAGINATION_CAP)
                    .read(state, now, FetchShopifyOrders.initialStart(context, now), sink);
        } catch (final ApiException e) {
            session.rollback();
            getLogger().error("Reading draft orders from {} stopped: {} {} ({}); resuming after the last committed FlowFile on the next run",
                    connection.shopDomain(), e.errorClass(), e.code(), e.getMessage());
            context.yield();
        } catch (final IOException | RuntimeException e) {
            session.rollback();
            getLogger().error("Reading or writing draft orders from {} failed; resuming after the last committed FlowFile on the next run",
                    connection.shopDomain(), e);
            context.yield();
        }
    }

    private static Function<ObjectNode, Order> mapper(final ProcessContext context) {
        return SHIPPING_SENT_TO_ERP.getValue().equals(context.getProperty(BUYER_SHIPPING_LINE).getValue())
                ? ShopifyDraftOrderMapper::fromGraphQl
                : node -> ShopifyDraftOrderMapper.withoutShipping(ShopifyDraftOrderMapper.fromGraphQl(node));
    }

    /** Tags the page's drafts waiting for review; a transient failure ends the run and the page is read again next time. */
    private void tagForReview(final DraftReviewMarker marker) {
        try {
            final int tagged = marker.tagNoted();
            if (tagged > 0) {
                getLogger().debug("{} draft orders tagged for review", tagged);
            }
        } catch (final ApiException e) {
            if (e.isTransient()) {
                throw e;
            }
            // a draft that cannot be tagged still waits for approval; the view misses it, the flow does not
            getLogger().warn("Draft orders could not be tagged for review: {}", e.getMessage());
        }
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
