package io.nifiecommerce.processors.shopify;

import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordSetWriterFactory;

import java.util.List;

/** FetchShopifyOrders' property descriptors and their allowable values, kept out of the processor so that it stays a thin adapter. */
final class FetchShopifyOrdersProperties {

    static final AllowableValue START_NOW = new AllowableValue("NOW", "Now", "Orders updated from the first run on.");
    static final AllowableValue START_DATE = new AllowableValue("DATE", "Given Date", "Orders updated since Initial Start Date.");
    static final AllowableValue START_EVERYTHING = new AllowableValue("EVERYTHING", "Everything",
            "Every order the app can see (the last 60 days without read_all_orders).");

    static final AllowableValue SEGMENT_ALL = new AllowableValue("ALL", "All", "B2B and B2C orders, in separate FlowFiles.");
    static final AllowableValue SEGMENT_B2B = new AllowableValue("B2B", "B2B Only", "Only orders bought through a company account.");
    static final AllowableValue SEGMENT_B2C = new AllowableValue("B2C", "B2C Only", "Only orders without a company account.");

    static final AllowableValue FORMAT_RECORDS = new AllowableValue("RECORDS", "Canonical Records",
            "Canonical order records written by the Record Writer (schema in docs/canonical-order.md).");
    static final AllowableValue FORMAT_RAW = new AllowableValue("RAW", "Raw Shopify JSON",
            "A JSON array of Shopify's order nodes as the GraphQL API returned them, lines complete.");

    static final AllowableValue MODE_PAGES = new AllowableValue("PAGES", "Cursor Pages", "Every run reads updated orders page by page.");
    static final AllowableValue MODE_BULK = new AllowableValue("BULK", "Bulk Backfill",
            "The first run exports everything since Initial Start with a bulk operation; later runs read pages.");

    public static final PropertyDescriptor SHOPIFY_CONNECTION = new PropertyDescriptor.Builder()
            .name("Shopify Connection")
            .description("The shop to read from.")
            .required(true)
            .identifiesControllerService(ShopifyConnectionService.class)
            .build();

    public static final PropertyDescriptor INITIAL_START = new PropertyDescriptor.Builder()
            .name("Initial Start")
            .description("Where the first run starts. Ignored once the processor has state; clear the state to start over.")
            .required(true)
            .allowableValues(START_NOW, START_DATE, START_EVERYTHING)
            .defaultValue(START_NOW.getValue())
            .build();

    public static final PropertyDescriptor INITIAL_START_DATE = new PropertyDescriptor.Builder()
            .name("Initial Start Date")
            .description("ISO-8601 instant, e.g. 2026-01-01T00:00:00Z: orders updated since then are read on the first run.")
            .required(true)
            .addValidator(StandardValidators.ISO8601_INSTANT_VALIDATOR)
            .dependsOn(INITIAL_START, START_DATE)
            .build();

    public static final PropertyDescriptor OVERLAP = new PropertyDescriptor.Builder()
            .name("Overlap")
            .description("How far before the latest update already read each run looks again, to catch orders Shopify's search indexed "
                    + "late. Versions already emitted are recognised and skipped.")
            .required(true)
            .defaultValue("5 mins")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor QUERY_FILTER = new PropertyDescriptor.Builder()
            .name("Query Filter")
            .description("Shopify search syntax ANDed with the updated_at window, e.g. `tag:validated financial_status:paid` or "
                    + "`status:open`. Empty: every order.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor SEGMENT_FILTER = new PropertyDescriptor.Builder()
            .name("Segment Filter")
            .description("Which orders to emit.")
            .required(true)
            .allowableValues(SEGMENT_ALL, SEGMENT_B2B, SEGMENT_B2C)
            .defaultValue(SEGMENT_ALL.getValue())
            .build();

    public static final PropertyDescriptor OUTPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Output Format")
            .description("How orders are written.")
            .required(true)
            .allowableValues(FORMAT_RECORDS, FORMAT_RAW)
            .defaultValue(FORMAT_RECORDS.getValue())
            .build();

    public static final PropertyDescriptor RECORD_WRITER = new PropertyDescriptor.Builder()
            .name("Record Writer")
            .description("Writes the canonical order records (JSON, Avro, CSV...).")
            .required(true)
            .identifiesControllerService(RecordSetWriterFactory.class)
            .dependsOn(OUTPUT_FORMAT, FORMAT_RECORDS)
            .build();

    public static final PropertyDescriptor MAX_ORDERS_PER_FLOWFILE = new PropertyDescriptor.Builder()
            .name("Max Orders per FlowFile")
            .description("The most orders one FlowFile holds. Each FlowFile is committed with the cursor of its last order.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 100_000, true))
            .build();

    public static final PropertyDescriptor FETCH_MODE = new PropertyDescriptor.Builder()
            .name("Fetch Mode")
            .description("How the first load is read.")
            .required(true)
            .allowableValues(MODE_PAGES, MODE_BULK)
            .defaultValue(MODE_PAGES.getValue())
            .build();

    /** In the order the reference documents them. */
    static final List<PropertyDescriptor> DESCRIPTORS = List.of(SHOPIFY_CONNECTION, INITIAL_START, INITIAL_START_DATE, OVERLAP, QUERY_FILTER,
            SEGMENT_FILTER, ReleaseGateProperties.RELEASE_POLICY, ReleaseGateProperties.APPROVAL_TAG, OUTPUT_FORMAT, RECORD_WRITER,
            MAX_ORDERS_PER_FLOWFILE, FETCH_MODE);

    private FetchShopifyOrdersProperties() {
    }
}
