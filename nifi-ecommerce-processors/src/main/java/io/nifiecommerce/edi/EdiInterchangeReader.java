package io.nifiecommerce.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads whole interchanges (EDIFACT or X12) into {@link EdiInterchange}s with StAEDI, envelope validation on:
 * segment counts and control references of UNB/UNZ, UNG/UNE, UNH/UNT, ISA/IEA, GS/GE, ST/SE must match. Any
 * violation or lexical error is an {@link EdiSyntaxException} naming the segment and its position.
 * <p>
 * The documents read this way (despatch advices, shipping advices, receipts, purchase orders) are small and are acted
 * upon as a whole, so they are held in memory; inventory reports, which can be large, stream through
 * {@link EdiStockReader} instead.
 */
public final class EdiInterchangeReader {

    private static final EDIInputFactory FACTORY = newFactory();

    private EdiInterchangeReader() {
    }

    private static EDIInputFactory newFactory() {
        final EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    /** How strictly the envelope is checked. */
    public enum Strictness {
        /** Every violation StAEDI reports is an error. */
        STRICT,
        /**
         * The format of single envelope data elements (a 6-digit date under syntax 4, an association code one character
         * too long or with an extra component, a code outside the list) is let through; counts, control references and the segment structure
         * are still checked. For partners whose software writes slightly off-standard envelopes.
         */
        TOLERATE_ELEMENT_FORMAT
    }


    /** Every interchange of the input, in order, checked strictly; an empty or blank input is none. */
    public static List<EdiInterchange> read(final InputStream in) {
        return read(in, Strictness.STRICT);
    }

    /** Every interchange of the input, in order; an empty or blank input is none. */
    public static List<EdiInterchange> read(final InputStream in, final Strictness strictness) {
        final PushbackInputStream input = new PushbackInputStream(in, 4);
        final List<EdiInterchange> interchanges = new ArrayList<>();
        if (isBlank(input)) {
            return interchanges;
        }
        requireInterchangeHeader(input);
        final EDIStreamReader reader = FACTORY.createEDIStreamReader(new UnaReservedCharacter(new Utf8Transcoding(input)));
        try {
            new Collector(reader, interchanges, strictness).run();
        } finally {
            try {
                reader.close();
            } catch (IOException e) {
                // closing a reader over a stream the caller owns: nothing to recover
            }
        }
        return interchanges;
    }

    /**
     * Reads the input and maps each message of each interchange with {@code mapper}, keeping the non-null results: the
     * readers of one message type pass a mapper answering null for the other types.
     */
    public static <T> List<T> messages(final InputStream in, final Strictness strictness,
                                       final BiFunction<EdiInterchange, EdiMessage, T> mapper) {
        final List<T> out = new ArrayList<>();
        for (final EdiInterchange interchange : read(in, strictness)) {
            for (final EdiMessage message : interchange.messages()) {
                final T mapped = mapper.apply(interchange, message);
                if (mapped != null) {
                    out.add(mapped);
                }
            }
        }
        return out;
    }

    private static boolean isBlank(final PushbackInputStream input) {
        try {
            int b;
            do {
                b = input.read();
            } while (b == ' ' || b == '\r' || b == '\n' || b == '\t');
            if (b == -1) {
                return true;
            }
            if (b == 0xEF) {
                // a UTF-8 byte order mark, as some partners' tools write: not part of the interchange
                final int b2 = input.read();
                final int b3 = input.read();
                if (b2 == 0xBB && b3 == 0xBF) {
                    return isBlank(input);
                }
                if (b3 != -1) {
                    input.unread(b3);
                }
                if (b2 != -1) {
                    input.unread(b2);
                }
            }
            input.unread(b);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireInterchangeHeader(final PushbackInputStream input) {
        try {
            final byte[] head = input.readNBytes(4);
            EdiPreamble.requireInterchangeHeader(head, head.length);
            input.unread(head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Collector {

        private final EDIStreamReader reader;
        private final List<EdiInterchange> out;
        private final List<EdiSegment> envelope = new ArrayList<>();
        private final List<EdiMessage> messages = new ArrayList<>();
        private List<EdiSegment> message;
        private String tag;
        private int position;
        private List<String[]> elements;
        private String groupVersion;
        private final Strictness strictness;

        Collector(final EDIStreamReader reader, final List<EdiInterchange> out, final Strictness strictness) {
            this.reader = reader;
            this.out = out;
            this.strictness = strictness;
        }

        void run() {
            EDIStreamEvent event;
            while ((event = next()) != null) {
                switch (event) {
                    case START_INTERCHANGE -> {
                        final String standard = reader.getStandard();
                        if (!"EDIFACT".equals(standard) && !"X12".equals(standard)) {
                            throw new EdiSyntaxException(standard, 1, "Unsupported EDI standard " + standard + ": expected EDIFACT or X12");
                        }
                        envelope.clear();
                        messages.clear();
                        groupVersion = null;
                    }
                    case START_TRANSACTION -> message = new ArrayList<>();
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        position = reader.getLocation().getSegmentPosition();
                        elements = new ArrayList<>();
                    }
                    case ELEMENT_DATA -> put(reader.getLocation(), reader.getText());
                    case END_SEGMENT -> endSegment();
                    case END_TRANSACTION -> endMessage();
                    case END_INTERCHANGE -> out.add(interchange());
                    default -> {
                        if (event.isError() && !(strictness == Strictness.TOLERATE_ELEMENT_FORMAT
                                && EdiStreamErrors.ELEMENT_FORMAT.contains(reader.getErrorType()))) {
                            throw EdiStreamErrors.validation(reader);
                        }
                    }
                }
            }
        }

        private EDIStreamEvent next() {
            try {
                return reader.hasNext() ? reader.next() : null;
            } catch (EDIStreamException e) {
                throw EdiStreamErrors.lexical(reader, e);
            }
        }

        private void put(final Location location, final String value) {
            final int element = location.getElementPosition();
            if (element < 1 || location.getElementOccurrence() > 1) {
                return;
            }
            final int component = Math.max(location.getComponentPosition(), 1);
            while (elements.size() < element) {
                elements.add(null);
            }
            String[] components = elements.get(element - 1);
            if (components == null || components.length < component) {
                components = components == null ? new String[component] : Arrays.copyOf(components, component);
                elements.set(element - 1, components);
            }
            components[component - 1] = value;
        }

        private void endSegment() {
            final EdiSegment segment = new EdiSegment(tag, position, elements);
            if (message != null) {
                message.add(segment);
            } else {
                envelope.add(segment);
                if ("GS".equals(segment.tag())) {
                    groupVersion = segment.element(8);
                }
            }
        }

        private void endMessage() {
            final EdiSegment header = message.get(0);
            final boolean edifact = "UNH".equals(header.tag());
            final String type = edifact ? header.component(2, 1) : header.element(1);
            final String reference = edifact ? header.element(1) : header.element(2);
            final String version = edifact ? nullToEmpty(header.component(2, 2)) + nullToEmpty(header.component(2, 3)) : groupVersion;
            messages.add(new EdiMessage(type, reference, version, edifact ? header.component(2, 5) : null, message));
            message = null;
        }

        private EdiInterchange interchange() {
            final EdiSegment header = envelope.stream().filter(s -> "UNB".equals(s.tag()) || "ISA".equals(s.tag())).findFirst()
                    .orElseThrow(() -> new EdiSyntaxException("", 0, "Interchange without a UNB or ISA header"));
            final EdiSegment group = envelope.stream().filter(s -> "GS".equals(s.tag()) || "UNG".equals(s.tag())).findFirst().orElse(null);
            if ("UNB".equals(header.tag())) {
                return new EdiInterchange(EdiSyntax.EDIFACT, header.component(2, 1), header.component(2, 2), header.component(3, 1),
                        header.component(3, 2), header.element(5), "1".equals(header.element(9)), "1".equals(header.element(11)),
                        group == null ? null : group.element(1), group == null ? null : group.element(5),
                        group == null ? null : group.component(2, 1), group == null ? null : group.component(3, 1), messages);
            }
            return new EdiInterchange(EdiSyntax.X12, trim(header.element(6)), header.element(5), trim(header.element(8)), header.element(7),
                    header.element(13), "1".equals(header.element(14)), "T".equals(header.element(15)),
                    group == null ? null : group.element(1), group == null ? null : group.element(6),
                    group == null ? null : group.element(2), group == null ? null : group.element(3), messages);
        }

        private static String trim(final String value) {
            return value == null ? null : value.trim();
        }

        private static String nullToEmpty(final String value) {
            return value == null ? "" : value;
        }
    }
}
