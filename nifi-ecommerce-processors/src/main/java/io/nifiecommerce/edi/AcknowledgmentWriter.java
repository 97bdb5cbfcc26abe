package io.nifiecommerce.edi;

import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Acknowledges a received interchange as accepted: an EDIFACT CONTRL (D:3, UCI with action 7 and one UCM per message)
 * or an X12 997 (AK1 for the group, AK2/AK5 per transaction set, AK9). Only interchanges that were read without a
 * syntax error are acknowledged this way; a malformed one goes to review, where a person decides what to answer.
 * The acknowledgment's own control number is derived from the received one, so acknowledging twice writes the same
 * interchange.
 */
public final class AcknowledgmentWriter {

    private static final String MESSAGE_REFERENCE = "0001";
    private static final String ACCEPTED = "7";

    private final boolean test;

    /** @param test whether our acknowledgments are flagged as test interchanges */
    public AcknowledgmentWriter(final boolean test) {
        this.test = test;
    }

    public WrittenInterchange write(final EdiInterchange received, final LocalDateTime preparedAt, final OutputStream out) {
        Objects.requireNonNull(received, "received");
        final EdiPartner answer;
        try {
            answer = new EdiPartner(received.syntax(), received.receiverId(), received.receiverQualifier(), received.senderId(),
                    received.senderQualifier(), test || received.test());
        } catch (final IllegalArgumentException e) {
            // identifiers a tolerant read let through (an id over 35 characters) that no valid envelope can carry back
            throw new EdiWriteException("Cannot address an acknowledgment to " + received.senderId() + ": " + e.getMessage(), e);
        }
        final long control = ControlNumber.derive("ACK|" + received.senderId() + '|' + received.controlReference());
        try (InterchangeWriter edi = InterchangeWriter.open(out, answer, control, preparedAt, "FA", false, true)) {
            if (received.syntax() == EdiSyntax.EDIFACT) {
                contrl(received, edi);
            } else {
                functionalAcknowledgment(received, edi);
            }
            edi.close();
            return new WrittenInterchange(edi.interchangeReference(), received.syntax() == EdiSyntax.X12 ? edi.groupReference() : null,
                    MESSAGE_REFERENCE, edi.messages());
        }
    }

    private static void contrl(final EdiInterchange received, final InterchangeWriter edi) {
        edi.startMessage(MESSAGE_REFERENCE, "CONTRL", "D", "3", "UN");
        edi.segment("UCI", received.controlReference(), new String[] {received.senderId(), received.senderQualifier()},
                new String[] {received.receiverId(), received.receiverQualifier()}, ACCEPTED);
        for (final EdiMessage message : received.messages()) {
            final String version = message.version() == null || message.version().length() < 2 ? null : message.version();
            edi.segment("UCM", message.reference(), new String[] {message.type(), version == null ? null : version.substring(0, 1),
                    version == null ? null : version.substring(1), "UN", message.association()}, ACCEPTED);
        }
        edi.endMessage();
    }

    private static void functionalAcknowledgment(final EdiInterchange received, final InterchangeWriter edi) {
        edi.startMessage(MESSAGE_REFERENCE, "997");
        edi.segment("AK1", received.groupFunction(), received.groupReference());
        for (final EdiMessage message : received.messages()) {
            edi.segment("AK2", message.type(), message.reference());
            edi.segment("AK5", "A");
        }
        final String count = Integer.toString(received.messages().size());
        edi.segment("AK9", "A", count, count, count);
        edi.endMessage();
    }
}
