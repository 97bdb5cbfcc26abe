package io.nifiecommerce.edi;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes one interchange with StAEDI's {@link EDIStreamWriter}, envelope included: UNB/UNH..UNT/UNZ for EDIFACT,
 * ISA/GS/ST..SE/GE/IEA for X12 004010. Segment counts (UNT, SE), message and group counts (UNZ, GE, IEA) and the
 * repeated control references are written by this class from what was actually written, never passed in; the
 * writer validates the control segments against StAEDI's control schema as they are written.
 * <p>
 * Usage: {@code open}, then per message {@code startMessage}, {@code segment}..., {@code endMessage}, then
 * {@code close}. One X12 interchange holds one functional group.
 */
public final class InterchangeWriter implements AutoCloseable {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    /** The X12 delimiters this writer uses: element separator, segment terminator, component separator (ISA16). */
    private static final String X12_SEPARATORS = "*~:";

    private final EDIStreamWriter writer;
    private final EdiPartner partner;
    private final String interchangeReference;
    private final String groupReference;
    private int messages;
    private int segmentsInMessage;
    private String messageReference;
    private boolean closed;

    private InterchangeWriter(final EDIStreamWriter writer, final EdiPartner partner, final long controlNumber) {
        this.writer = writer;
        this.partner = partner;
        this.interchangeReference = ControlNumber.nineDigits(controlNumber);
        this.groupReference = Long.toString(controlNumber);
    }

    /**
     * Starts an interchange.
     *
     * @param controlNumber the interchange (and X12 group) control number, see {@link ControlNumber}
     * @param preparedAt the preparation date and time written in UNB S004 / ISA09-10 and GS04-05
     * @param x12FunctionalGroup X12 GS01 (OW for 940, SW for 945, FA for 997...); ignored for EDIFACT
     * @param ackRequested whether to ask the partner for a CONTRL / TA1 (UNB 0031 = 1, ISA14 = 1)
     */
    public static InterchangeWriter open(final OutputStream out, final EdiPartner partner, final long controlNumber,
                                         final LocalDateTime preparedAt, final String x12FunctionalGroup, final boolean ackRequested) {
        return open(out, partner, controlNumber, preparedAt, x12FunctionalGroup, ackRequested, false);
    }

    /**
     * As {@link #open(OutputStream, EdiPartner, long, LocalDateTime, String, boolean)}; with {@code partnerCodes}, a value
     * outside StAEDI's code lists is written as it is: acknowledgments echo the partner's own identifiers and
     * qualifiers (a UNB qualifier "04" the reader let through, since it does not check code values), and refusing to
     * echo them would leave an interchange that was read unacknowledged. Lengths, formats and structure stay checked.
     */
    public static InterchangeWriter open(final OutputStream out, final EdiPartner partner, final long controlNumber,
                                         final LocalDateTime preparedAt, final String x12FunctionalGroup, final boolean ackRequested,
                                         final boolean partnerCodes) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(preparedAt, "preparedAt");
        final EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        if (partnerCodes) {
            factory.setErrorReporter((error, writer, location, data, reference) -> {
                if (error != EDIStreamValidationError.INVALID_CODE_VALUE) {
                    throw new EdiWriteException(error + " in segment " + location.getSegmentTag() + " at position " + location.getSegmentPosition()
                            + ", element " + location.getElementPosition() + ": '" + data + "'", null);
                }
            });
        }
        final EDIStreamWriter writer = factory.createEDIStreamWriter(out);
        final InterchangeWriter interchange = new InterchangeWriter(writer, partner, controlNumber);
        try {
            writer.setControlSchema(SchemaFactory.newFactory().getControlSchema(partner.syntax().name(),
                    partner.syntax() == EdiSyntax.EDIFACT ? new String[] {"UNOC", "3"} : new String[] {"00401"}));
            writer.startInterchange();
            if (partner.syntax() == EdiSyntax.EDIFACT) {
                interchange.write("UNB", new String[] {"UNOC", "3"},
                        new String[] {partner.senderId(), partner.senderQualifier()},
                        new String[] {partner.receiverId(), partner.receiverQualifier()},
                        new String[] {YYMMDD.format(preparedAt), HHMM.format(preparedAt)},
                        interchange.interchangeReference, null, null, null, ackRequested ? "1" : null, null,
                        partner.test() ? "1" : null);
            } else {
                interchange.write("ISA", "00", "          ", "00", "          ",
                        partner.senderQualifier(), pad(partner.senderId()), partner.receiverQualifier(), pad(partner.receiverId()),
                        YYMMDD.format(preparedAt), HHMM.format(preparedAt), "U", "00401", interchange.interchangeReference,
                        ackRequested ? "1" : "0", partner.test() ? "T" : "P", ":");
                interchange.write("GS", Objects.requireNonNull(x12FunctionalGroup, "x12FunctionalGroup"), partner.senderId(),
                        partner.receiverId(), CCYYMMDD.format(preparedAt), HHMM.format(preparedAt), interchange.groupReference,
                        "X", "004010");
            }
        } catch (EDIStreamException | EDISchemaException e) {
            throw new EdiWriteException("Cannot start the interchange: " + e.getMessage(), e);
        }
        return interchange;
    }

    /**
     * Starts a message.
     *
     * @param reference UNH 0062 / ST02, unique in the interchange
     * @param identifier EDIFACT S009 (e.g. {"ORDERS", "D", "96A", "UN", "EAN008"}); for X12 one value, the ST01 transaction set id
     */
    public InterchangeWriter startMessage(final String reference, final String... identifier) {
        if (messageReference != null) {
            throw new IllegalStateException("message " + messageReference + " is not ended");
        }
        messageReference = reference;
        segmentsInMessage = 0;
        if (partner.syntax() == EdiSyntax.EDIFACT) {
            segment("UNH", reference, identifier);
        } else {
            segment("ST", identifier[0], reference);
        }
        return this;
    }

    /**
     * Writes a segment of the current message. Each element is null (empty), a CharSequence or a number (simple
     * element) or a String[] (composite; null components are empty). Trailing empty elements are dropped.
     */
    public InterchangeWriter segment(final String tag, final Object... elements) {
        if (messageReference == null) {
            throw new IllegalStateException("segment " + tag + " outside a message");
        }
        // a lone String[] binds to the varargs array itself: it is one composite (DTM+137:20261205:102), not three elements
        write(tag, elements.getClass() == String[].class ? new Object[] {elements} : elements);
        segmentsInMessage++;
        return this;
    }

    /** Ends the current message with UNT / SE carrying its segment count (header and trailer included). */
    public InterchangeWriter endMessage() {
        final int count = segmentsInMessage + 1;
        write(partner.syntax() == EdiSyntax.EDIFACT ? "UNT" : "SE", Integer.toString(count), messageReference);
        messageReference = null;
        messages++;
        return this;
    }

    /** Messages ended so far. */
    public int messages() {
        return messages;
    }

    /** The interchange control reference written in UNB 0020 / ISA13. */
    public String interchangeReference() {
        return interchangeReference;
    }

    /** The X12 group control number (GS06); for EDIFACT the same number as the interchange's. */
    public String groupReference() {
        return groupReference;
    }

    /** Ends the interchange (GE and IEA, or UNZ) and flushes; does not close the underlying stream. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (messageReference != null) {
            throw new IllegalStateException("message " + messageReference + " is not ended");
        }
        closed = true;
        if (partner.syntax() == EdiSyntax.EDIFACT) {
            write("UNZ", Integer.toString(messages), interchangeReference);
        } else {
            write("GE", Integer.toString(messages), groupReference);
            write("IEA", "1", interchangeReference);
        }
        try {
            writer.endInterchange();
            writer.flush();
        } catch (EDIStreamException e) {
            throw new EdiWriteException("Cannot end the interchange: " + e.getMessage(), e);
        }
    }

    private void write(final String tag, final Object... elements) {
        if (partner.syntax() == EdiSyntax.X12 && !tag.equals("ISA")) {
            refuseX12Separators(tag, elements);
        }
        try {
            writer.writeStartSegment(tag);
            for (final Object element : elements) {
                if (element == null) {
                    writer.writeEmptyElement();
                } else if (element instanceof String[] composite) {
                    writer.writeStartElement();
                    for (final String component : composite) {
                        if (component == null || component.isEmpty()) {
                            writer.writeEmptyComponent();
                        } else {
                            writer.writeComponent(component);
                        }
                    }
                    writer.endElement();
                } else {
                    final String text = element.toString();
                    if (text.isEmpty()) {
                        writer.writeEmptyElement();
                    } else {
                        writer.writeElement(text);
                    }
                }
            }
            writer.writeEndSegment();
        } catch (EDIStreamException | RuntimeException e) {
            throw new EdiWriteException("Cannot write segment " + tag + ": " + e.getMessage(), e);
        }
    }

    /**
     * X12 (004010) has no release character: a value holding the element separator, the segment terminator or the
     * component separator this writer uses cannot be written. Refused with the element (N1-02) and the character, so that
     * the value is corrected at its source; EDIFACT values are escaped instead (release character {@code ?}).
     */
    private static void refuseX12Separators(final String tag, final Object... elements) {
        for (int i = 0; i < elements.length; i++) {
            final Object element = elements[i];
            final String[] values = element instanceof String[] composite ? composite : new String[] {element == null ? null : element.toString()};
            for (final String value : values) {
                if (value == null) {
                    continue;
                }
                for (final char separator : X12_SEPARATORS.toCharArray()) {
                    if (value.indexOf(separator) >= 0) {
                        throw new EdiWriteException(String.format(Locale.ROOT,
                                "X12 has no release character: %s%02d '%s' contains the %s '%c'; correct the value where it comes from",
                                tag + "-", i + 1, value, separator == '*' ? "element separator" : separator == '~' ? "segment terminator"
                                        : "component separator", separator));
                    }
                }
            }
        }
    }

    private static String pad(final String id) {
        return String.format("%-15s", id);
    }
}
