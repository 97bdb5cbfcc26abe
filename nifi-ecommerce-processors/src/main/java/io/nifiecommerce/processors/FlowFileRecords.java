package io.nifiecommerce.processors;

import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every record of a FlowFile, read before anything is sent: an input that cannot be read whole fails whole, with
 * nothing half done.
 */
public record FlowFileRecords(RecordSchema schema, List<Record> records) {

    /** @throws Exception whatever the reader throws on an unreadable input, for the caller to route to failure */
    public static FlowFileRecords read(final ProcessSession session, final FlowFile flowFile, final RecordReaderFactory readerFactory,
                                       final ComponentLog logger) throws Exception {
        final List<Record> records = new ArrayList<>();
        try (InputStream in = session.read(flowFile); RecordReader reader = readerFactory.createRecordReader(flowFile, in, logger)) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
            return new FlowFileRecords(reader.getSchema(), records);
        }
    }
}
