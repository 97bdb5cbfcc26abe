package io.nifiecommerce.processors.edi;

import io.nifiecommerce.processors.businesscentral.BusinessCentralConnectionService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.util.StandardValidators;

/**
 * The properties every EDI processor builds the same way, one builder each: the name, kind and validation are shared,
 * the description says what the property is for in that processor. The record reader and writer are the bundle's
 * {@link io.nifiecommerce.processors.RecordDescriptors}.
 */
final class EdiDescriptors {

    private EdiDescriptors() {
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
