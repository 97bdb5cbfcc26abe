package io.nifiecommerce.processors.order;

import io.nifiecommerce.order.Order;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.WriteResult;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Canonical order records written into one new FlowFile, as the marketplace readers emit them. */
public final class OrderRecordFlowFiles {

    private OrderRecordFlowFiles() {
    }

    /**
     * A new FlowFile holding {@code orders} as records of {@link OrderRecordSchema#ORDER}, with {@code attributes}, the
     * writer's own, {@code record.count} and {@code mime.type}; the caller reports provenance and transfers it.
     */
    public static FlowFile write(final ProcessSession session, final RecordSetWriterFactory writerFactory, final ComponentLog logger,
                                 final List<Order> orders, final Map<String, String> attributes) throws IOException, SchemaNotFoundException {
        final FlowFile flowFile = session.create();
        final Map<String, String> written = new HashMap<>(attributes);
        try (OutputStream out = session.write(flowFile);
             RecordSetWriter writer = writerFactory.createWriter(logger, OrderRecordSchema.ORDER, out, Map.of())) {
            writer.beginRecordSet();
            for (final Order order : orders) {
                writer.write(OrderRecords.toRecord(order));
            }
            final WriteResult result = writer.finishRecordSet();
            written.putAll(result.getAttributes());
            written.put("record.count", Integer.toString(result.getRecordCount()));
            written.put("mime.type", writer.getMimeType());
        }
        return session.putAllAttributes(flowFile, written);
    }
}
