package io.nifiecommerce.processors.edi;

import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.serialization.RecordReaderFactory;
import org.apache.nifi.serialization.RecordSetWriterFactory;

/**
 * The properties every EDI processor builds the same way, one builder each: the name, kind and validation are shared,
 * the description says what the property is for in that processor.
 */
final class EdiDescriptors {

    private EdiDescriptors() {
    }

    /** "Record Writer": the records a reader of interchanges writes. */
    static PropertyDescriptor recordWriter(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Record Writer")
                .description(description)
                .required(true)
                .identifiesControllerService(RecordSetWriterFactory.class)
                .build();
    }

    /** "Record Reader": the records a writer of interchanges, or a posting, reads. */
    static PropertyDescriptor recordReader(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Record Reader")
                .description(description)
                .required(true)
                .identifiesControllerService(RecordReaderFactory.class)
                .build();
    }

    /** "Business Central Connection". */
    static PropertyDescriptor businessCentral(final String description) {
        return new PropertyDescriptor.Builder()
                .name("Business Central Connection")
                .description(description)
                .required(true)
                .identifiesControllerService(BusinessCentralConnectionService.class)
                .build();
    }

    /** A "... Memory": how long what was sent, received or posted is remembered (in cluster state) to refuse replays. */
    static PropertyDescriptor memory(final String name, final String description, final String defaultValue) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .defaultValue(defaultValue)
                .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
                .build();
    }
}
