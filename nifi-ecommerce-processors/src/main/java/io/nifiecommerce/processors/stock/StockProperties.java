package io.nifiecommerce.processors.stock;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.stock.PublishPolicy;
import io.nifiecommerce.stock.PublishedQuantities;
import io.nifiecommerce.stock.QuantityName;
import io.nifiecommerce.stock.StockPublisher;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PublishStockLevels' property descriptors, and its properties as the plain-Java publisher takes them: the dynamic location.&lt;code&gt; and
 * safety-stock.&lt;code&gt; properties by code, and the publisher's settings for one FlowFile.
 */
final class StockProperties {

    static final String LOCATION_PREFIX = "location.";
    static final String SAFETY_STOCK_PREFIX = "safety-stock.";

    private static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged", "movement_canceled",
            "movement_created", "movement_received", "movement_updated", "other", "promotion", "quality_control", "received",
            "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage");

    static final PropertyDescriptor SHOPIFY_CONNECTION = new PropertyDescriptor.Builder()
            .name("Shopify Connection")
            .description("The shop to publish to.")
            .required(true)
            .identifiesControllerService(ShopifyConnectionService.class)
            .build();

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader(
            "Reads the stock records: EdiStockRecordReader for INVRPT/846, JsonTreeReader or CSVReader for exports.");

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the records with their outcome to success and failure.");

    static final PropertyDescriptor SKU_FIELD = new PropertyDescriptor.Builder()
            .name("SKU Field")
            .description("The record field holding the SKU, matched exactly against Shopify variant SKUs.")
            .required(true)
            .defaultValue("sku")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor GTIN_FIELD = new PropertyDescriptor.Builder()
            .name("GTIN Field")
            .description("""
                    The record field holding the GTIN / EAN / UPC. Used only for records without a SKU: they are matched \
                    against variant barcodes (ignoring leading zeros, so a GTIN-14 finds an EAN-13).""")
            .required(false)
            .defaultValue("gtin")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor LOCATION_FIELD = new PropertyDescriptor.Builder()
            .name("Location Field")
            .description("The record field holding the warehouse or location code. Records without one use Default Location.")
            .required(false)
            .defaultValue("warehouse")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor QUANTITY_FIELD = new PropertyDescriptor.Builder()
            .name("Quantity Field")
            .description("The record field holding the quantity; decimals are rounded down.")
            .required(true)
            .defaultValue("quantity")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor COMMITTED_FIELD = new PropertyDescriptor.Builder()
            .name("Committed Field")
            .description("""
                    The record field holding units of this quantity already promised to open orders, for Committed \
                    Compensation. Leave empty when the source quantity already excludes them.""")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor DEFAULT_LOCATION = new PropertyDescriptor.Builder()
            .name("Default Location")
            .description("The Shopify location (GID, numeric id or name) for records without a location code.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor MATCH_LOCATION_NAMES = new PropertyDescriptor.Builder()
            .name("Match Location Names")
            .description("""
                    When a location code has no location.<code> property, use the Shopify location whose name (or id) \
                    equals the code. Off, unmapped codes fail with UNMAPPED_LOCATION.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final PropertyDescriptor QUANTITY_NAME = new PropertyDescriptor.Builder()
            .name("Quantity Name")
            .description("""
                    The Shopify quantity to set. available: the units Shopify sells. on_hand: the physical units; Shopify \
                    then subtracts its own committed and reserved units.""")
            .required(true)
            .allowableValues(QuantityName.AVAILABLE.apiName(), QuantityName.ON_HAND.apiName())
            .defaultValue(QuantityName.AVAILABLE.apiName())
            .build();

    static final PropertyDescriptor SAFETY_STOCK = new PropertyDescriptor.Builder()
            .name("Safety Stock")
            .description("Units held back at every location (safety-stock.<code> overrides it per location).")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .build();

    static final PropertyDescriptor COMMITTED_COMPENSATION = new PropertyDescriptor.Builder()
            .name("Committed Compensation")
            .description("Subtract the Committed Field from the quantity when writing available.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .dependsOn(QUANTITY_NAME, QuantityName.AVAILABLE.apiName())
            .build();

    static final PropertyDescriptor REASON = new PropertyDescriptor.Builder()
            .name("Reason")
            .description("The reason Shopify records in the inventory history.")
            .required(true)
            .allowableValues(REASONS.stream().sorted().toArray(String[]::new))
            .defaultValue("correction")
            .build();

    static final PropertyDescriptor REFERENCE_DOCUMENT_URI = new PropertyDescriptor.Builder()
            .name("Reference Document URI")
            .description("A URI shown in Shopify's inventory history as the origin of the change, e.g. the 3PL report.")
            .required(false)
            .addValidator(StandardValidators.URI_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .build();

    static final PropertyDescriptor COMPARE_AND_SET = new PropertyDescriptor.Builder()
            .name("Compare And Set")
            .description("""
                    Set a quantity only if Shopify still holds the value read just before (changeFromQuantity). A sale in \
                    between fails the record with CHANGE_FROM_QUANTITY_STALE instead of overwriting it. Every run then \
                    reads current quantities from Shopify.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor FULL_RESYNC = new PropertyDescriptor.Builder()
            .name("Full Resync")
            .description("""
                    Ignore the memory of what was published and compare every record with Shopify's current quantity. \
                    The FlowFile attribute stock.full.resync=true does the same for one FlowFile.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor FULL_RESYNC_INTERVAL = new PropertyDescriptor.Builder()
            .name("Full Resync Interval")
            .description("""
                    Make a run a full resync when the last one is older than this, catching changes made in Shopify \
                    directly. Empty: only when asked for.""")
            .required(false)
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("Batch Size")
            .description("Quantities per inventorySetQuantities call (Shopify accepts 250 at most).")
            .required(true)
            .defaultValue("250")
            .addValidator(StandardValidators.createLongValidator(1, 250, true))
            .build();

    static final PropertyDescriptor LOOKUP_CACHE_TTL = new PropertyDescriptor.Builder()
            .name("Lookup Cache TTL")
            .description("How long SKU-to-item and location lookups are reused before Shopify is asked again.")
            .required(true)
            .defaultValue("15 min")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor MAX_REMEMBERED_PAIRS = new PropertyDescriptor.Builder()
            .name("Max Remembered Pairs")
            .description("""
                    The most SKU and location pairs remembered in cluster state (about 8 characters each; 100,000 fit in \
                    ZooKeeper's default 1 MB). Beyond it, the pairs confirmed longest ago are published again on their next run.""")
            .required(true)
            .defaultValue(Integer.toString(PublishedQuantities.DEFAULT_MAX_PAIRS))
            .addValidator(StandardValidators.createLongValidator(1, 120_000, true))
            .build();

    /** In the order the reference documents them. */
    static final List<PropertyDescriptor> DESCRIPTORS = List.of(
            SHOPIFY_CONNECTION, RECORD_READER, RECORD_WRITER, SKU_FIELD, GTIN_FIELD, LOCATION_FIELD, QUANTITY_FIELD, COMMITTED_FIELD,
            DEFAULT_LOCATION, MATCH_LOCATION_NAMES, QUANTITY_NAME, SAFETY_STOCK, COMMITTED_COMPENSATION, REASON,
            REFERENCE_DOCUMENT_URI, COMPARE_AND_SET, FULL_RESYNC, FULL_RESYNC_INTERVAL, BATCH_SIZE, LOOKUP_CACHE_TTL,
            MAX_REMEMBERED_PAIRS);

    private StockProperties() {
    }

    /** The descriptor of a dynamic property: location.&lt;code&gt; or safety-stock.&lt;code&gt;; any other name is invalid. */
    static PropertyDescriptor dynamicDescriptor(final String name) {
        final PropertyDescriptor.Builder builder = new PropertyDescriptor.Builder().name(name).dynamic(true).required(false);
        if (name.startsWith(SAFETY_STOCK_PREFIX) && name.length() > SAFETY_STOCK_PREFIX.length()) {
            return builder.description("Safety stock for " + name.substring(SAFETY_STOCK_PREFIX.length()))
                    .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR).build();
        }
        if (name.startsWith(LOCATION_PREFIX) && name.length() > LOCATION_PREFIX.length()) {
            return builder.description("The Shopify location of code " + name.substring(LOCATION_PREFIX.length()))
                    .addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
        }
        return builder.addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                .valid(false).explanation("dynamic properties are location.<code> or safety-stock.<code>").build()).build();
    }

    /** The values of the dynamic properties named prefix + code, by code, in the order configured. */
    static Map<String, String> dynamic(final ProcessContext context, final String prefix) {
        final Map<String, String> byCode = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && descriptor.getName().startsWith(prefix) && value != null) {
                byCode.put(descriptor.getName().substring(prefix.length()), value);
            }
        });
        return byCode;
    }

    /** The publisher's settings for a FlowFile (the Reference Document URI may use its attributes). */
    static StockPublisher.Settings settings(final ProcessContext context, final FlowFile flowFile, final String apiVersion) {
        final Map<String, Long> safetyByLocation = new HashMap<>();
        dynamic(context, SAFETY_STOCK_PREFIX).forEach((code, value) -> safetyByLocation.put(code, Long.parseLong(value.trim())));
        final PublishPolicy policy = new PublishPolicy(QuantityName.fromApiName(context.getProperty(QUANTITY_NAME).getValue()),
                context.getProperty(SAFETY_STOCK).asLong(), safetyByLocation,
                context.getProperty(COMMITTED_COMPENSATION).asBoolean());
        return new StockPublisher.Settings(policy, context.getProperty(REASON).getValue(),
                context.getProperty(REFERENCE_DOCUMENT_URI).evaluateAttributeExpressions(flowFile).getValue(),
                apiVersion, context.getProperty(COMPARE_AND_SET).asBoolean(), context.getProperty(BATCH_SIZE).asInteger());
    }
}
