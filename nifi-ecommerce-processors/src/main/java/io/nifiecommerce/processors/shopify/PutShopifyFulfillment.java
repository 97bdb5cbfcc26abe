package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.OrderClaims;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.RecordOutcomeRouter;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.fulfillment.FulfillmentDocuments;
import io.nifiecommerce.shopify.fulfillment.FulfillmentEventPublisher;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Route;
import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Status;
import io.nifiecommerce.shopify.fulfillment.ParcelEvent;
import io.nifiecommerce.shopify.fulfillment.ShipmentEvent;
import io.nifiecommerce.shopify.fulfillment.ShipmentFulfiller;
import io.nifiecommerce.shopify.fulfillment.ShipmentGrouping;
import io.nifiecommerce.shopify.fulfillment.ShopifyFulfillmentApi;
import io.nifiecommerce.shopify.fulfillment.StatusPolicy;
import io.nifiecommerce.shopify.fulfillment.TransientStreak;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.ConfigVerificationResult;
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
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.nifiecommerce.processors.VerificationResults.step;

@Tags({"shopify", "fulfillment", "tracking", "shipment", "carrier", "ecommerce", "record"})
@CapabilityDescription("Creates Shopify fulfillments with tracking numbers from shipment records: carrier tracking events "
        + "(from ParseCarrierTracking) or ERP shipments (Business Central sales shipments with their tracking). For each shipment the "
        + "order is found by name or id, its fulfillment orders are read, and one fulfillment is created per location holding what "
        + "remains (or the lines and quantities given). Replay-safe: a shipment whose tracking number is already on a fulfillment of "
        + "the order updates that fulfillment's tracking, or does nothing when it is identical, instead of creating a second one. "
        + "The parcel's carrier events (in transit, out for delivery, attempted delivery, delivered, with the estimated delivery date) "
        + "are then posted to the fulfillment carrying its tracking number as Shopify fulfillment events, each once: the fulfillment's "
        + "events are read first and an event already there is not posted again. "
        + "Each record is routed with its outcome: success, failure (with the reason) or retry (transient errors).")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SeeAlso(classNames = {"io.nifiecommerce.processors.tracking.ParseCarrierTracking"})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the outgoing FlowFile"),
        @WritesAttribute(attribute = "mime.type", description = "The MIME type of the Record Writer"),
        @WritesAttribute(attribute = "fulfillment.created", description = "Shipments for which fulfillments were created (success)"),
        @WritesAttribute(attribute = "fulfillment.updated", description = "Shipments whose tracking was updated (success)"),
        @WritesAttribute(attribute = "fulfillment.present", description = "Shipments already fulfilled with identical tracking (success)"),
        @WritesAttribute(attribute = "fulfillment.skipped", description = "Shipments whose carrier status does not call for a fulfillment yet (success)"),
        @WritesAttribute(attribute = "fulfillment.events.posted", description = "Fulfillment events posted to Shopify for the records (success)"),
        @WritesAttribute(attribute = "fulfillment.events.present", description = "Fulfillment events found already on Shopify, not posted again (success)"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop domain of the Shopify Connection Service"),
        @WritesAttribute(attribute = ErrorAttributes.CODE, description = "On failure and retry: the reasons of the records, comma-separated "
                + "(ORDER_NOT_FOUND, DRAFT_NOT_COMPLETED, NOTHING_TO_FULFILL, LOCATION_MISMATCH, INVALID_LINES, INVALID_SHIPMENT, USER_ERROR, TRANSIENT...)"),
        @WritesAttribute(attribute = ErrorAttributes.MESSAGE, description = "On failure and retry: the message of the first record's reason")
})
@UseCase(
        description = "Mark Shopify orders fulfilled, with tracking, from the carriers' tracking events.",
        keywords = {"fulfillment", "tracking number", "carrier", "shipped", "shopify"},
        configuration = """
                Connect ParseCarrierTracking's `success` relationship to this processor.
                Set `Record Reader` and `Record Writer` to JSON services (JsonTreeReader, JsonRecordSetWriter).
                Keep the default field names: they are those of the tracking records (orderReference, trackingNumber, shopifyCarrierName, trackingUrl, status, statusFinal, eventTime).
                Set `Order Reference Kind` to `Order Name` when orderReference holds `#1001`.
                Choose `Fulfill On`: `First Carrier Event` marks the order fulfilled on the carrier's first scan; `Shipped Statuses` waits until the parcel is picked up.
                Route `retry` back to this processor; route `failure` to a place where someone looks at it (the records carry errorCode and errorMessage).
                """)
@UseCase(
        description = "Mark Shopify orders fulfilled from Business Central sales shipments that carry a tracking number.",
        keywords = {"business central", "sales shipment", "fulfillment", "erp"},
        configuration = """
                Read the shipments from BC with GetBusinessCentralRecords (a custom API page exposing the shipment's tracking number).
                Set `Order Reference Field` to the field holding the Shopify order name, usually `externalDocumentNumber`, and `Order Reference Kind` to `Order Name`.
                Set `Tracking Number Field` to the tracking field of the page (for instance `packageTrackingNo`) and `Carrier Field` to a field holding Shopify's exact carrier name.
                To fulfill only what was shipped, set `Lines Field` to the shipment lines (records with sku or lineObjectNumber, and quantity).
                """)
// A rate-limited sink: it yields when Shopify throttles or cannot be reached and penalizes what goes to retry, so that a
// looped-back FlowFile waits 30 s for the shop's cost bucket to refill before its fulfillments are tried again.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Every record of an incoming FlowFile is read into "
        + "memory to group tracking events by order before fulfillments are created: keep FlowFiles to the size of a tracking feed.")
@Stateful(scopes = Scope.CLUSTER, description = """
        In a cluster, the order buckets this processor is writing on each node, with the node and until when (a lease \
        of a minute, renewed while the node writes): one order is written by one node at a time. An entry lives while \
        one FlowFile is written; clearing the state only lets two nodes write one bucket at once until the next FlowFile.""")
public class PutShopifyFulfillment extends AbstractProcessor implements VerifiableProcessor {

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records whose shipment was fulfilled (CREATED, TRACKING_UPDATED, ALREADY_PRESENT) or skipped for its status (SKIPPED)")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Records that cannot be fulfilled as they are, with errorCode and errorMessage; a FlowFile that cannot be read at all")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("Records that met a transient error (throttling, 5xx, timeout) or refused credentials, or whose order is "
                    + "still a draft not completed (DRAFT_NOT_COMPLETED, a reviewed B2B order BC holds as #D12): try again later")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PutShopifyFulfillmentProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
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

    /** Fulfills the shipments of one FlowFile whose orders no other task holds. */
    private void onTrigger(final ProcessContext context, final ProcessSession session, final FlowFile flowFile) {
        final ShopifyConnectionService connection = context.getProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE).asControllerService(ShopifyConnectionService.class);
        final RecordReaderFactory readerFactory = context.getProperty(PutShopifyFulfillmentProperties.RECORD_READER).asControllerService(RecordReaderFactory.class);
        final RecordSetWriterFactory writerFactory = context.getProperty(PutShopifyFulfillmentProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class);

        // every record is read before anything is sent: an unreadable FlowFile fails whole, with nothing half done
        final List<Record> records = new ArrayList<>();
        final RecordSchema[] readSchema = new RecordSchema[1];
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, getLogger())) {
            readSchema[0] = reader.getSchema();
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
        } catch (final Exception e) {
            getLogger().error("Cannot read the records of {}", flowFile, e);
            FlowFile failed = session.putAllAttributes(flowFile, ErrorAttributes.of("INVALID_INPUT", String.valueOf(e.getMessage())));
            failed = session.penalize(failed);
            session.transfer(failed, REL_FAILURE);
            return;
        }

        final FulfillmentEventPublisher.Result[] eventResults = new FulfillmentEventPublisher.Result[records.size()];
        final boolean[] interrupted = new boolean[1];
        final FulfillmentOutcome[] outcomes = decide(context, connection, records, eventResults, interrupted);

        final Map<Route, List<Integer>> byRoute = new EnumMap<>(Route.class);
        for (int i = 0; i < records.size(); i++) {
            byRoute.computeIfAbsent(outcomes[i].route(), r -> new ArrayList<>()).add(i);
        }
        final RecordSchema outSchema = FulfillmentOutcomeFields.outputSchema(readSchema[0], records);
        final RecordOutcomeRouter router = new RecordOutcomeRouter(session, flowFile, writerFactory, outSchema, getLogger());
        final Map<Relationship, FlowFile> routed;
        try {
            for (int i = 0; i < records.size(); i++) {
                router.write(relationship(outcomes[i].route()), FulfillmentOutcomeFields.withOutcome(outSchema, records.get(i), outcomes[i], eventResults[i]));
            }
            routed = router.finish(Map.of("shopify.shop", connection.shopDomain()), null);
        } catch (final Exception e) {
            // the records went to Shopify but their results cannot be written: keep the input, a replay is recognised by tracking number
            getLogger().error("Cannot write the results of {}; routing it to retry", flowFile, e);
            router.discard();
            FlowFile retry = session.putAllAttributes(flowFile, ErrorAttributes.of("OUTPUT_ERROR", String.valueOf(e.getMessage())));
            retry = session.penalize(retry);
            session.transfer(retry, REL_RETRY);
            return;
        }
        for (final Map.Entry<Route, List<Integer>> entry : byRoute.entrySet()) {
            final List<Integer> indexes = entry.getValue();
            FlowFile child = session.putAllAttributes(routed.get(relationship(entry.getKey())),
                    routeAttributes(entry.getKey(), outcomes, eventResults, indexes));
            switch (entry.getKey()) {
                case SUCCESS -> {
                    session.getProvenanceReporter().send(child, "https://" + connection.shopDomain() + "/admin/orders",
                            "Shopify fulfillments for " + indexes.size() + " record(s)");
                    session.transfer(child, REL_SUCCESS);
                }
                case FAILURE -> session.transfer(child, REL_FAILURE);
                case RETRY -> {
                    child = session.penalize(child);
                    session.transfer(child, REL_RETRY);
                }
            }
        }
        if (interrupted[0]) {
            context.yield();
        }
        session.remove(flowFile);
        session.commitAsync();
    }

    /**
     * One outcome per record, in record order, and the fulfillment events posted for its shipment; never throws.
     * {@code interrupted[0]} tells whether transient failures in a row left the rest of the batch for later.
     */
    private FulfillmentOutcome[] decide(final ProcessContext context, final ShopifyConnectionService connection, final List<Record> records,
                                        final FulfillmentEventPublisher.Result[] eventResults, final boolean[] interrupted) {
        final FulfillmentOutcome[] outcomes = new FulfillmentOutcome[records.size()];
        final ShipmentFields fields = PutShopifyFulfillmentProperties.shipmentFields(context);
        final boolean postEvents = context.getProperty(PutShopifyFulfillmentProperties.POST_EVENTS).asBoolean();
        final ParcelEventFields eventFields = new ParcelEventFields(context.getProperty(PutShopifyFulfillmentProperties.EVENT_STATUS_FIELD).getValue(),
                context.getProperty(PutShopifyFulfillmentProperties.STATUS_FIELD).getValue(), context.getProperty(PutShopifyFulfillmentProperties.ESTIMATED_DELIVERY_FIELD).getValue(),
                context.getProperty(PutShopifyFulfillmentProperties.EVENT_MESSAGE_FIELD).getValue(), context.getProperty(PutShopifyFulfillmentProperties.EVENT_LOCATION_FIELD).getValue());
        final List<ShipmentEvent> events = new ArrayList<>();
        final Map<Integer, List<ParcelEvent>> parcelEvents = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                final ShipmentEvent event = fields.read(i, records.get(i));
                events.add(event);
                if (postEvents) {
                    parcelEvents.put(i, eventFields.read(records.get(i), event));
                }
            } catch (final ShipmentFields.InvalidShipmentException e) {
                outcomes[i] = FulfillmentOutcome.failure(Status.INVALID_SHIPMENT, e.getMessage());
            }
        }
        final StatusPolicy policy = StatusPolicy.valueOf(context.getProperty(PutShopifyFulfillmentProperties.FULFILL_ON).getValue());
        final List<ShipmentGrouping.Group> groups = new ShipmentGrouping(context.getProperty(PutShopifyFulfillmentProperties.GROUP_BY_ORDER).asBoolean(), policy).group(events);
        FulfillmentOutcome interruption = null;
        final TransientStreak streak = new TransientStreak();
        ShipmentFulfiller fulfiller = null;
        FulfillmentEventPublisher publisher = null;
        try {
            fulfiller = new ShipmentFulfiller(new ShopifyFulfillmentApi(connection.client()), context.getProperty(PutShopifyFulfillmentProperties.NOTIFY_CUSTOMER).asBoolean());
            publisher = new FulfillmentEventPublisher(connection.client());
        } catch (final RuntimeException e) {
            getLogger().error("The Shopify Connection Service gives no client", e);
            interruption = FulfillmentOutcome.failure(Status.TRANSIENT, "Shopify connection unavailable: " + e.getMessage());
        }
        for (final ShipmentGrouping.Group group : groups) {
            FulfillmentOutcome outcome;
            if (!group.admitted()) {
                outcome = new FulfillmentOutcome(Status.SKIPPED, null, null, List.of(), "Status " + group.latestStatus()
                        + " does not call for a fulfillment (Fulfill On " + context.getProperty(PutShopifyFulfillmentProperties.FULFILL_ON).getValue() + ")", List.of());
            } else if (interruption != null) {
                // after transient failures in a row the shop is throttled or down: the rest waits rather than hammering it
                outcome = FulfillmentOutcome.failure(interruption.status(), "Not attempted after an earlier " + interruption.status()
                        + " error: " + interruption.message());
            } else {
                try {
                    outcome = fulfiller.fulfill(group.shipment());
                } catch (final RuntimeException e) {
                    getLogger().error("Unexpected failure fulfilling {}", group.shipment().order(), e);
                    outcome = FulfillmentOutcome.failure(Status.API_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                if (postEvents && outcome.route() == Route.SUCCESS && !outcome.fulfillmentIds().isEmpty()) {
                    final List<ParcelEvent> toPost = new ArrayList<>();
                    group.recordIndexes().forEach(index -> toPost.addAll(parcelEvents.getOrDefault(index, List.of())));
                    final FulfillmentOutcome done = outcome;
                    try {
                        final FulfillmentEventPublisher.Result result = publisher.publish(outcome.fulfillmentIds(), toPost);
                        group.recordIndexes().forEach(index -> eventResults[index] = result);
                        if (!result.refused().isEmpty()) {
                            outcome = new FulfillmentOutcome(Status.USER_ERROR, done.orderId(), done.orderName(), done.fulfillmentIds(),
                                    done.status() + " but Shopify refused fulfillment event(s) (" + result.posted() + " posted): "
                                            + String.join("; ", result.refused().stream().map(FulfillmentOutcome.UserError::toString).toList()),
                                    result.refused());
                        }
                    } catch (final ApiException e) {
                        final Status status = switch (e.errorClass()) {
                            case TRANSIENT -> Status.TRANSIENT;
                            case AUTHENTICATION -> Status.AUTHENTICATION;
                            case PERMANENT -> Status.API_ERROR;
                        };
                        // the fulfillment is done; a retry finds it and posts only the events not yet there
                        outcome = new FulfillmentOutcome(status, done.orderId(), done.orderName(), done.fulfillmentIds(), done.status()
                                + " but the fulfillment events could not be posted: " + e.code() + ": " + e.getMessage(), List.of());
                    } catch (final RuntimeException e) {
                        getLogger().error("Unexpected failure posting the fulfillment events of {}", group.shipment().order(), e);
                        outcome = new FulfillmentOutcome(Status.API_ERROR, done.orderId(), done.orderName(), done.fulfillmentIds(), done.status()
                                + " but the fulfillment events could not be posted: " + e.getClass().getSimpleName() + ": " + e.getMessage(), List.of());
                    }
                }
                if (streak.interrupts(outcome)) {
                    interruption = outcome;
                }
                if (outcome.route() == Route.RETRY) {
                    getLogger().warn("Shopify {} for order {}: {}", outcome.status(), group.shipment().order(), outcome.message());
                } else if (outcome.route() == Route.FAILURE) {
                    getLogger().info("Order {} not fulfilled: {} {}", group.shipment().order(), outcome.status(), outcome.message());
                }
            }
            for (final int index : group.recordIndexes()) {
                outcomes[index] = outcome;
            }
        }
        interrupted[0] = interruption != null;
        return outcomes;
    }

    private static Relationship relationship(final Route route) {
        return switch (route) {
            case SUCCESS -> REL_SUCCESS;
            case FAILURE -> REL_FAILURE;
            case RETRY -> REL_RETRY;
        };
    }

    private static Map<String, String> routeAttributes(final Route route, final FulfillmentOutcome[] outcomes,
                                                       final FulfillmentEventPublisher.Result[] eventResults, final List<Integer> indexes) {
        final Map<String, String> attributes = new HashMap<>();
        if (route == Route.SUCCESS) {
            final Map<Status, Integer> counts = new EnumMap<>(Status.class);
            indexes.forEach(i -> counts.merge(outcomes[i].status(), 1, Integer::sum));
            attributes.put("fulfillment.created", String.valueOf(counts.getOrDefault(Status.CREATED, 0)));
            attributes.put("fulfillment.updated", String.valueOf(counts.getOrDefault(Status.TRACKING_UPDATED, 0)));
            attributes.put("fulfillment.present", String.valueOf(counts.getOrDefault(Status.ALREADY_PRESENT, 0)));
            attributes.put("fulfillment.skipped", String.valueOf(counts.getOrDefault(Status.SKIPPED, 0)));
            // the records of one shipment share its result: count each result once
            final Set<FulfillmentEventPublisher.Result> results = Collections.newSetFromMap(new IdentityHashMap<>());
            indexes.forEach(i -> {
                if (eventResults[i] != null) {
                    results.add(eventResults[i]);
                }
            });
            attributes.put("fulfillment.events.posted", String.valueOf(results.stream().mapToInt(FulfillmentEventPublisher.Result::posted).sum()));
            attributes.put("fulfillment.events.present", String.valueOf(results.stream().mapToInt(FulfillmentEventPublisher.Result::present).sum()));
            return attributes;
        }
        final Set<String> codes = new TreeSet<>();
        indexes.forEach(i -> codes.add(outcomes[i].status().name()));
        attributes.putAll(ErrorAttributes.of(String.join(",", codes), String.valueOf(outcomes[indexes.getFirst()].message())));
        return attributes;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final ShopifyConnectionService connection = context.getProperty(PutShopifyFulfillmentProperties.SHOPIFY_CONNECTION_SERVICE).asControllerService(ShopifyConnectionService.class);
        final GraphQlResponse response;
        try {
            response = connection.client().execute(FulfillmentDocuments.VERIFY_ACCESS, Map.of());
        } catch (final ApiException e) {
            results.add(step("Read orders and fulfillment orders", ConfigVerificationResult.Outcome.FAILED,
                    "Shopify " + connection.shopDomain() + " (API " + connection.apiVersion() + ") answered " + e.code() + ": " + e.getMessage()
                            + ". The app needs read_orders and read_merchant_managed_fulfillment_orders"));
            results.add(step("Fulfillment scopes", ConfigVerificationResult.Outcome.SKIPPED, "The shop could not be read"));
            return results;
        }
        final JsonNode orders = response.at("orders.nodes");
        results.add(step("Read orders and fulfillment orders", ConfigVerificationResult.Outcome.SUCCESSFUL,
                "Shop '" + response.at("shop.name").asText() + "' (API " + connection.apiVersion() + "): read " + orders.size()
                        + " recent order(s) with their fulfillment orders"));
        final Set<String> scopes = new TreeSet<>();
        response.at("currentAppInstallation.accessScopes").forEach(scope -> scopes.add(scope.path("handle").asText()));
        final List<String> missing = new ArrayList<>();
        if (!scopes.contains("write_fulfillments")) {
            missing.add("write_fulfillments");
        }
        if (!scopes.contains("write_merchant_managed_fulfillment_orders") && !scopes.contains("read_merchant_managed_fulfillment_orders")) {
            missing.add("read_merchant_managed_fulfillment_orders (or write_)");
        }
        results.add(step("Fulfillment scopes", missing.isEmpty() ? ConfigVerificationResult.Outcome.SUCCESSFUL : ConfigVerificationResult.Outcome.FAILED,
                missing.isEmpty() ? "The app holds " + String.join(", ", scopes) : "The app lacks " + String.join(", ", missing)
                        + "; it holds " + (scopes.isEmpty() ? "none" : String.join(", ", scopes))));
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
