package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.catalog.CatalogCalls;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ReadinessCheck;
import io.nifiecommerce.processors.VerificationResults;
import io.nifiecommerce.stock.RequiredScopes;
import io.nifiecommerce.stock.ShopifyAdminApi;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.shopify.ShopifyCallFailure;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.stock.PublishState;
import io.nifiecommerce.stock.PublishedQuantities;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run shared by the catalog processors: read the input's records, publish them against the memory kept in cluster
 * state, save the memory with the output (a changed state rolls the run back to run again), and write every record
 * with its outcome to success, failure or retry. A refused credential rolls back and yields.
 *
 * @param <I> the records read, with what could not be read
 * @param <R> the publisher's report
 */
abstract class AbstractCatalogPublisher<I, R> extends AbstractProcessor implements VerifiableProcessor {

    static final String FULL_RESYNC_ATTRIBUTE = "catalog.full.resync";

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records published, or already right in Shopify, with their outcome")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Records Shopify refused or that cannot be read, with the reason and message; or an unreadable input")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The records not sent, penalized, when Shopify could not be reached or kept throttling part-way "
                    + "through the input; those sent before are on success and remembered")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private static final ShopifyCallFailure CALL_FAILURE = new ShopifyCallFailure(REL_RETRY, REL_FAILURE,
            "check the connection and the app's access scopes");

    private volatile Clock clock = Clock.systemUTC();

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    void setClock(final Clock clock) {
        this.clock = clock;
    }

    /** Reads the input's records; throws when the FlowFile cannot be read as records at all. */
    abstract I read(ProcessContext context, ProcessSession session, FlowFile flowFile, Instant now) throws Exception;

    /**
     * @param stored the cluster state read before the run: the memory's entries and those of {@link #ownState}
     */
    abstract R publish(ProcessContext context, CatalogCalls calls, FlowFile flowFile, I input, PublishedQuantities memory, boolean full,
                       Map<String, String> stored);

    /** State entries of the processor's own, saved with the memory after the run (none by default). */
    Map<String, String> ownState(final R report) {
        return Map.of();
    }

    /** Writes the records with their outcome; returns the FlowFiles to transfer, by relationship. */
    abstract Map<Relationship, FlowFile> route(ProcessContext context, ProcessSession session, FlowFile flowFile, I input, R report,
                                               Map<String, String> attributes) throws IOException;

    /** The counts of the run, as FlowFile attributes. */
    abstract Map<String, String> attributes(I input, R report);

    abstract PropertyDescriptor connectionProperty();

    abstract PropertyDescriptor maxRememberedProperty();

    abstract PropertyDescriptor fullResyncProperty();

    /** What the provenance SEND event says of a success FlowFile. */
    abstract String provenanceDetails(Map<String, String> attributes);

    /**
     * The Verify button: the shop answers with the connection's token and the app holds write_products (productSet,
     * and the price lists' fixed prices). Catalog scopes are not read back: Shopify refuses catalogCreate with ACCESS_DENIED.
     */
    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final String step = "Check the app's access scopes";
        ReadinessCheck check;
        try {
            final ShopifyConnectionService connection = context.getProperty(connectionProperty()).asControllerService(ShopifyConnectionService.class);
            final List<String> missing = RequiredScopes.missing(new ShopifyAdminApi(connection.client()), List.of("write_products"));
            check = missing.isEmpty() ? ReadinessCheck.passed(step, "The app holds write_products")
                    : ReadinessCheck.failed(step, "The app lacks " + String.join(", ", missing) + ": add it to the app's access scopes");
        } catch (final RuntimeException e) {
            check = ReadinessCheck.failed(step, "Shopify could not be asked: " + e.getMessage());
        }
        return List.of(VerificationResults.of(check));
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final ShopifyConnectionService connection = context.getProperty(connectionProperty()).asControllerService(ShopifyConnectionService.class);
        final Instant now = clock.instant();
        final I input;
        try {
            input = read(context, session, flowFile, now);
        } catch (final Exception e) {
            getLogger().error("Cannot read the records of {}", flowFile, e);
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
        final PublishState state = PublishState.read(stateMap.toMap(), context.getProperty(maxRememberedProperty()).asInteger());
        final boolean full = context.getProperty(fullResyncProperty()).asBoolean() || "true".equalsIgnoreCase(flowFile.getAttribute(FULL_RESYNC_ATTRIBUTE));
        final R report;
        try {
            report = publish(context, new CatalogCalls(connection.client()), flowFile, input, state.memory(), full, stateMap.toMap());
        } catch (final ApiException e) {
            CALL_FAILURE.route(context, session, flowFile, getLogger(), e);
            return;
        }
        try {
            final Map<String, String> newState = new HashMap<>(state.toMap(full, now));
            newState.putAll(ownState(report));
            if (!session.replaceState(stateMap, newState, Scope.CLUSTER)) {
                getLogger().info("Cluster state changed during the run; {} will be processed again", flowFile);
                session.rollback();
                context.yield();
                return;
            }
        } catch (final IOException e) {
            getLogger().warn("Cannot save the memory of what was published; {} will be processed again", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        final Map<String, String> attributes = attributes(input, report);
        attributes.put("shopify.shop", String.valueOf(connection.shopDomain()));
        attributes.put(FULL_RESYNC_ATTRIBUTE, Boolean.toString(full));
        try {
            for (final Map.Entry<Relationship, FlowFile> finished : route(context, session, flowFile, input, report, attributes).entrySet()) {
                if (finished.getKey() == REL_RETRY) {
                    getLogger().warn("Shopify unavailable part-way through {}: the records not sent go to retry", flowFile);
                    session.transfer(session.penalize(finished.getValue()), REL_RETRY);
                    continue;
                }
                if (finished.getKey() == REL_SUCCESS) {
                    session.getProvenanceReporter().send(finished.getValue(), "https://" + connection.shopDomain() + "/admin", provenanceDetails(attributes));
                }
                session.transfer(finished.getValue(), finished.getKey());
            }
        } catch (final IOException | RuntimeException e) {
            // published and remembered; only the report could not be written
            getLogger().error("Published the records of {} but could not write the result records", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        session.remove(flowFile);
        session.commitAsync();
    }
}
