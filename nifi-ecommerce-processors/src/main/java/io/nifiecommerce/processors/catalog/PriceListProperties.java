package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.processors.RecordDescriptors;
import io.nifiecommerce.processors.shopify.ShopifyConnectionService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;

/** PublishShopifyPriceLists' property descriptors. Field defaults are the bc-extension page salesPriceLines. */
final class PriceListProperties {

    static final PropertyDescriptor SHOPIFY_CONNECTION = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(ProductProperties.SHOPIFY_CONNECTION)
            .build();

    static final PropertyDescriptor RECORD_READER = RecordDescriptors.recordReader(
            "Reads the price lines, e.g. a JsonTreeReader over GetBusinessCentralRecords on the bc-extension page salesPriceLines.");

    static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(ProductProperties.RECORD_WRITER)
            .build();

    static final PropertyDescriptor PRICE_GROUP_FIELD = field("Price Group Field", "sourceNo",
            "The price group of the line (Customer Price Group code, or customer number): one Shopify catalog and price list per group.");
    static final PropertyDescriptor ITEM_NUMBER_FIELD = field("Item Number Field", "assetNo", "The item number.");
    static final PropertyDescriptor VARIANT_CODE_FIELD = field("Variant Code Field", "variantCode",
            "The variant code; empty for a price of the item's single variant.");
    static final PropertyDescriptor PRICE_FIELD = field("Price Field", "unitPrice", "The price.");
    static final PropertyDescriptor CURRENCY_FIELD = field("Currency Field", "currencyCode",
            "The currency code; empty means the ERP's local currency (Default Currency).");
    static final PropertyDescriptor MINIMUM_QUANTITY_FIELD = field("Minimum Quantity Field", "minimumQuantity",
            "Lines with a minimum quantity above 1 are quantity breaks, which price lists do not carry: they are skipped.");
    static final PropertyDescriptor STARTING_DATE_FIELD = field("Starting Date Field", "startingDate",
            "A line that starts after today is skipped (sent on the night it starts).");
    static final PropertyDescriptor ENDING_DATE_FIELD = field("Ending Date Field", "endingDate",
            "A line that ended before today removes its fixed price.");

    static final PropertyDescriptor DEFAULT_CURRENCY = new PropertyDescriptor.Builder()
            .name("Default Currency")
            .description("The ISO currency of lines without one (Business Central leaves the currency empty for its local currency).")
            .required(true)
            .defaultValue("EUR")
            .addValidator(StandardValidators.createRegexMatchingValidator(java.util.regex.Pattern.compile("[A-Z]{3}")))
            .build();

    static final PropertyDescriptor CATALOG_TITLE_PREFIX = new PropertyDescriptor.Builder()
            .name("Catalog Title Prefix")
            .description("Prefixed to the price group to title its Shopify catalog and price list; the catalog is found by this title.")
            .required(false)
            .defaultValue("BC ")
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .build();

    static final PropertyDescriptor SKU_SEPARATOR = new PropertyDescriptor.Builder()
            .fromPropertyDescriptor(ProductProperties.SKU_SEPARATOR)
            .description("Between item number and variant code in the SKU, as PublishShopifyProducts makes it.")
            .build();

    static final PropertyDescriptor FULL_RESYNC = new PropertyDescriptor.Builder()
            .name("Full Resync")
            .description("Send every price and remove the fixed prices the ERP no longer has (reads each price list). Or set "
                    + "the attribute catalog.full.resync=true on a FlowFile.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor MAX_REMEMBERED_PRICES = new PropertyDescriptor.Builder()
            .name("Max Remembered Prices")
            .description("The most price group and SKU pairs remembered in cluster state (about 8 characters each).")
            .required(true)
            .defaultValue("100000")
            .addValidator(StandardValidators.createLongValidator(1, 120_000, true))
            .build();

    static final List<PropertyDescriptor> DESCRIPTORS = List.of(SHOPIFY_CONNECTION, RECORD_READER, RECORD_WRITER, PRICE_GROUP_FIELD,
            ITEM_NUMBER_FIELD, VARIANT_CODE_FIELD, PRICE_FIELD, CURRENCY_FIELD, MINIMUM_QUANTITY_FIELD, STARTING_DATE_FIELD, ENDING_DATE_FIELD,
            DEFAULT_CURRENCY, CATALOG_TITLE_PREFIX, SKU_SEPARATOR, FULL_RESYNC, MAX_REMEMBERED_PRICES);

    private PriceListProperties() {
    }

    private static PropertyDescriptor field(final String name, final String defaultValue, final String description) {
        return new PropertyDescriptor.Builder().name(name).description(description).required(!name.startsWith("Variant")
                        && !name.startsWith("Currency") && !name.startsWith("Minimum") && !name.endsWith("Date Field"))
                .defaultValue(defaultValue).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
    }
}
