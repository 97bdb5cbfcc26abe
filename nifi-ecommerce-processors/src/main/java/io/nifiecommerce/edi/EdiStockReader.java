package io.nifiecommerce.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams {@link StockRecord}s out of EDIFACT INVRPT and X12 846 interchanges with StAEDI.
 * <p>
 * Memory stays constant whatever the size of the input: the reader holds one segment, the current item line
 * and the few records that line produced. Envelope validation (control counts and references of UNB/UNZ,
 * UNH/UNT, ISA/IEA, GS/GE, ST/SE) is StAEDI's and is always on; a violation, a lexical error or a bad
 * quantity raises {@link EdiSyntaxException} naming the segment and its position. Records produced before
 * the fault have already been handed out: callers needing all-or-nothing collect before acting.
 * <p>
 * Messages of other types in the same interchange (an ORDERS beside an INVRPT) are skipped.
 */
public final class EdiStockReader implements Iterator<StockRecord>, Closeable {

    /** Which syntax to expect; AUTO reads it from the envelope (UNA/UNB or ISA). */
    public enum Standard {
        AUTO,
        EDIFACT,
        X12
    }

    private static final EDIInputFactory FACTORY = newFactory();

    private final EDIStreamReader reader;
    private final StockReadOptions options;
    private final ArrayDeque<StockRecord> ready = new ArrayDeque<>();
    private final Segment segment = new Segment();
    private InventoryMessageReader message;
    private boolean inMessage;
    private boolean ended;
    private long interchanges;
    private long messages;
    private String documentNumber;

    private EdiStockReader(InputStream in, StockReadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        final EdiPreamble.Skipped input;
        try {
            input = EdiPreamble.skip(Objects.requireNonNull(in, "in"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ended = input.blank();
        this.reader = FACTORY.createEDIStreamReader(input.stream());
    }

    /* An empty (or whitespace-only) input is zero records, like an empty CSV or JSON file, not a syntax error;
       a UTF-8 BOM and blank lines before the interchange are skipped (EdiPreamble). */

    public static EdiStockReader open(InputStream in, StockReadOptions options) {
        return new EdiStockReader(in, options);
    }

    /** Reads the whole input, handing each record to the consumer; returns the number of records. */
    public static long read(InputStream in, StockReadOptions options, Consumer<StockRecord> consumer) {
        long count = 0;
        try (EdiStockReader stock = open(in, options)) {
            while (stock.hasNext()) {
                consumer.accept(stock.next());
                count++;
            }
        }
        return count;
    }

    private static EDIInputFactory newFactory() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        // partners' code lists drift from the published tables: check structure and counts, not code values
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    @Override
    public boolean hasNext() {
        return !ready.isEmpty() || advance();
    }

    @Override
    public StockRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Interchanges completely read so far. */
    public long interchanges() {
        return interchanges;
    }

    /** INVRPT / 846 messages completely read so far. */
    public long messages() {
        return messages;
    }

    /**
     * The report's own number (INVRPT BGM 1004, X12 846 BIA03) of the first message read so far, or null: what keys
     * the adjustments of one report, so that a redelivered report posts nothing twice.
     */
    public String documentNumber() {
        return documentNumber;
    }

    private void noteDocumentNumber() {
        if (!inMessage || documentNumber != null || segment.tag() == null) {
            return;
        }
        final String number = switch (segment.tag()) {
            case "BGM" -> segment.element(2);
            case "BIA" -> segment.element(3);
            default -> null;
        };
        if (number != null && !number.isBlank()) {
            documentNumber = number.trim();
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean advance() {
        while (ready.isEmpty() && !ended) {
            final EDIStreamEvent event = nextEvent();
            if (event == null) {
                ended = true;
                break;
            }
            switch (event) {
                case START_INTERCHANGE -> checkStandard();
                case START_TRANSACTION -> inMessage = true;
                case START_SEGMENT -> {
                    if (inMessage) {
                        segment.start(reader.getText(), reader.getLocation().getSegmentPosition());
                    }
                }
                case ELEMENT_DATA -> {
                    if (inMessage) {
                        final Location location = reader.getLocation();
                        segment.put(location.getElementPosition(), location.getElementOccurrence(),
                                location.getComponentPosition(), reader.getText());
                    }
                }
                case END_SEGMENT -> {
                    noteDocumentNumber();
                    if (message != null) {
                        message.segment(segment, ready);
                    } else if (inMessage) {
                        message = messageReaderFor(segment);
                    }
                }
                case END_TRANSACTION -> {
                    if (message != null) {
                        message.end(ready);
                        messages++;
                    }
                    message = null;
                    inMessage = false;
                }
                case END_INTERCHANGE -> interchanges++;
                default -> {
                    if (event.isError() && !EdiStreamErrors.envelopeElementFormat(reader)) {
                        throw validationError();
                    }
                }
            }
        }
        return !ready.isEmpty();
    }

    private EDIStreamEvent nextEvent() {
        try {
            return reader.hasNext() ? reader.next() : null;
        } catch (EDIStreamException e) {
            throw lexicalError(e);
        }
    }

    private void checkStandard() {
        final String found = reader.getStandard();
        final Standard expected = options.standard();
        if (!"EDIFACT".equals(found) && !"X12".equals(found)) {
            throw new EdiSyntaxException(found, 1, "Unsupported EDI standard " + found + ": expected EDIFACT or X12");
        }
        if (expected != Standard.AUTO && !expected.name().equals(found)) {
            throw new EdiSyntaxException("EDIFACT".equals(found) ? "UNB" : "ISA", 1,
                    "Expected an " + expected + " interchange but found " + found);
        }
    }

    /** Chooses the reader from the message header (UNH 0065, ST01); null skips the message. */
    private InventoryMessageReader messageReaderFor(Segment header) {
        if ("UNH".equals(header.tag()) && "INVRPT".equals(header.component(2, 1))) {
            return new InvrptReader(options);
        }
        if ("ST".equals(header.tag()) && "846".equals(header.element(1))) {
            return new X12InventoryReader(options);
        }
        return null;
    }

    private EdiSyntaxException validationError() {
        final Location location = reader.getLocation();
        final EDIStreamValidationError error = reader.getErrorType();
        final String tag = location.getSegmentTag();
        final StringBuilder message = new StringBuilder("Invalid ").append(tag).append(" segment at position ")
                .append(location.getSegmentPosition());
        if (location.getElementPosition() > 0) {
            message.append(", element ").append(location.getElementPosition());
        }
        message.append(": ").append(error.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        final String text = reader.hasText() ? reader.getText() : null;
        if (text != null && !text.isEmpty()) {
            message.append(" ('").append(text).append("')");
        }
        return new EdiSyntaxException(tag, location.getSegmentPosition(), message.toString());
    }

    private RuntimeException lexicalError(EDIStreamException e) {
        // bytes the interchange's character set cannot decode are bad input, not a failing stream
        if (e.getCause() instanceof IOException io && !(io instanceof CharacterCodingException)) {
            return new UncheckedIOException(io);
        }
        final Location location = e.getLocation() != null ? e.getLocation() : reader.getLocation();
        final String tag = location == null || location.getSegmentTag() == null ? "" : location.getSegmentTag();
        final int position = location == null ? 0 : Math.max(location.getSegmentPosition(), 0);
        final EdiSyntaxException syntax = new EdiSyntaxException(tag, position,
                "Malformed EDI " + (tag.isEmpty() ? "before the first segment" : "at segment " + tag + " position " + position)
                        + ": " + e.getMessage());
        syntax.initCause(e);
        return syntax;
    }

    /**
     * The segment being read: elements and components by their 1-based positions, reused from segment to segment.
     * Repetitions beyond the first are ignored (no inventory element of interest repeats).
     */
    static final class Segment {

        private static final int MAX_COMPONENTS = 9;

        private String tag;
        private int position;
        private String[][] elements = new String[16][];
        private int elementCount;

        void start(String newTag, int newPosition) {
            for (int i = 1; i <= elementCount; i++) {
                if (elements[i] != null) {
                    Arrays.fill(elements[i], null);
                }
            }
            tag = newTag;
            position = newPosition;
            elementCount = 0;
        }

        void put(int element, int occurrence, int component, String value) {
            if (element < 1 || occurrence > 1 || component > MAX_COMPONENTS) {
                return;
            }
            if (element >= elements.length) {
                elements = Arrays.copyOf(elements, Math.max(element + 1, elements.length * 2));
            }
            if (elements[element] == null) {
                elements[element] = new String[MAX_COMPONENTS + 1];
            }
            // partners pad values with spaces (fixed-width exports): " SANMINACORP " is SANMINACORP
            elements[element][Math.max(component, 1)] = value == null ? null : value.strip();
            elementCount = Math.max(elementCount, element);
        }

        String tag() {
            return tag;
        }

        int position() {
            return position;
        }

        int elementCount() {
            return elementCount;
        }

        /** A simple element, or the first component of a composite; null when absent or empty. */
        String element(int element) {
            return component(element, 1);
        }

        /** A component of a composite element (1-based); null when absent or empty. */
        String component(int element, int component) {
            if (element < 1 || element > elementCount || elements[element] == null || component > MAX_COMPONENTS) {
                return null;
            }
            final String value = elements[element][component];
            return value == null || value.isEmpty() ? null : value;
        }

        EdiSyntaxException error(String message) {
            return new EdiSyntaxException(tag, position, tag + " segment at position " + position + ": " + message);
        }
    }
}
