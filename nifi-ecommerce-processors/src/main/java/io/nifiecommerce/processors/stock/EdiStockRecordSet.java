package io.nifiecommerce.processors.stock;

import io.nifiecommerce.edi.EdiStockReader;
import io.nifiecommerce.edi.EdiSyntaxException;
import io.nifiecommerce.edi.StockRecord;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The NiFi view of an {@link EdiStockReader}: pulls one stock record per call, never the whole interchange. */
final class EdiStockRecordSet implements RecordReader {

    static final String SKU = "sku";
    static final String GTIN = "gtin";
    static final String WAREHOUSE = "warehouse";
    static final String QUANTITY = "quantity";
    static final String QUALIFIER = "qualifier";
    static final String DATE = "date";

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            new RecordField(SKU, RecordFieldType.STRING.getDataType(), true),
            new RecordField(GTIN, RecordFieldType.STRING.getDataType(), true),
            new RecordField(WAREHOUSE, RecordFieldType.STRING.getDataType(), true),
            new RecordField(QUANTITY, RecordFieldType.LONG.getDataType(), false),
            new RecordField(QUALIFIER, RecordFieldType.STRING.getDataType(), false),
            new RecordField(DATE, RecordFieldType.DATE.getDataType(), true)));

    private final EdiStockReader reader;

    EdiStockRecordSet(EdiStockReader reader) {
        this.reader = reader;
    }

    @Override
    public Record nextRecord(final boolean coerceTypes, final boolean dropUnknownFields) throws IOException, MalformedRecordException {
        try {
            if (!reader.hasNext()) {
                return null;
            }
            return toRecord(reader.next());
        } catch (EdiSyntaxException e) {
            throw new MalformedRecordException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Record toRecord(StockRecord stock) {
        final Map<String, Object> values = new HashMap<>(8);
        values.put(SKU, stock.sku());
        values.put(GTIN, stock.gtin());
        values.put(WAREHOUSE, stock.warehouse());
        values.put(QUANTITY, stock.quantity());
        values.put(QUALIFIER, stock.qualifier());
        values.put(DATE, stock.date() == null ? null : Date.valueOf(stock.date()));
        return new MapRecord(SCHEMA, values);
    }

    @Override
    public RecordSchema getSchema() {
        return SCHEMA;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
