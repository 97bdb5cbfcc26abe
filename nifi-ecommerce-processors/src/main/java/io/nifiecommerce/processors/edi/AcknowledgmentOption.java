package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.EdiInterchange;
import org.apache.nifi.components.PropertyDescriptor;

/** When to acknowledge a received interchange with a CONTRL (EDIFACT) or a 997 (X12). */
enum AcknowledgmentOption implements Option {
    NEVER("Never", "Write no acknowledgment"),
    WHEN_REQUESTED("When Requested", "Acknowledge interchanges whose envelope asks for it (UNB 0031 = 1, ISA14 = 1)"),
    ALWAYS("Always", "Acknowledge every interchange read (the usual 997 agreement with X12 partners)");

    static final PropertyDescriptor PROPERTY = new PropertyDescriptor.Builder()
            .name("Acknowledgment")
            .description("When to write a CONTRL or 997 accepting a well-formed interchange, to the acknowledgment relationship "
                    + "(send it back with PutSFTP). Malformed interchanges go to review and are not acknowledged.")
            .required(true)
            .allowableValues(AcknowledgmentOption.class)
            .defaultValue(WHEN_REQUESTED)
            .build();

    private final Label label;

    AcknowledgmentOption(final String displayName, final String description) {
        this.label = new Label(displayName, description);
    }

    boolean wanted(final EdiInterchange interchange) {
        return this == ALWAYS || (this == WHEN_REQUESTED && interchange.ackRequested());
    }

    @Override
    public Label label() {
        return label;
    }
}
