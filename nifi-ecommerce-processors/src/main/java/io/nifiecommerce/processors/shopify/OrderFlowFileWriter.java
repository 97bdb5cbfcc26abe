package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.processors.order.OrderRecordSchema;
import io.nifiecommerce.processors.order.OrderRecords;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the orders of one segment into FlowFiles of at most {@code maxPerFlowFile} orders each,
 * as canonical records through the configured writer or as a JSON array of Shopify order nodes.
 * B2B and B2C orders each get their own writer so that they never share a FlowFile.
 */
final class OrderFlowFileWriter {

    static final String SEGMENT_ATTRIBUTE = "ecommerce.order.segment";
    static final String RECORD_COUNT = "record.count";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    private final ProcessSession session;
    private final Segment segment;
    private final RecordSetWriterFactory writerFactory;
    private final ComponentLog logger;
    private final int maxPerFlowFile;
    private final Map<String, String> attributes;
    private final List<FlowFile> finished = new ArrayList<>();

    private FlowFile flowFile;
    private OutputStream out;
    private RecordSetWriter recordWriter;
    private JsonGenerator json;
    private int count;

    /** @param writerFactory null for raw Shopify JSON */
    OrderFlowFileWriter(final ProcessSession session, final Segment segment, final RecordSetWriterFactory writerFactory,
                        final ComponentLog logger, final int maxPerFlowFile, final Map<String, String> attributes) {
        this.session = session;
        this.segment = segment;
        this.writerFactory = writerFactory;
        this.logger = logger;
        this.maxPerFlowFile = maxPerFlowFile;
        this.attributes = attributes;
    }

    void write(final ObjectNode node, final Order order) throws IOException {
        if (flowFile == null) {
            open();
        }
        if (recordWriter != null) {
            recordWriter.write(OrderRecords.toRecord(order));
        } else {
            MAPPER.writeTree(json, node);
        }
        count++;
        if (count >= maxPerFlowFile) {
            close();
        }
    }

    /** Closes the FlowFile being written and returns every FlowFile completed, for the caller to transfer. */
    List<FlowFile> finish() throws IOException {
        if (flowFile != null) {
            close();
        }
        final List<FlowFile> done = new ArrayList<>(finished);
        finished.clear();
        return done;
    }

    private void open() throws IOException {
        flowFile = session.create();
        out = session.write(flowFile);
        count = 0;
        if (writerFactory != null) {
            try {
                final RecordSchema schema = writerFactory.getSchema(attributes, OrderRecordSchema.ORDER);
                recordWriter = writerFactory.createWriter(logger, schema, out, attributes);
                recordWriter.beginRecordSet();
            } catch (final SchemaNotFoundException e) {
                throw new ProcessException("The Record Writer cannot provide a schema for canonical orders", e);
            }
        } else {
            json = JSON.createGenerator(out);
            json.writeStartArray();
        }
    }

    private void close() throws IOException {
        final Map<String, String> flowFileAttributes = new HashMap<>(attributes);
        if (recordWriter != null) {
            recordWriter.finishRecordSet();
            flowFileAttributes.put(CoreAttributes.MIME_TYPE.key(), recordWriter.getMimeType());
            recordWriter.close();
            recordWriter = null;
        } else {
            json.writeEndArray();
            json.close();
            json = null;
            flowFileAttributes.put(CoreAttributes.MIME_TYPE.key(), "application/json");
        }
        out.close();
        out = null;
        flowFileAttributes.put(SEGMENT_ATTRIBUTE, segment.name());
        flowFileAttributes.put(RECORD_COUNT, Integer.toString(count));
        finished.add(session.putAllAttributes(flowFile, flowFileAttributes));
        flowFile = null;
        count = 0;
    }
}
