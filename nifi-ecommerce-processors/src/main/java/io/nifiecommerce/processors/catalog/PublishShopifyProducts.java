package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.catalog.CatalogCalls;
import io.nifiecommerce.catalog.ProductMapping;
import io.nifiecommerce.catalog.ProductOutcome;
import io.nifiecommerce.catalog.ProductPublisher;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.stock.PublishState;
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
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tags({"shopify", "products", "catalog", "items", "prices", "erp", "business central", "productSet", "record"})
@CapabilityDescription("""
        Publishes ERP items (Business Central items with their variants) as Shopify products, keyed by SKU: the item \
        number, or item number, variant code and unit code for the variants. Each changed item is looked up by SKU (50 per \
        query) and sent with one productSet: updated when a product carries its SKUs, created under a handle otherwise \
        (an upsert, so a replay creates nothing twice), archived when the item is blocked. Products are never deleted. \
        Only items whose content changed since the last run are sent: a fingerprint per item is kept in cluster state. \
        Fields the merchant edits in Shopify (Shopify-Owned Fields) are set on creation only. Every record comes out \
        with its outcome on success (created, updated, archived, unchanged, skipped) or failure (Shopify's userErrors code).""")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = """
        A 32-bit fingerprint per item published (about 14 characters each, up to Max Remembered Items) and the time of \
        the last full resync. Clearing the state makes the next run send every item again, which changes nothing in \
        Shopify but costs one productSet per item.""")
@ReadsAttribute(attribute = PublishShopifyProducts.FULL_RESYNC_ATTRIBUTE, description = "true sends every item of this FlowFile")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
        @WritesAttribute(attribute = "products.created", description = "Items created as products"),
        @WritesAttribute(attribute = "products.updated", description = "Items whose product was updated"),
        @WritesAttribute(attribute = "products.archived", description = "Blocked items whose product is archived"),
        @WritesAttribute(attribute = "products.unchanged", description = "Items unchanged since the last run: nothing sent"),
        @WritesAttribute(attribute = "products.failed", description = "Items Shopify refused, or unreadable records"),
        @WritesAttribute(attribute = "products.retry", description = "Items not sent because Shopify became unavailable part-way"),
        @WritesAttribute(attribute = "shopify.requests", description = "Shopify requests made for the input"),
        @WritesAttribute(attribute = "shopify.cost.points", description = "Query cost points Shopify charged for them"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop published to"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: why (a userErrors code, INVALID_ITEM, THROTTLED...)"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the explanation")
})
@DynamicProperty(name = "category.<code>", value = "A product type, or a collection GID",
        description = "What the item category <code> becomes: the product type (Category Target PRODUCT_TYPE) or the collection (COLLECTION)",
        expressionLanguageScope = ExpressionLanguageScope.NONE)
@UseCase(
        description = "Publish Business Central items as Shopify products every night, sending only what changed.",
        configuration = """
                Read items with GetBusinessCentralRecords (entity set items, Expand itemVariants) into JSON.
                Set Record Reader to a JsonTreeReader and Record Writer to a JsonRecordSetWriter; keep the field names.
                Set Shopify-Owned Fields to the fields the merchant edits in Shopify (DESCRIPTION,IMAGES by default).
                Route failure to a place someone looks at: its records carry product_reason and product_message.""")
@MultiProcessorUseCase(
        description = "Make Business Central the master of the shop's products and prices, nightly.",
        keywords = {"products", "prices", "catalog", "business central", "shopify", "nightly"},
        notes = "The flow definition flow-templates/erp-master-data-to-shopify.json builds this flow.",
        configurations = {
                @ProcessorConfiguration(processorClassName = "io.nifiecommerce.processors.businesscentral.GetBusinessCentralRecords", configuration = """
                        Set "Entity Set" to `items`, "Expand" to `itemVariants`, "Read Mode" to FULL, and schedule it with CRON \
                        driven scheduling at night on the primary node.
                        """),
                @ProcessorConfiguration(processorClass = PublishShopifyProducts.class, configuration = """
                        Set "Record Reader" to a JsonTreeReader. Connect success to PublishShopifyPriceLists (B2B prices), \
                        loop retry back, and send failure to a review port.
                        """)
        })
// A rate-limited sink, like PublishStockLevels: penalize what goes to retry so the shop's cost bucket refills first.
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Every record of an incoming FlowFile is read into memory, "
        + "and the item fingerprints (up to Max Remembered Items) are held while the processor runs.")
public class PublishShopifyProducts extends AbstractProcessor {

    static final String FULL_RESYNC_ATTRIBUTE = "catalog.full.resync";
    /** Counter (NiFi's Counters page): products created or updated. */
    static final String COUNTER_PRODUCTS_SET = "Products Set";

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Records whose product is created, updated, archived, or already right, with product_outcome")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Records Shopify refused or that cannot be read as items, with product_reason and product_message")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("""
                    The records not sent, penalized, when Shopify could not be reached or kept throttling part-way through the \
                    input; those sent before are on success and remembered""")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE, REL_RETRY);

    private volatile Clock clock = Clock.systemUTC();

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return ProductProperties.DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String name) {
        return ProductProperties.dynamicDescriptor(name);
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
        final ShopifyConnectionService connection = context.getProperty(ProductProperties.SHOPIFY_CONNECTION)
                .asControllerService(ShopifyConnectionService.class);
        final ItemRecords input;
        try {
            input = ItemRecords.read(session, flowFile, context.getProperty(ProductProperties.RECORD_READER).asControllerService(RecordReaderFactory.class),
                    ItemRecords.Fields.of(context), getLogger());
        } catch (final MalformedRecordException | SchemaNotFoundException | IOException | RuntimeException e) {
            getLogger().error("Cannot read item records from {}", flowFile, e);
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
        final PublishState state = PublishState.read(stateMap.toMap(), context.getProperty(ProductProperties.MAX_REMEMBERED_ITEMS).asInteger());
        final boolean full = context.getProperty(ProductProperties.FULL_RESYNC).asBoolean()
                || "true".equalsIgnoreCase(flowFile.getAttribute(FULL_RESYNC_ATTRIBUTE));
        final Instant now = clock.instant();
        final ProductPublisher.Report report;
        try {
            report = new ProductPublisher(new CatalogCalls(connection.client()), new ProductMapping(ProductProperties.settings(context)))
                    .publish(input.items(), state.memory(), full);
        } catch (final ApiException e) {
            handleCallFailure(context, session, flowFile, e);
            return;
        }
        try {
            if (!session.replaceState(stateMap, state.toMap(full, now), Scope.CLUSTER)) {
                getLogger().info("Cluster state changed during the run; {} will be processed again", flowFile);
                session.rollback();
                context.yield();
                return;
            }
        } catch (final IOException e) {
            getLogger().warn("Cannot save the item fingerprints; {} will be processed again", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        final List<ProductOutcome> outcomes = input.outcomes(report.outcomes());
        final Map<String, String> attributes = new HashMap<>();
        attributes.put("products.created", Long.toString(count(outcomes, ProductOutcome.Status.CREATED)));
        attributes.put("products.updated", Long.toString(count(outcomes, ProductOutcome.Status.UPDATED)));
        attributes.put("products.archived", Long.toString(count(outcomes, ProductOutcome.Status.ARCHIVED)));
        attributes.put("products.unchanged", Long.toString(count(outcomes, ProductOutcome.Status.UNCHANGED)));
        attributes.put("products.failed", Long.toString(count(outcomes, ProductOutcome.Status.FAILED)));
        attributes.put("products.retry", Long.toString(count(outcomes, ProductOutcome.Status.RETRY)));
        attributes.put("shopify.requests", Integer.toString(report.requests()));
        attributes.put("shopify.cost.points", Long.toString(Math.round(report.costPoints())));
        attributes.put("shopify.shop", String.valueOf(connection.shopDomain()));
        attributes.put(FULL_RESYNC_ATTRIBUTE, Boolean.toString(full));
        try {
            final Map<Relationship, FlowFile> routed = input.route(session, flowFile,
                    context.getProperty(ProductProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class), outcomes, attributes,
                    REL_SUCCESS, REL_FAILURE, REL_RETRY, getLogger());
            for (final Map.Entry<Relationship, FlowFile> finished : routed.entrySet()) {
                if (finished.getKey() == REL_RETRY) {
                    getLogger().warn("Shopify unavailable part-way through {}: the items not sent go to retry", flowFile);
                    session.transfer(session.penalize(finished.getValue()), REL_RETRY);
                    continue;
                }
                if (finished.getKey() == REL_SUCCESS) {
                    session.getProvenanceReporter().send(finished.getValue(), "https://" + connection.shopDomain() + "/admin/products",
                            "products: " + attributes.get("products.created") + " created, " + attributes.get("products.updated") + " updated, "
                                    + attributes.get("products.archived") + " archived");
                }
                session.transfer(finished.getValue(), finished.getKey());
            }
        } catch (final IOException | RuntimeException e) {
            // the products are published and remembered; only the report could not be written
            getLogger().error("Published the items of {} but could not write the result records", flowFile, e);
            session.rollback();
            context.yield();
            return;
        }
        session.remove(flowFile);
        session.adjustCounter(COUNTER_PRODUCTS_SET, count(outcomes, ProductOutcome.Status.CREATED) + count(outcomes, ProductOutcome.Status.UPDATED), false);
        session.commitAsync();
    }

    private void handleCallFailure(final ProcessContext context, final ProcessSession session, final FlowFile original, final ApiException e) {
        FlowFile flowFile = session.putAllAttributes(original, ErrorAttributes.of(String.valueOf(e.code()), String.valueOf(e.getMessage())));
        if (e.errorClass() == ErrorClass.AUTHENTICATION) {
            getLogger().error("Shopify refused the credentials or their scopes ({}); the app needs write_products", e.getMessage());
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

    private static long count(final List<ProductOutcome> outcomes, final ProductOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
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
