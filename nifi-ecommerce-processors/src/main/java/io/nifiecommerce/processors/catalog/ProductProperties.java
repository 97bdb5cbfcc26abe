package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.catalog.CategoryTarget;
import io.nifiecommerce.catalog.ProductSettings;
import io.nifiecommerce.catalog.ShopifyOwnedField;
import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** PublishShopifyProducts' property descriptors, and its properties as the plain-Java publisher takes them. */
final class ProductProperties {

    static final String CATEGORY_PREFIX = "category.";

    static final PropertyDescriptor SHOPIFY_CONNECTION = new PropertyDescriptor.Builder()
            .name("Shopify Connection")
            .description("The shop to publish to.")
            .required(true)
            .identifiesControllerService(ShopifyConnectionService.class)
            .build();

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader(
            "Reads the item records, e.g. a JsonTreeReader over GetBusinessCentralRecords' items with $expand=itemVariants.");

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the records with their outcome to success and failure.");

    static final PropertyDescriptor NUMBER_FIELD = field("Item Number Field", "number", true,
            "The item number: the SKU of a single-variant product, the stem of the SKUs of the others. The key in Shopify.");
    static final PropertyDescriptor TITLE_FIELD = field("Title Field", "displayName", true, "The product title.");
    static final PropertyDescriptor DESCRIPTION_FIELD = field("Description Field", null, false,
            "The product description (HTML allowed). Business Central's items page has none: leave empty, or name a field a custom page adds.");
    static final PropertyDescriptor GTIN_FIELD = field("GTIN Field", "gtin", false, "The GTIN (EAN/UPC), the barcode of the variant.");
    static final PropertyDescriptor PRICE_FIELD = field("Unit Price Field", "unitPrice", false,
            "The unit price, the price of every variant (times the quantity per unit). An item without one keeps the shop's price.");
    static final PropertyDescriptor BLOCKED_FIELD = field("Blocked Field", "blocked", false,
            "true archives the product in Shopify (never deleted). Business Central's items page has blocked.");
    static final PropertyDescriptor SALES_BLOCKED_FIELD = field("Sales Blocked Field", null, false,
            "A second blocking field (Sales Blocked, from a custom page): true archives too.");
    static final PropertyDescriptor CATEGORY_FIELD = field("Category Field", "itemCategoryCode", false, "The item category code.");
    static final PropertyDescriptor VARIANTS_FIELD = field("Variants Field", "itemVariants", false,
            "An array of records with code and description: the item variants ($expand=itemVariants).");
    static final PropertyDescriptor UNITS_FIELD = field("Units Field", null, false,
            "An array of records with code and quantityPerUnit: the sales units, offered as variants when there are two or more.");
    static final PropertyDescriptor PICTURE_URL_FIELD = field("Picture URL Field", null, false,
            "A URL Shopify can download the item's picture from (Business Central's picture content needs its credentials, so "
                    + "pictures are published to a web server or CDN first). Empty: no pictures.");

    static final PropertyDescriptor PICTURE_SOURCE = new PropertyDescriptor.Builder()
            .name("Picture Source")
            .description("""
                    The Business Central connection to read item pictures from (items(id)/picture/pictureContent, by the \
                    record's id). Set, each changed item's picture is read, and sent to Shopify through a staged upload only \
                    when its content changed (a hash per item in state); Picture URL Field is then not used. Read items with \
                    their id and lastModifiedDateTime (a new picture changes it). Pictures go on creation, or on every change \
                    when IMAGES is not a Shopify-owned field.""")
            .required(false)
            .identifiesControllerService(BusinessCentralConnectionService.class)
            .build();

    static final PropertyDescriptor SKU_SEPARATOR = new PropertyDescriptor.Builder()
            .name("SKU Separator")
            .description("Between item number, variant code and unit code in a variant's SKU (1000-RED-BOX).")
            .required(true)
            .defaultValue("-")
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .build();

    static final PropertyDescriptor VARIANT_OPTION = new PropertyDescriptor.Builder()
            .name("Variant Option Name")
            .description("The Shopify option that lists an item's variants.")
            .required(true)
            .defaultValue("Variante")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor UNIT_OPTION = new PropertyDescriptor.Builder()
            .name("Unit Option Name")
            .description("The Shopify option that lists an item's sales units.")
            .required(true)
            .defaultValue("Unité")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor CATEGORY_TARGET = new PropertyDescriptor.Builder()
            .name("Category Target")
            .description("""
                    Where the item category goes. PRODUCT_TYPE: the product type (category.<code> renames it). COLLECTION: \
                    the collection whose GID category.<code> names. NONE: nowhere.""")
            .required(true)
            .allowableValues(Arrays.stream(CategoryTarget.values()).map(Enum::name).toArray(String[]::new))
            .defaultValue(CategoryTarget.PRODUCT_TYPE.name())
            .build();

    static final PropertyDescriptor SHOPIFY_OWNED = new PropertyDescriptor.Builder()
            .name("Shopify-Owned Fields")
            .description("""
                    Comma-separated fields the merchant edits in Shopify: set when the product is created, never changed \
                    afterwards. Any of TITLE, DESCRIPTION, PRODUCT_TYPE, VENDOR, IMAGES, COLLECTIONS. Empty: the ERP owns all.""")
            .required(false)
            .defaultValue("DESCRIPTION,IMAGES")
            .addValidator(ProductProperties::validOwnedFields)
            .build();

    static final PropertyDescriptor VENDOR = new PropertyDescriptor.Builder()
            .name("Vendor")
            .description("The vendor of the products. Empty: Shopify's default (the shop's name) on creation.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor HANDLE_PREFIX = new PropertyDescriptor.Builder()
            .name("Handle Prefix")
            .description("Prefixed to the item number to make the handle (URL) of a product the run creates.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor NEW_PRODUCT_STATUS = new PropertyDescriptor.Builder()
            .name("New Product Status")
            .description("The status of a product the run creates (and of an archived product whose item is unblocked). DRAFT "
                    + "lets the merchant review new products before they are sold.")
            .required(true)
            .allowableValues("ACTIVE", "DRAFT")
            .defaultValue("ACTIVE")
            .build();

    static final PropertyDescriptor FULL_RESYNC = new PropertyDescriptor.Builder()
            .name("Full Resync")
            .description("Send every item, whatever the memory says. Or set the attribute catalog.full.resync=true on a FlowFile.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    /** Set by GetBusinessCentralRecords on a Full read of every record, to the last page, without a filter. */
    static final String COMPLETE_READ_ATTRIBUTE = "bc.read.complete";

    static final PropertyDescriptor ARCHIVE_DELETED = new PropertyDescriptor.Builder()
            .name("Archive Deleted Items")
            .description("""
                    Archive (never delete) the product of an item published before that a complete read no longer has:                     deleted in the ERP. A FlowFile is a complete read when it carries bc.read.complete=true, which                     GetBusinessCentralRecords sets on a Full read without a filter, and every record could be read;                     incremental, filtered, partial or failed reads never archive.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final PropertyDescriptor MAX_DELETED_SHARE = new PropertyDescriptor.Builder()
            .name("Max Deleted Share")
            .description("""
                    The largest share of the published items, in percent, that a run archives for being deleted. When more                     vanish at once (a read of the wrong company, a page that lost rows) nothing is archived: the FlowFile                     says how many in products.deleted.held and a warning is logged; raise the share for one run if the                     deletion was meant.""")
            .required(true)
            .defaultValue("10")
            .addValidator(StandardValidators.createLongValidator(0, 100, true))
            .dependsOn(ARCHIVE_DELETED, "true")
            .build();

    static final PropertyDescriptor MAX_REMEMBERED_ITEMS = new PropertyDescriptor.Builder()
            .name("Max Remembered Items")
            .description("""
                    The most item fingerprints kept in cluster state (about 14 characters each; 50,000 take 0.7 MB of \
                    ZooKeeper's default 1 MB). Beyond it, the items published longest ago are sent again on their next run.""")
            .required(true)
            .defaultValue("50000")
            .addValidator(StandardValidators.createLongValidator(1, 60_000, true))
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(SHOPIFY_CONNECTION, RECORD_READER, RECORD_WRITER, NUMBER_FIELD, TITLE_FIELD,
            DESCRIPTION_FIELD, GTIN_FIELD, PRICE_FIELD, BLOCKED_FIELD, SALES_BLOCKED_FIELD, CATEGORY_FIELD, VARIANTS_FIELD, UNITS_FIELD,
            PICTURE_URL_FIELD, PICTURE_SOURCE, SKU_SEPARATOR, VARIANT_OPTION, UNIT_OPTION, CATEGORY_TARGET, SHOPIFY_OWNED, VENDOR, HANDLE_PREFIX,
            NEW_PRODUCT_STATUS, ARCHIVE_DELETED, MAX_DELETED_SHARE, FULL_RESYNC, MAX_REMEMBERED_ITEMS);

    private ProductProperties() {
    }

    private static PropertyDescriptor field(final String name, final String defaultValue, final boolean required, final String description) {
        final PropertyDescriptor.Builder builder = new PropertyDescriptor.Builder().name(name).description(description).required(required)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR);
        return defaultValue == null ? builder.build() : builder.defaultValue(defaultValue).build();
    }

    private static ValidationResult validOwnedFields(final String subject, final String input, final org.apache.nifi.components.ValidationContext context) {
        try {
            ownedFields(input);
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        } catch (final IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(false)
                    .explanation("each of TITLE, DESCRIPTION, PRODUCT_TYPE, VENDOR, IMAGES, COLLECTIONS, comma-separated").build();
        }
    }

    static Set<ShopifyOwnedField> ownedFields(final String value) {
        if (value == null || value.isBlank()) {
            return EnumSet.noneOf(ShopifyOwnedField.class);
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> ShopifyOwnedField.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ShopifyOwnedField.class)));
    }

    /** category.&lt;code&gt; dynamic properties: a product type or a collection GID per category code. */
    static PropertyDescriptor dynamicDescriptor(final String name) {
        final PropertyDescriptor.Builder builder = new PropertyDescriptor.Builder().name(name).dynamic(true).required(false);
        if (name.startsWith(CATEGORY_PREFIX) && name.length() > CATEGORY_PREFIX.length()) {
            return builder.description("The product type or collection GID of category " + name.substring(CATEGORY_PREFIX.length()))
                    .addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
        }
        return builder.addValidator(invalidDynamic()).build();
    }

    private static Validator invalidDynamic() {
        return (subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input).valid(false)
                .explanation("dynamic properties are category.<code>").build();
    }

    static ProductSettings settings(final ProcessContext context) {
        final Map<String, String> categories = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && descriptor.getName().startsWith(CATEGORY_PREFIX) && value != null) {
                categories.put(descriptor.getName().substring(CATEGORY_PREFIX.length()), value.trim());
            }
        });
        return new ProductSettings(context.getProperty(SKU_SEPARATOR).getValue(), context.getProperty(VARIANT_OPTION).getValue(),
                context.getProperty(UNIT_OPTION).getValue(), CategoryTarget.valueOf(context.getProperty(CATEGORY_TARGET).getValue()),
                categories, ownedFields(context.getProperty(SHOPIFY_OWNED).getValue()), context.getProperty(VENDOR).getValue(),
                context.getProperty(HANDLE_PREFIX).getValue(), context.getProperty(NEW_PRODUCT_STATUS).getValue());
    }
}
