package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.catalog.CatalogCalls;
import io.nifiecommerce.catalog.DeletedItems;
import io.nifiecommerce.catalog.Deletions;
import io.nifiecommerce.catalog.ErpPictures;
import io.nifiecommerce.catalog.ProductMapping;
import io.nifiecommerce.catalog.ProductOutcome;
import io.nifiecommerce.catalog.ProductPublisher;
import io.nifiecommerce.catalog.PublishedItems;
import io.nifiecommerce.catalog.StagedPictureUpload;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import io.nifiecommerce.stock.PublishedQuantities;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.ReadsAttribute;
import org.apache.nifi.annotation.behavior.ReadsAttributes;
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
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Tags({"shopify", "products", "catalog", "items", "prices", "erp", "business central", "productSet", "record"})
@CapabilityDescription("""
        Publishes ERP items (Business Central items with their variants) as Shopify products, keyed by SKU: the item \
        number, or item number, variant code and unit code for the variants. Each changed item is looked up by SKU (50 per \
        query) and sent with one productSet: updated when a product carries its SKUs, created under a handle otherwise \
        (an upsert, so a replay creates nothing twice), archived when the item is blocked or, after a complete read, \
        deleted from the ERP. Products are never deleted. \
        Only items whose content changed since the last run are sent: a fingerprint per item is kept in cluster state. \
        Fields the merchant edits in Shopify (Shopify-Owned Fields) are set on creation only. Every record comes out \
        with its outcome on success (created, updated, archived, unchanged, skipped) or failure (Shopify's userErrors code).""")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = """
        A 32-bit fingerprint per item published (about 14 characters each, up to Max Remembered Items), the time of \
        the last full resync, the numbers of the items that have a product with one SKU each (deflated, about 2 \
        characters per item), which a complete read is compared with to archive the products of deleted items, and with \
        a Picture Source a hash of each picture sent. Clearing the state makes the next run send every item again, which \
        changes nothing in Shopify but costs one productSet per item (and one staged upload per picture).""")
@ReadsAttributes({
        @ReadsAttribute(attribute = AbstractCatalogPublisher.FULL_RESYNC_ATTRIBUTE, description = "true sends every item of this FlowFile"),
        @ReadsAttribute(attribute = ProductProperties.COMPLETE_READ_ATTRIBUTE, description = "true: the records are every item of the ERP "
                + "(GetBusinessCentralRecords, Full, no filter), so published items missing from them were deleted and are archived")
})
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
        @WritesAttribute(attribute = "products.created", description = "Items created as products"),
        @WritesAttribute(attribute = "products.updated", description = "Items whose product was updated"),
        @WritesAttribute(attribute = "products.archived", description = "Blocked items whose product is archived"),
        @WritesAttribute(attribute = "products.unchanged", description = "Items unchanged since the last run: nothing sent"),
        @WritesAttribute(attribute = "products.skipped", description = "Blocked items with no product in Shopify"),
        @WritesAttribute(attribute = "products.failed", description = "Items Shopify refused, or unreadable records"),
        @WritesAttribute(attribute = "products.retry", description = "Items not sent because Shopify became unavailable part-way"),
        @WritesAttribute(attribute = "products.deleted", description = "Items deleted in the ERP (missing from a complete read) whose product is archived"),
        @WritesAttribute(attribute = "products.deleted.held", description = "Items missing from a complete read not archived: more than Max Deleted Share"),
        @WritesAttribute(attribute = "products.deleted.failed", description = "Items deleted in the ERP whose product could not be archived yet (next complete read)"),
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
public class PublishShopifyProducts extends AbstractCatalogPublisher<ItemRecords, ProductPublisher.Report> {

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return ProductProperties.DESCRIPTORS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String name) {
        return ProductProperties.dynamicDescriptor(name);
    }

    @Override
    ItemRecords read(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final Instant now) throws Exception {
        return ItemRecords.read(session, flowFile, context.getProperty(ProductProperties.RECORD_READER).asControllerService(RecordReaderFactory.class),
                ItemRecords.Fields.of(context), getLogger());
    }

    @Override
    ProductPublisher.Report publish(final ProcessContext context, final CatalogCalls calls, final FlowFile flowFile, final ItemRecords input,
                                    final PublishedQuantities memory, final boolean full, final Map<String, String> stored) {
        final boolean completeRead = context.getProperty(ProductProperties.ARCHIVE_DELETED).asBoolean()
                && "true".equalsIgnoreCase(flowFile.getAttribute(ProductProperties.COMPLETE_READ_ATTRIBUTE)) && input.allRead();
        final Deletions deletions = completeRead ? new Deletions(true, context.getProperty(ProductProperties.MAX_DELETED_SHARE).asInteger())
                : Deletions.NONE;
        final ProductPublisher publisher = new ProductPublisher(calls, new ProductMapping(ProductProperties.settings(context)));
        if (context.getProperty(ProductProperties.PICTURE_SOURCE).isSet()) {
            publisher.withPictures(pictures(context.getProperty(ProductProperties.PICTURE_SOURCE).asControllerService(BusinessCentralConnectionService.class),
                    calls));
        }
        final ProductPublisher.Report report = publisher.publish(input.items(), memory, full, PublishedItems.fromState(stored), deletions);
        logDeletions(report.deleted());
        return report;
    }

    /** Item pictures read from Business Central through its client (governor, retries) and staged in Shopify. */
    private static ErpPictures pictures(final BusinessCentralConnectionService bc, final CatalogCalls calls) {
        final BusinessCentralClient client = bc.client();
        final String companyId = bc.companyId();
        final ErpPictures.Source source = recordId -> client.getMedia(client.endpoint().resolve(
                BusinessCentralEndpoint.companyPath(companyId, "items(" + recordId + ")/picture/pictureContent")))
                .map(bytes -> new ErpPictures.Picture(bytes, ErpPictures.mimeType(bytes)));
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(PICTURE_TIMEOUT), RetryPolicy.DEFAULT);
        return new ErpPictures(source, new StagedPictureUpload(calls, transport, PICTURE_TIMEOUT));
    }

    private static final Duration PICTURE_TIMEOUT = Duration.ofSeconds(30);

    private void logDeletions(final DeletedItems deleted) {
        if (deleted.held() > 0) {
            getLogger().warn("{} published items are missing from the complete read, more than Max Deleted Share: none archived. "
                    + "Check the read (company, page); if the items were deleted, raise Max Deleted Share for one run", deleted.held());
        }
        for (final ProductOutcome outcome : deleted.outcomes()) {
            if (outcome.failed()) {
                getLogger().warn("Item {} deleted in the ERP: Shopify refused to archive {} ({} {}); tried again next complete read",
                        outcome.number(), outcome.productId(), outcome.reason(), outcome.message());
            } else if (outcome.status() == ProductOutcome.Status.ARCHIVED) {
                getLogger().info("Item {} deleted in the ERP: product {} archived", outcome.number(), outcome.productId());
            }
        }
    }

    @Override
    Map<String, String> ownState(final ProductPublisher.Report report) {
        return report.published().toState();
    }

    @Override
    Map<String, String> attributes(final ItemRecords input, final ProductPublisher.Report report) {
        final List<ProductOutcome> outcomes = input.outcomes(report.outcomes());
        final Map<String, String> attributes = new HashMap<>();
        for (final ProductOutcome.Status status : ProductOutcome.Status.values()) {
            attributes.put("products." + status.name().toLowerCase(Locale.ROOT), Long.toString(outcomes.stream().filter(o -> o.status() == status).count()));
        }
        attributes.put("products.deleted", Long.toString(report.deleted().count(ProductOutcome.Status.ARCHIVED)));
        attributes.put("products.deleted.held", Integer.toString(report.deleted().held()));
        attributes.put("products.deleted.failed", Long.toString(report.deleted().count(ProductOutcome.Status.FAILED)
                + report.deleted().count(ProductOutcome.Status.RETRY)));
        attributes.put("shopify.requests", Integer.toString(report.requests()));
        attributes.put("shopify.cost.points", Long.toString(Math.round(report.costPoints())));
        return attributes;
    }

    @Override
    Map<Relationship, FlowFile> route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final ItemRecords input,
                                      final ProductPublisher.Report report, final Map<String, String> attributes) throws IOException {
        session.adjustCounter(COUNTER_PRODUCTS_SET, report.count(ProductOutcome.Status.CREATED) + report.count(ProductOutcome.Status.UPDATED), false);
        return input.route(session, flowFile, context.getProperty(ProductProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class),
                input.outcomes(report.outcomes()), attributes, REL_SUCCESS, REL_FAILURE, REL_RETRY, getLogger());
    }

    @Override
    String provenanceDetails(final Map<String, String> attributes) {
        return "products: " + attributes.get("products.created") + " created, " + attributes.get("products.updated") + " updated, "
                + attributes.get("products.archived") + " archived";
    }

    @Override
    PropertyDescriptor connectionProperty() {
        return ProductProperties.SHOPIFY_CONNECTION;
    }

    @Override
    PropertyDescriptor maxRememberedProperty() {
        return ProductProperties.MAX_REMEMBERED_ITEMS;
    }

    @Override
    PropertyDescriptor fullResyncProperty() {
        return ProductProperties.FULL_RESYNC;
    }

    /** Counter (NiFi's Counters page): products created or updated. */
    static final String COUNTER_PRODUCTS_SET = "Products Set";

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
