package io.nifiecommerce.processors;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

/**
 * The record reader and writer properties, one builder each: the name, kind and requirement are the bundle's, the
 * description says which records the processor reads or writes.
 */
public final class RecordDescriptors {

    private RecordDescriptors() {
    }

    /** "Record Reader". */
    public static PropertyDescriptor recordReader(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Record Reader")
                .description(description)
                .required(true)
                .identifiesControllerService(RecordReaderFactory.class)
                .build();
    }

    /** "Record Writer". */
    public static PropertyDescriptor recordWriter(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Record Writer")
                .description(description)
                .required(true)
                .identifiesControllerService(RecordSetWriterFactory.class)
                .build();
    }
}
