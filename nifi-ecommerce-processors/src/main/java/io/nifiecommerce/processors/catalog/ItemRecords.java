package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.catalog.CatalogItem;
import io.nifiecommerce.catalog.ErpPictures;
import io.nifiecommerce.catalog.ProductOutcome;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The item records of one FlowFile, each read into a {@link CatalogItem} (or the reason it cannot be), and written back
 * afterwards with its outcome to success or failure.
 */
final class ItemRecords {

    static final String OUTCOME = "product_outcome";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    static final String PRODUCT_ID = "shopify_product_id";
    static final String REASON = "product_reason";
    static final String MESSAGE = "product_message";

    /** The record fields to read, null when not read. */
    record Fields(String number, String title, String description, String gtin, String price, String blocked, String salesBlocked,
                  String category, String variants, String units, String pictureUrl, boolean erpPictures) {

        static Fields of(final ProcessContext context) {
            return new Fields(value(context, ProductProperties.NUMBER_FIELD), value(context, ProductProperties.TITLE_FIELD),
                    value(context, ProductProperties.DESCRIPTION_FIELD), value(context, ProductProperties.GTIN_FIELD),
                    value(context, ProductProperties.PRICE_FIELD), value(context, ProductProperties.BLOCKED_FIELD),
                    value(context, ProductProperties.SALES_BLOCKED_FIELD), value(context, ProductProperties.CATEGORY_FIELD),
                    value(context, ProductProperties.VARIANTS_FIELD), value(context, ProductProperties.UNITS_FIELD),
                    value(context, ProductProperties.PICTURE_URL_FIELD), context.getProperty(ProductProperties.PICTURE_SOURCE).isSet());
        }

        private static String value(final ProcessContext context, final org.apache.nifi.components.PropertyDescriptor descriptor) {
            return context.getProperty(descriptor).getValue();
        }
    }

    private final RecordSchema schema;
    private final List<Record> records;
    private final List<Object> items;

    private ItemRecords(final RecordSchema schema, final List<Record> records, final List<Object> items) {
        this.schema = schema;
        this.records = records;
        this.items = items;
    }

    static ItemRecords read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory, final Fields fields,
                            final ComponentLog logger) throws IOException, MalformedRecordException, SchemaNotFoundException {
        final List<Record> records = new ArrayList<>();
        final List<Object> items = new ArrayList<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
                try {
                    items.add(item(record, fields));
                } catch (final IllegalArgumentException e) {
                    items.add(new ProductOutcome(String.valueOf(text(record, fields.number())), ProductOutcome.Status.FAILED, null,
                            "INVALID_ITEM", e.getMessage()));
                }
            }
            return new ItemRecords(reader.getSchema(), records, items);
        }
    }

    /** Whether every record could be read as an item: else the items are not the whole catalog, whatever the source says. */
    boolean allRead() {
        return items.stream().allMatch(CatalogItem.class::isInstance);
    }

    /** The items that could be read, in order. */
    List<CatalogItem> items() {
        return items.stream().filter(CatalogItem.class::isInstance).map(CatalogItem.class::cast).toList();
    }

    static CatalogItem item(final Record record, final Fields fields) {
        final String number = text(record, fields.number());
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("The record has no item number in " + fields.number());
        }
        final String price = text(record, fields.price());
        final BigDecimal unitPrice;
        try {
            unitPrice = price == null || price.isBlank() ? null : new BigDecimal(price.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("Item " + number + ": the unit price '" + price + "' is not a number");
        }
        if (unitPrice != null && unitPrice.signum() < 0) {
            throw new IllegalArgumentException("Item " + number + ": negative unit price " + price);
        }
        final List<CatalogItem.Variant> variants = new ArrayList<>();
        for (final Record variant : nested(record, fields.variants())) {
            final String code = variant.getAsString("code");
            if (code != null && !code.isBlank()) {
                variants.add(new CatalogItem.Variant(code, variant.getAsString("description")));
            }
        }
        final List<CatalogItem.Unit> units = new ArrayList<>();
        for (final Record unit : nested(record, fields.units())) {
            final String code = unit.getAsString("code");
            final String quantity = unit.getAsString("quantityPerUnit");
            if (code != null && quantity != null) {
                units.add(new CatalogItem.Unit(code, new BigDecimal(quantity)));
            }
        }
        return new CatalogItem(number.trim(), text(record, fields.title()), text(record, fields.description()), text(record, fields.gtin()),
                unitPrice, truth(record, fields.blocked()) || truth(record, fields.salesBlocked()), text(record, fields.category()),
                pictureUrl(record, fields), variants, units);
    }

    /**
     * With a Picture Source, a reference to the item's picture in the ERP (its record id, and lastModifiedDateTime, which a
     * new picture changes); otherwise the Picture URL Field.
     */
    private static String pictureUrl(final Record record, final Fields fields) {
        final String id = text(record, "id");
        // a BC SystemId goes into the picture's URL path: nothing but a GUID
        if (fields.erpPictures() && id != null && GUID.matcher(id).matches()) {
            return ErpPictures.reference(id, text(record, "lastModifiedDateTime"));
        }
        return text(record, fields.pictureUrl());
    }

    private static String text(final Record record, final String field) {
        return field == null ? null : record.getAsString(field);
    }

    private static boolean truth(final Record record, final String field) {
        final String value = text(record, field);
        return value != null && ("true".equalsIgnoreCase(value.trim()) || "yes".equalsIgnoreCase(value.trim()) || "1".equals(value.trim()));
    }

    private static List<Record> nested(final Record record, final String field) {
        if (field == null || !(record.getValue(field) instanceof Object[] array)) {
            return List.of();
        }
        final List<Record> nested = new ArrayList<>();
        for (final Object element : array) {
            if (element instanceof Record child) {
                nested.add(child);
            }
        }
        return nested;
    }

    /** The outcome of every record: its read failure, or what the publisher did with its item (by number). */
    List<ProductOutcome> outcomes(final List<ProductOutcome> published) {
        final Map<String, ProductOutcome> byNumber = new LinkedHashMap<>();
        published.forEach(outcome -> byNumber.put(outcome.number(), outcome));
        final List<ProductOutcome> outcomes = new ArrayList<>();
        for (final Object item : items) {
            outcomes.add(item instanceof ProductOutcome failed ? failed : byNumber.get(((CatalogItem) item).number()));
        }
        return outcomes;
    }

    /**
     * Writes every record with its outcome: failed ones to failure, those not sent yet to retry, the others to success
     * (which exists even empty when nothing failed).
     */
    Map<Relationship, FlowFile> route(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                                      final List<ProductOutcome> outcomes, final Map<String, String> attributes, final Relationship success,
                                      final Relationship failure, final Relationship retry, final ComponentLog logger) throws IOException {
        final List<OutcomeWriter.Routed> routed = outcomes.stream().map(outcome -> new OutcomeWriter.Routed(
                outcome.status() == ProductOutcome.Status.RETRY ? OutcomeWriter.Kind.RETRY
                        : outcome.failed() ? OutcomeWriter.Kind.FAILURE : OutcomeWriter.Kind.SUCCESS,
                String.valueOf(outcome.reason()), outcome.message(),
                java.util.Arrays.asList(outcome.status().name().toLowerCase(java.util.Locale.ROOT), outcome.productId(), outcome.reason(),
                        outcome.message()))).toList();
        return new OutcomeWriter(schema, List.of(OUTCOME, PRODUCT_ID, REASON, MESSAGE)).route(session, original, writerFactory, records, routed,
                attributes, success, failure, retry, logger, "PRODUCT_RECORDS_FAILED");
    }
}
