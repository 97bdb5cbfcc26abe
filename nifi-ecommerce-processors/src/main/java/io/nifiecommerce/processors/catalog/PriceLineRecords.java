package io.nifiecommerce.processors.catalog;

import io.nifiecommerce.catalog.PriceListLine;
import io.nifiecommerce.catalog.PriceOutcome;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The price-list lines of one FlowFile: each record read into a {@link PriceListLine} for today (an ended line removes
 * its price), or an outcome of its own (a quantity break or a line not started yet is skipped; an unreadable one fails).
 */
final class PriceLineRecords {

    static final String OUTCOME = "price_outcome";
    static final String CATALOG_ID = "shopify_catalog_id";
    static final String REASON = "price_reason";
    static final String MESSAGE = "price_message";

    private final RecordSchema schema;
    private final List<Record> records;
    private final List<Object> lines;

    private PriceLineRecords(final RecordSchema schema, final List<Record> records, final List<Object> lines) {
        this.schema = schema;
        this.records = records;
        this.lines = lines;
    }

    static PriceLineRecords read(final ProcessSession session, final FlowFile flowFile, final ProcessContext context, final LocalDate today,
                                 final ComponentLog logger) throws IOException, MalformedRecordException, SchemaNotFoundException {
        final RecordReaderFactory readerFactory = context.getProperty(PriceListProperties.RECORD_READER).asControllerService(RecordReaderFactory.class);
        final List<Record> records = new ArrayList<>();
        final List<Object> lines = new ArrayList<>();
        try (InputStream in = session.read(flowFile);
             RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
                lines.add(line(record, context, today));
            }
            return new PriceLineRecords(reader.getSchema(), records, lines);
        }
    }

    private static Object line(final Record record, final ProcessContext context, final LocalDate today) {
        final String group = text(record, context, PriceListProperties.PRICE_GROUP_FIELD);
        final String item = text(record, context, PriceListProperties.ITEM_NUMBER_FIELD);
        final String variant = text(record, context, PriceListProperties.VARIANT_CODE_FIELD);
        final String sku = item == null ? null : variant == null ? item : item + context.getProperty(PriceListProperties.SKU_SEPARATOR).getValue() + variant;
        if (group == null || sku == null) {
            return new PriceOutcome(String.valueOf(group), String.valueOf(sku), PriceOutcome.Status.FAILED, null, "INVALID_PRICE_LINE",
                    "The line has no price group or no item number");
        }
        try {
            final String minimum = text(record, context, PriceListProperties.MINIMUM_QUANTITY_FIELD);
            if (minimum != null && new BigDecimal(minimum).compareTo(BigDecimal.ONE) > 0) {
                return new PriceOutcome(group, sku, PriceOutcome.Status.SKIPPED, null, null, "A quantity break (minimum " + minimum + ")");
            }
            final LocalDate starting = date(text(record, context, PriceListProperties.STARTING_DATE_FIELD));
            if (starting != null && starting.isAfter(today)) {
                return new PriceOutcome(group, sku, PriceOutcome.Status.SKIPPED, null, null, "Starts on " + starting);
            }
            final LocalDate ending = date(text(record, context, PriceListProperties.ENDING_DATE_FIELD));
            final String currency = text(record, context, PriceListProperties.CURRENCY_FIELD);
            final String price = text(record, context, PriceListProperties.PRICE_FIELD);
            final BigDecimal amount = ending != null && ending.isBefore(today) ? null : new BigDecimal(String.valueOf(price));
            if (amount != null && amount.signum() < 0) {
                throw new NumberFormatException("negative price " + price);
            }
            return new PriceListLine(group, sku, currency != null ? currency.toUpperCase(Locale.ROOT)
                    : context.getProperty(PriceListProperties.DEFAULT_CURRENCY).getValue(), amount);
        } catch (final NumberFormatException | DateTimeParseException e) {
            return new PriceOutcome(group, sku, PriceOutcome.Status.FAILED, null, "INVALID_PRICE_LINE", e.getMessage());
        }
    }

    /** Business Central writes an empty date as 0001-01-01. */
    private static LocalDate date(final String value) {
        if (value == null || value.startsWith("0001-01-01")) {
            return null;
        }
        return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    }

    private static String text(final Record record, final ProcessContext context, final org.apache.nifi.components.PropertyDescriptor field) {
        final String name = context.getProperty(field).getValue();
        final String value = name == null ? null : record.getAsString(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    List<PriceListLine> lines() {
        return lines.stream().filter(PriceListLine.class::isInstance).map(PriceListLine.class::cast).toList();
    }

    /** The outcome of every record: its own, or the publisher's for its group and SKU. */
    List<PriceOutcome> outcomes(final List<PriceOutcome> published) {
        final Map<String, PriceOutcome> byKey = new HashMap<>();
        published.forEach(o -> byKey.put(o.priceGroup() + '\u0000' + o.sku(), o));
        final List<PriceOutcome> outcomes = new ArrayList<>();
        for (final Object line : lines) {
            outcomes.add(line instanceof PriceOutcome own ? own
                    : byKey.get(((PriceListLine) line).priceGroup() + '\u0000' + ((PriceListLine) line).sku()));
        }
        return outcomes;
    }

    Map<Relationship, FlowFile> route(final ProcessSession session, final FlowFile original, final RecordSetWriterFactory writerFactory,
                                      final List<PriceOutcome> outcomes, final Map<String, String> attributes, final Relationship success,
                                      final Relationship failure, final Relationship retry, final ComponentLog logger) throws IOException {
        final List<OutcomeWriter.Routed> routed = outcomes.stream().map(outcome -> new OutcomeWriter.Routed(
                outcome.status() == PriceOutcome.Status.RETRY ? OutcomeWriter.Kind.RETRY
                        : outcome.failed() ? OutcomeWriter.Kind.FAILURE : OutcomeWriter.Kind.SUCCESS,
                String.valueOf(outcome.reason()), outcome.message(),
                Arrays.<Object>asList(outcome.status().name().toLowerCase(Locale.ROOT), outcome.catalogId(), outcome.reason(), outcome.message()))).toList();
        return new OutcomeWriter(schema, List.of(OUTCOME, CATALOG_ID, REASON, MESSAGE)).route(session, original, writerFactory, records, routed,
                attributes, success, failure, retry, logger, "PRICE_RECORDS_FAILED");
    }
}
