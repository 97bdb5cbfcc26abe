package io.nifiecommerce.edi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks an interchange the bundle wrote against the envelope contract: StAEDI parses it back with control-structure
 * validation on (counts and references of UNB/UNZ, UNH/UNT, ISA/IEA, GS/GE, ST/SE), and the counts are checked
 * once more here against the segments actually read.
 */
final class EnvelopeAssertions {

    private EnvelopeAssertions() {
    }

    static EdiInterchange parseValid(final String edi) {
        final List<EdiInterchange> interchanges = EdiInterchangeReader.read(new ByteArrayInputStream(edi.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, interchanges.size(), "one interchange");
        final EdiInterchange interchange = interchanges.get(0);
        for (final EdiMessage message : interchange.messages()) {
            final EdiSegment trailer = message.segments().get(message.segments().size() - 1);
            assertEquals(interchange.syntax() == EdiSyntax.EDIFACT ? "UNT" : "SE", trailer.tag());
            assertEquals(Integer.toString(message.segments().size()), trailer.element(1), "segment count of " + message.type());
            assertEquals(message.reference(), trailer.element(2), "message reference repeated in the trailer");
        }
        final String text = edi.strip();
        if (interchange.syntax() == EdiSyntax.EDIFACT) {
            final String unz = text.substring(text.lastIndexOf("UNZ+"));
            assertEquals("UNZ+" + interchange.messages().size() + "+" + interchange.controlReference() + "'", unz.strip());
        } else {
            final String iea = text.substring(text.lastIndexOf("IEA*"));
            assertEquals("IEA*1*" + interchange.controlReference() + "~", iea.strip());
            final String ge = text.substring(text.lastIndexOf("GE*"), text.lastIndexOf("IEA*")).strip();
            assertEquals("GE*" + interchange.messages().size() + "*" + interchange.groupReference() + "~", ge);
        }
        return interchange;
    }
}
