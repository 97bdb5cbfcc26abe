package io.nifiecommerce.processors.company;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import io.nifiecommerce.stock.PublishedQuantities;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PutShopifyCompanies' property descriptors, and its mapping tables as the record reader takes them. */
final class CompanyProperties {

    static final String PAYMENT_TERMS_PREFIX = "payment-terms.";
    static final String CATALOG_PREFIX = "catalog.";

    static final PropertyDescriptor SHOPIFY_CONNECTION = new PropertyDescriptor.Builder()
            .name("Shopify Connection")
            .description("The shop whose B2B companies are written.")
            .required(true)
            .identifiesControllerService(ShopifyConnectionService.class)
            .build();

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader(
            "Reads the customer records, e.g. a JsonTreeReader over GetBusinessCentralRecords' customers.");

    static final PropertyDescriptor RECORD_WRITER = RecordDescriptors.recordWriter(
            "Writes the records with their outcome to success and failure.");

    static final PropertyDescriptor CATALOG_FIELD = new PropertyDescriptor.Builder()
            .name("Catalog Field")
            .description("""
                    The record field naming the customer's company-location catalog, e.g. customerPriceGroup from a custom API \
                    page (BC API v2.0 customers have no price group). Its value is a catalog title, or mapped by a \
                    catalog.<value> property. Empty: locations are not assigned to catalogs.""")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor CATALOG_TITLE_PREFIX = new PropertyDescriptor.Builder()
            .name("Catalog Title Prefix")
            .description("""
                    Put before an unmapped Catalog Field value to make the catalog title, as PublishShopifyPriceLists titles \
                    the catalog of each BC price group (e.g. "BC " makes REVENDEUR the catalog "BC REVENDEUR").""")
            .required(false)
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .dependsOn(CATALOG_FIELD)
            .build();

    static final PropertyDescriptor FULL_RESYNC = new PropertyDescriptor.Builder()
            .name("Full Resync")
            .description("""
                    Ignore the memory of what was sent and compare every customer with Shopify (only differences are still \
                    written). The FlowFile attribute company.full.resync=true does the same for one FlowFile.""")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor FULL_RESYNC_INTERVAL = new PropertyDescriptor.Builder()
            .name("Full Resync Interval")
            .description("Make a run a full resync when the last one is older than this, catching edits made in Shopify. Empty: only when asked for.")
            .required(false)
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor MAX_REMEMBERED_COMPANIES = new PropertyDescriptor.Builder()
            .name("Max Remembered Companies")
            .description("The most customers whose fingerprint is kept in cluster state (about 8 characters each).")
            .required(true)
            .defaultValue("50000")
            .addValidator(StandardValidators.createLongValidator(1, PublishedQuantities.DEFAULT_MAX_PAIRS, true))
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(SHOPIFY_CONNECTION, RECORD_READER, RECORD_WRITER, CATALOG_FIELD, CATALOG_TITLE_PREFIX,
            FULL_RESYNC, FULL_RESYNC_INTERVAL, MAX_REMEMBERED_COMPANIES);

    private CompanyProperties() {
    }

    static PropertyDescriptor dynamicDescriptor(final String name) {
        final PropertyDescriptor.Builder builder = new PropertyDescriptor.Builder().name(name).dynamic(true).required(false);
        for (final String prefix : List.of(PAYMENT_TERMS_PREFIX, CATALOG_PREFIX)) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return builder.description((prefix.equals(CATALOG_PREFIX) ? "The catalog of " : "The payment terms template of ")
                        + name.substring(prefix.length())).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
            }
        }
        return builder.addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                .valid(false).explanation("dynamic properties are payment-terms.<BC value> or catalog.<BC value>").build()).build();
    }

    static CustomerRecords.Mapping mapping(final ProcessContext context) {
        return new CustomerRecords.Mapping(dynamic(context, PAYMENT_TERMS_PREFIX), context.getProperty(CATALOG_FIELD).getValue(),
                context.getProperty(CATALOG_TITLE_PREFIX).getValue(), dynamic(context, CATALOG_PREFIX));
    }

    private static Map<String, String> dynamic(final ProcessContext context, final String prefix) {
        final Map<String, String> byValue = new LinkedHashMap<>();
        context.getProperties().forEach((descriptor, value) -> {
            if (descriptor.isDynamic() && descriptor.getName().startsWith(prefix) && value != null) {
                byValue.put(descriptor.getName().substring(prefix.length()), value.trim());
            }
        });
        return byValue;
    }
}
