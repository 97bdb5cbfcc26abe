package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.shopify.draft.DraftOrigins;
import io.nifiecommerce.order.Release;
import io.nifiecommerce.order.ReleaseGate;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.shopify.order.OrderSink;
import io.nifiecommerce.shopify.order.ShopifyOrderMapper;
import io.nifiecommerce.shopify.order.SyncState;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where FetchShopifyOrders puts the orders it reads: one FlowFile per segment (B2B and B2C never share
 * one), orders Shopify returned that cannot be mapped to failure as they came, and at each checkpoint
 * the FlowFiles transferred and the cluster state set in the same session commit.
 */
final class SessionOrderSink implements OrderSink {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A cancelled draft-origin order whose draft could not be found: its ERP document is cancelled by hand. */
    static final String DRAFT_NOT_FOUND = "DRAFT_OF_CANCELLED_ORDER_NOT_FOUND";

    /** Which segments to emit, as the Segment Filter property says. */
    enum SegmentFilter { ALL, B2B, B2C }

    private final ProcessSession session;
    private final ShopifyConnectionService connection;
    private final String transitUri;
    private final SegmentFilter segmentFilter;
    private final RecordSetWriterFactory writerFactory;
    private final int maxPerFlowFile;
    private final ComponentLog logger;
    private final BooleanSupplier stopRequested;
    private final Consumer<String> fellForward;
    private ReleaseGate gate = ReleaseGate.all();
    private Function<ObjectNode, Order> mapper = ShopifyOrderMapper::fromGraphQl;
    private HeldOrders held = (node, order, release) -> { };
    private Runnable pageEnd = () -> { };
    private DraftOrigins draftOrigins;
    private boolean lastHeld;
    private Map<Segment, OrderFlowFileWriter> writers;
    private String servedVersion;

    /**
     * @param writerFactory the Record Writer, or null to write Shopify's own JSON
     * @param fellForward told each served API version other than the one requested
     */
    SessionOrderSink(final ProcessSession session, final ShopifyConnectionService connection, final SegmentFilter segmentFilter,
                     final RecordSetWriterFactory writerFactory, final int maxPerFlowFile, final ComponentLog logger,
                     final BooleanSupplier stopRequested, final Consumer<String> fellForward) {
        this.session = session;
        this.connection = connection;
        this.transitUri = connection.client().endpoint().graphQlUri().toString();
        this.segmentFilter = segmentFilter;
        this.writerFactory = writerFactory;
        this.maxPerFlowFile = maxPerFlowFile;
        this.logger = logger;
        this.stopRequested = stopRequested;
        this.fellForward = fellForward;
        this.writers = writers();
    }

    /** The gate every mapped order must pass; orders it holds are skipped (read again when they change, e.g. once approved). */
    SessionOrderSink withGate(final ReleaseGate releaseGate) {
        this.gate = releaseGate;
        return this;
    }

    /** Told of every order the gate holds, e.g. to mark a draft as awaiting review. */
    interface HeldOrders {
        void held(ObjectNode node, Order order, Release release) throws IOException;
    }

    /**
     * Cancelled orders made from approved drafts go on under their draft's name: the ERP holds their document under it
     * and must cancel it there. Without this they are held like the other draft-origin orders.
     */
    SessionOrderSink withDraftOrigins(final DraftOrigins origins) {
        this.draftOrigins = origins;
        return this;
    }

    /** Told of the orders the gate holds. */
    SessionOrderSink withHeld(final HeldOrders heldOrders) {
        this.held = heldOrders;
        return this;
    }

    /** Done once each page's orders were accepted (e.g. tagging the held drafts of the page together). */
    SessionOrderSink withPageEnd(final Runnable atPageEnd) {
        this.pageEnd = atPageEnd;
        return this;
    }

    @Override
    public void endOfPage() {
        pageEnd.run();
    }

    /** Another source of order nodes (draft orders): its mapper to canonical orders, and what to do with those held. */
    SessionOrderSink withSource(final Function<ObjectNode, Order> nodeMapper, final HeldOrders heldOrders) {
        this.mapper = nodeMapper;
        this.held = heldOrders;
        return this;
    }

    /** Maps and writes one order to its segment's FlowFile; an order that cannot be mapped goes to failure as it came. */
    @Override
    public boolean accept(final ObjectNode node) throws IOException {
        lastHeld = false;
        final boolean b2b = ShopifyOrderMapper.isB2b(node);
        final boolean otherSegment = segmentFilter == SegmentFilter.B2B && !b2b || segmentFilter == SegmentFilter.B2C && b2b;
        // a B2B order made from an approved draft reached the ERP through the drafts' fetcher, which reads no orders: its
        // cancellation is this reader's to carry even when it reads B2C orders only, or BC's sales order stays open
        if (otherSegment && !(b2b && draftOrigins != null)) {
            return false;
        }
        final Order order;
        try {
            order = mapper.apply(node);
        } catch (final RuntimeException e) {
            if (otherSegment) {
                return false;
            }
            failure(node, "UNMAPPABLE_ORDER", e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
        final Release release = gate.decide(order);
        if (draftOrigins != null && Release.RELEASED_AS_DRAFT.equals(release.reason()) && isCancelled(order)) {
            return cancelledFromDraft(node, order, b2b);
        }
        if (otherSegment) {
            return false;
        }
        if (!release.released()) {
            held.held(node, order, release);
            lastHeld = true;
            return false;
        }
        writers.get(b2b ? Segment.B2B : Segment.B2C).write(node, order);
        return true;
    }

    /**
     * Sends a cancelled draft-origin order on under its draft's name, or to failure when no draft names it: its ERP
     * document is never left open without a word.
     */
    private boolean cancelledFromDraft(final ObjectNode node, final Order order, final boolean b2b) throws IOException {
        final Optional<String> draftName = draftOrigins.draftNameOf(order);
        if (draftName.isPresent()) {
            final ObjectNode renamed = node.deepCopy();
            renamed.put("name", draftName.get());
            writers.get(b2b ? Segment.B2B : Segment.B2C).write(renamed, order.named(draftName.get()));
            return true;
        }
        failure(node, DRAFT_NOT_FOUND, "Order " + order.name() + " was cancelled in the shop and carries the approval of a draft, whose "
                + "name the ERP would hold it under, but no completed draft of its customer names this order: look for its sales "
                + "order in the ERP and cancel it by hand");
        return false;
    }

    private static boolean isCancelled(final Order order) {
        return order.cancelledAt() != null && !order.cancelledAt().isBlank();
    }

    @Override
    public boolean lastHeld() {
        return lastHeld;
    }

    @Override
    public void checkpoint(final SyncState state) throws IOException {
        int flowFiles = 0;
        for (final OrderFlowFileWriter writer : writers.values()) {
            for (FlowFile flowFile : writer.finish()) {
                if (servedVersion != null) {
                    // the writers were opened before the first answer told which version served
                    flowFile = session.putAttribute(flowFile, FetchShopifyOrders.API_VERSION_ATTRIBUTE, servedVersion);
                }
                session.getProvenanceReporter().receive(flowFile, transitUri);
                session.transfer(flowFile, FetchShopifyOrders.REL_SUCCESS);
                flowFiles++;
            }
        }
        session.setState(state.toMap(), Scope.CLUSTER);
        session.commitAsync();
        writers = writers();
        if (flowFiles > 0) {
            logger.debug("Committed {} FlowFiles of orders with high-water mark {}", flowFiles, state.highWater());
        }
    }

    @Override
    public void servedApiVersion(final String served) {
        if (served == null) {
            return;
        }
        servedVersion = served;
        if (!served.equals(connection.apiVersion())) {
            fellForward.accept(served);
        }
    }

    @Override
    public boolean stopRequested() {
        return stopRequested.getAsBoolean();
    }

    /** One order to failure as Shopify gave it, with the reason in attributes. */
    private void failure(final ObjectNode node, final String code, final String message) throws IOException {
        FlowFile failed = session.create();
        failed = session.write(failed, out -> out.write(MAPPER.writeValueAsBytes(node)));
        final Map<String, String> attributes = baseAttributes();
        attributes.putAll(ErrorAttributes.of(code, message));
        attributes.put("mime.type", "application/json");
        failed = session.putAllAttributes(failed, attributes);
        session.transfer(failed, FetchShopifyOrders.REL_FAILURE);
    }

    private Map<Segment, OrderFlowFileWriter> writers() {
        final Map<Segment, OrderFlowFileWriter> opened = new EnumMap<>(Segment.class);
        for (final Segment segment : Segment.values()) {
            opened.put(segment, new OrderFlowFileWriter(session, segment, writerFactory, logger, maxPerFlowFile, baseAttributes()));
        }
        return opened;
    }

    private Map<String, String> baseAttributes() {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(FetchShopifyOrders.SHOP_ATTRIBUTE, connection.shopDomain());
        attributes.put(FetchShopifyOrders.API_VERSION_ATTRIBUTE, servedVersion != null ? servedVersion : connection.apiVersion());
        return attributes;
    }
}
