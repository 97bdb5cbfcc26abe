package io.nifiecommerce.processors.edi;

import io.nifiecommerce.edi.EdiInterchangeReader;
import org.apache.nifi.components.PropertyDescriptor;

/** How strictly the EDI readers check a partner's envelope. */
enum EnvelopeStrictnessOption implements Option {
    STRICT(EdiInterchangeReader.Strictness.STRICT, "Strict", "Any envelope violation sends the file to review"),
    TOLERATE_ELEMENT_FORMAT(EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT, "Tolerate Element Format",
            "Let through envelope elements of the wrong length or format (a 6-digit date under syntax 4, an over-long association "
                    + "code); segment counts, control references and structure are still checked");

    static final PropertyDescriptor PROPERTY = new PropertyDescriptor.Builder()
            .name("Envelope Strictness")
            .description("How strictly the partner's envelopes (UNB/UNG/UNH..UNT/UNZ, ISA/GS/ST..SE/GE/IEA) are checked.")
            .required(true)
            .allowableValues(EnvelopeStrictnessOption.class)
            .defaultValue(STRICT)
            .build();

    private final EdiInterchangeReader.Strictness strictness;
    private final Label label;

    EnvelopeStrictnessOption(final EdiInterchangeReader.Strictness strictness, final String displayName, final String description) {
        this.strictness = strictness;
        this.label = new Label(displayName, description);
    }

    EdiInterchangeReader.Strictness strictness() {
        return strictness;
    }

    @Override
    public Label label() {
        return label;
    }
}
