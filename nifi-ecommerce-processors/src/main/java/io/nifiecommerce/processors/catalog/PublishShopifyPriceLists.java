package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.catalog.B2bCatalogs;
import io.nifiecommerce.catalog.CatalogCalls;
import io.nifiecommerce.catalog.PriceListPublisher;
import io.nifiecommerce.catalog.PriceOutcome;
import io.nifiecommerce.processors.PropertyRenames;
import io.nifiecommerce.stock.PublishedQuantities;
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
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.LogLevel;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Tags({"shopify", "b2b", "catalog", "price list", "prices", "erp", "business central", "record"})
@CapabilityDescription("""
        Publishes ERP B2B prices to Shopify: one company-location catalog and price list per price group (a Business \
        Central customer price group, or customer), found by its title or made once, and the group's prices as fixed \
        prices of the price list, keyed by SKU, up to 250 per priceListFixedPricesUpdate call. Only prices that changed \
        since the last run are sent (the last price per group and SKU is kept in cluster state); a full resync also \
        removes the fixed prices the ERP no longer has. Company locations are given their catalog by the companies step. \
        Every record comes out with its outcome and its catalog's id.""")
@SeeAlso(PublishShopifyProducts.class)
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@TriggerSerially
@Stateful(scopes = Scope.CLUSTER, description = """
        The last price published per price group and SKU (about 8 characters each, up to Max Remembered Prices) and the \
        time of the last full resync. Clearing the state sends every price again on the next run.""")
@ReadsAttribute(attribute = AbstractCatalogPublisher.FULL_RESYNC_ATTRIBUTE, description = "true sends every price of this FlowFile and removes stale ones")
@WritesAttributes({
        @WritesAttribute(attribute = "record.count", description = "The number of records in the FlowFile"),
        @WritesAttribute(attribute = "prices.published", description = "Prices set in a price list"),
        @WritesAttribute(attribute = "prices.unchanged", description = "Prices unchanged since the last run: nothing sent"),
        @WritesAttribute(attribute = "prices.removed", description = "Fixed prices removed (ended lines)"),
        @WritesAttribute(attribute = "prices.skipped", description = "Quantity breaks and lines not started yet"),
        @WritesAttribute(attribute = "prices.failed", description = "Lines Shopify refused (UNKNOWN_SKU, VARIANT_NOT_FOUND...) or unreadable"),
        @WritesAttribute(attribute = "prices.retry", description = "Lines not sent because Shopify became unavailable part-way"),
        @WritesAttribute(attribute = "shopify.catalogs", description = "price group=catalog GID pairs, comma-separated, for the companies step"),
        @WritesAttribute(attribute = "shopify.requests", description = "Shopify requests made for the input"),
        @WritesAttribute(attribute = "shopify.cost.points", description = "Query cost points Shopify charged for them"),
        @WritesAttribute(attribute = "shopify.shop", description = "The shop published to"),
        @WritesAttribute(attribute = "error.code", description = "On failure and retry: why"),
        @WritesAttribute(attribute = "error.message", description = "On failure and retry: the explanation")
})
@UseCase(
        description = "Publish Business Central customer price group prices to Shopify B2B catalogs every night.",
        configuration = """
                Install bc-extension (page salesPriceLines) and read it with GetBusinessCentralRecords (API Route \
                nifiEcommerce/catalog/v1.0, entity set salesPriceLines) into JSON.
                Set Record Reader to a JsonTreeReader; keep the field names. Set Default Currency to the company's local currency.
                Run it after PublishShopifyProducts, so that the SKUs exist.""")
@DefaultSettings(yieldDuration = "10 sec", penaltyDuration = "30 sec", bulletinLevel = LogLevel.WARN)
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Every record of an incoming FlowFile is read into memory, "
        + "and the prices remembered (up to Max Remembered Prices) are held while the processor runs.")
public class PublishShopifyPriceLists extends AbstractCatalogPublisher<PriceLineRecords, PriceListPublisher.Report> {

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PriceListProperties.DESCRIPTORS;
    }

    @Override
    PriceLineRecords read(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final Instant now) throws Exception {
        return PriceLineRecords.read(session, flowFile, context, LocalDate.ofInstant(now, ZoneOffset.UTC), getLogger());
    }

    @Override
    PriceListPublisher.Report publish(final ProcessContext context, final CatalogCalls calls, final FlowFile flowFile, final PriceLineRecords input,
                                      final PublishedQuantities memory, final boolean full, final Map<String, String> stored) {
        final B2bCatalogs catalogs = new B2bCatalogs(calls, context.getProperty(PriceListProperties.CATALOG_TITLE_PREFIX).getValue());
        return new PriceListPublisher(calls, catalogs).publish(input.lines(), memory, full);
    }

    @Override
    Map<String, String> attributes(final PriceLineRecords input, final PriceListPublisher.Report report) {
        final List<PriceOutcome> outcomes = input.outcomes(report.outcomes());
        final Map<String, String> attributes = new HashMap<>();
        for (final PriceOutcome.Status status : PriceOutcome.Status.values()) {
            attributes.put("prices." + status.name().toLowerCase(Locale.ROOT), Long.toString(outcomes.stream().filter(o -> o.status() == status).count()));
        }
        final StringBuilder catalogs = new StringBuilder();
        report.catalogIds().forEach((group, id) -> catalogs.append(catalogs.isEmpty() ? "" : ",").append(group).append('=').append(id));
        attributes.put("shopify.catalogs", catalogs.toString());
        attributes.put("shopify.requests", Integer.toString(report.requests()));
        attributes.put("shopify.cost.points", Long.toString(Math.round(report.costPoints())));
        return attributes;
    }

    @Override
    Map<Relationship, FlowFile> route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final PriceLineRecords input,
                                      final PriceListPublisher.Report report, final Map<String, String> attributes) throws IOException {
        return input.route(session, flowFile, context.getProperty(PriceListProperties.RECORD_WRITER).asControllerService(RecordSetWriterFactory.class),
                input.outcomes(report.outcomes()), attributes, REL_SUCCESS, REL_FAILURE, REL_RETRY, getLogger());
    }

    @Override
    String provenanceDetails(final Map<String, String> attributes) {
        return "B2B prices: " + attributes.get("prices.published") + " published, " + attributes.get("prices.removed") + " removed";
    }

    @Override
    PropertyDescriptor connectionProperty() {
        return PriceListProperties.SHOPIFY_CONNECTION;
    }

    @Override
    PropertyDescriptor maxRememberedProperty() {
        return PriceListProperties.MAX_REMEMBERED_PRICES;
    }

    @Override
    PropertyDescriptor fullResyncProperty() {
        return PriceListProperties.FULL_RESYNC;
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
