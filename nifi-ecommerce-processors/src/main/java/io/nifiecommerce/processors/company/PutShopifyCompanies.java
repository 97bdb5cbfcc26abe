package io.nifiecommerce.processors.company;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.shopify.ShopifyCallFailure;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.company.CompanyOutcome;
import io.nifiecommerce.company.CompanySync;
import io.nifiecommerce.company.ShopifyCompanyApi;
import io.nifiecommerce.stock.PublishState;
import org.apache.nifi.annotation.behavior.DynamicProperties;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@Tags({"shopify", "b2b", "company", "customer", "business central", "erp", "master data", "record"})
@CapabilityDescription("""
        Creates and updates Shopify B2B companies from Business Central customers. Each customer record becomes a company \
        keyed by externalId = the customer number, with one company location (same externalId: billing and shipping \
        addresses, tax registration id, payment terms template) and a main contact (the customer's e-mail), and the location \
        is added to the company-location catalog its price group maps to. Idempotent: companies are looked up by externalId \
        before anything is created, and an existing one receives a single request carrying only what differs. Only \
        customers that changed since the last successful run are sent: a fingerprint per customer is kept in cluster \
        state. Every record comes out with its outcome (created, updated, unchanged, skipped, failed).""")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = """
        A fingerprint of what was last sent per customer number (about 8 characters each) and the time of the last full \
        resync. Clearing the state makes the next run compare every customer with Shopify.""")
@ReadsAttribute(attribute = PutShopifyCompanies.FULL_RESYNC_ATTRIBUTE, description = "true forces a full resync for this FlowFile")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
        @WritesAttribute(attribute = "company.created", description = "Companies created in Shopify"),
        @WritesAttribute(attribute = "company.updated", description = "Companies updated in Shopify"),
        @WritesAttribute(attribute = "company.unchanged", description = "Customers with nothing to send"),
        @WritesAttribute(attribute = "company.failed", description = "Customers that could not be sent"),
        @WritesAttribute(attribute = "company.requests", description = "Shopify requests made for the input"),
        @WritesAttribute(attribute = PutShopifyCompanies.FULL_RESYNC_ATTRIBUTE, description = "Whether the run was a full resync"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop written to"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: why (TAKEN, NO_CATALOG, INVALID_COUNTRY, THROTTLED...)"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the explanation")
})
@DynamicProperties({
        @DynamicProperty(name = "payment-terms.<BC value>", value = "A Shopify payment terms template: its name (Net 30) or GID",
                description = "Maps a customer's paymentTermsId (or the payment terms code of a custom page) to a Shopify payment terms template",
                expressionLanguageScope = ExpressionLanguageScope.NONE),
        @DynamicProperty(name = "catalog.<BC value>", value = "A Shopify company-location catalog: its exact title or GID",
                description = "Maps a value of the Catalog Field (a customer price group) to a catalog; unmapped values are taken as catalog titles",
                expressionLanguageScope = ExpressionLanguageScope.NONE)
})
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "1 min")
@MultiProcessorUseCase(
        description = "Every night, create and update Shopify B2B companies from the Business Central customers flagged for the shop.",
        keywords = {"b2b", "company", "customer", "nightly", "business central", "shopify"},
        configurations = {
                @ProcessorConfiguration(processorClassName = "io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords", configuration = """
                        Set "Entity Set" to `customers`, "Read Mode" to FULL, "Filter" to the customers flagged for the shop, e.g. \
                        `type eq 'Company' and blocked ne 'All'` (Contact Type = Company on the customer card), and "Run Schedule" \
                        to `0 0 1 * * ?`. Connect success to PutShopifyCompanies.
                        """),
                @ProcessorConfiguration(processorClass = PutShopifyCompanies.class, configuration = """
                        Set "Record Reader" to a JsonTreeReader and "Record Writer" to a JsonRecordSetWriter. Add \
                        payment-terms.<paymentTermsId> properties naming Shopify templates (Net 30...). Loop "retry" back and \
                        send "failure" to a review queue.
                        """)
        })
public class PutShopifyCompanies extends AbstractProcessor {

    static final String FULL_RESYNC_ATTRIBUTE = "company.full.resync";

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Customers created, updated, already right in Shopify, or skipped (blocked), with company_outcome")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Customers Shopify refused or that cannot be a company, with company_reason and company_message; or an unreadable input")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The input, penalized, when Shopify could not be reached or throttled beyond the retries; the customers "
                    + "settled before are remembered and skipped by the next attempt")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private static final ShopifyCallFailure CALL_FAILURE = new ShopifyCallFailure(REL_RETRY, REL_FAILURE,
            "companies need the write_customers scope");

    /**
     * Former property names of this processor, each with its current name: when a property is renamed, add the pair here so
     * that flows saved with the former name keep their value. None has been renamed so far.
     */
    static final PropertyRenames RENAMED_PROPERTIES = PropertyRenames.none();

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return CompanyProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String name) {
        return CompanyProperties.dynamicDescriptor(name);
    }

    void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final ShopifyConnectionService connection = context.getProperty(CompanyProperties.SHOPIFY_CONNECTION).asControllerService(ShopifyConnectionService.class);
        final CustomerRecords input;
        try {
            input = CustomerRecords.read(session, flowFile, context.getProperty(CompanyProperties.RECORD_READER).asControllerService(RecordReaderFactory.class),
                    CompanyProperties.mapping(context), getLogger());
        } catch (final MalformedRecordException | SchemaNotFoundException | IOException | RuntimeException e) {
            getLogger().error("Cannot read customer records from {}", flowFile, e);
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
        final PublishState state = PublishState.read(stateMap.toMap(), context.getProperty(CompanyProperties.MAX_REMEMBERED_COMPANIES).asInteger());
        final Instant now = clock.instant();
        final Duration resyncInterval = context.getProperty(CompanyProperties.FULL_RESYNC_INTERVAL).isSet()
                ? Duration.ofMillis(context.getProperty(CompanyProperties.FULL_RESYNC_INTERVAL).asTimePeriod(TimeUnit.MILLISECONDS)) : null;
        final boolean fullResync = context.getProperty(CompanyProperties.FULL_RESYNC).asBoolean()
                || "true".equalsIgnoreCase(flowFile.getAttribute(FULL_RESYNC_ATTRIBUTE)) || state.fullResyncDue(resyncInterval, now);

        final CompanySync.Report report;
        try {
            report = new CompanySync(new ShopifyCompanyApi(connection.client())).sync(input.accounts(), state.memory(), fullResync);
        } catch (final ApiException e) {
            keepSettled(session, stateMap, state, now, flowFile);
            CALL_FAILURE.route(context, session, flowFile, getLogger(), e);
            return;
        }
        try {
            if (!session.replaceState(stateMap, state.toMap(fullResync, now), Scope.CLUSTER)) {
                // another node ran at the same time: run again on fresh state; companies are found by externalId, never doubled
                getLogger().info("Cluster state changed during the run; {} will be processed again", flowFile);
                session.rollback();
                context.yield();
                return;
            }
        } catch (final IOException e) {
            getLogger().warn("Cannot save the companies sent; {} will be processed again", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("company.created", Long.toString(report.count(CompanyOutcome.Status.CREATED)));
        attributes.put("company.updated", Long.toString(report.count(CompanyOutcome.Status.UPDATED)));
        attributes.put("company.unchanged", Long.toString(report.count(CompanyOutcome.Status.UNCHANGED)));
        attributes.put("company.failed", Long.toString(report.count(CompanyOutcome.Status.FAILED)
                + input.entries().stream().filter(e -> e.problemCode() != null).count()));
        attributes.put("company.requests", Integer.toString(report.requests()));
        attributes.put(FULL_RESYNC_ATTRIBUTE, Boolean.toString(fullResync));
        attributes.put("shopify.shop", String.valueOf(connection.shopDomain()));
        try {
            final Map<Relationship, FlowFile> routed = input.route(session, flowFile,
                    context.getProperty(CompanyProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), report.outcomes(), attributes,
                    REL_SUCCESS, REL_FAILURE, getLogger());
            for (final Map.Entry<Relationship, FlowFile> finished : routed.entrySet()) {
                if (finished.getKey() == REL_SUCCESS) {
                    session.getProvenanceReporter().send(finished.getValue(), "https://" + connection.shopDomain() + "/admin/companies",
                            "companies: " + attributes.get("company.created") + " created, " + attributes.get("company.updated") + " updated");
                }
                session.transfer(finished.getValue(), finished.getKey());
            }
        } catch (final IOException | RuntimeException e) {
            // the companies are in Shopify and remembered; only the report could not be written
            getLogger().error("Sent the companies of {} but could not write the result records", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        session.remove(flowFile);
        session.adjustCounter("Companies Created", report.count(CompanyOutcome.Status.CREATED), false);
        session.adjustCounter("Companies Updated", report.count(CompanyOutcome.Status.UPDATED), false);
        session.commitAsync();
    }

    /**
     * Saves the accounts a failed run settled before the failure, so that the retried input skips them as unchanged and a
     * large batch progresses from attempt to attempt. Not saving is safe (the companies are found again by externalId),
     * only slower: the input is routed all the same.
     */
    private void keepSettled(final ProcessSession session, final StateMap stateMap, final PublishState state, final Instant now,
                             final FlowFile flowFile) {
        try {
            if (!session.replaceState(stateMap, state.toMap(false, now), Scope.CLUSTER)) {
                getLogger().info("Cluster state changed during the run; the companies settled for {} are looked up again on retry", flowFile);
            }
        } catch (final IOException e) {
            getLogger().warn("Cannot save the companies settled for {}; they are looked up again on retry", flowFile, e);
        }
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RENAMED_PROPERTIES.applyTo(config);
    }
}
