package io.nifiecommerce.edi;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.io.InputStream;

/**
 * StAEDI plumbing shared by the status readers: envelope structure validation on (not code values, so any
 * directory is read), a BOM and whitespace before and between segments skipped, one callback per trimmed simple element value
 * with its segment tag, element and component positions, and every StAEDI error turned into an
 * {@link EdiSyntaxException} naming segment and position.
 */
public abstract class EdiStatusStream {

    private static final EDIInputFactory FACTORY = newFactory();

    private static EDIInputFactory newFactory() {
        final EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        // envelope structure and counts are checked; code values are not: StAEDI's lists stop at some directory
        // (an IFTSTA D.10B or D.21B header would be refused) and partners' values drift from the tables
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        // line breaks and indentation between segments
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    private String segmentTag;
    private int segmentPosition = -1;

    /** Reads the whole interchange, calling the hooks. */
    protected final void stream(final InputStream in) throws IOException {
        boolean sawInterchange = false;
        final EdiPreamble.Skipped input = EdiPreamble.skip(in);
        try (EDIStreamReader reader = FACTORY.createEDIStreamReader(input.stream())) {
            while (reader.hasNext()) {
                final EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> sawInterchange = true;
                    case START_SEGMENT -> {
                        segmentTag = reader.getText();
                        segmentPosition = reader.getLocation().getSegmentPosition();
                        startSegment(segmentTag);
                    }
                    case END_SEGMENT -> endSegment(segmentTag);
                    case ELEMENT_DATA -> {
                        final Location location = reader.getLocation();
                        // values padded with spaces are read trimmed (strip() returns the same string when there is none)
                        element(segmentTag, location.getElementPosition(), Math.max(location.getComponentPosition(), 1), reader.getText().strip());
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        if (EdiStreamErrors.envelopeElementFormat(reader)) {
                            continue;
                        }
                        final Location location = reader.getLocation();
                        final String tag = location.getSegmentTag() != null ? location.getSegmentTag() : segmentTag;
                        throw new EdiSyntaxException(tag, location.getSegmentPosition(),
                                reader.getErrorType() + " in " + tag + " at segment " + location.getSegmentPosition()
                                        + (location.getElementPosition() > 0 ? ", element " + location.getElementPosition() : "")
                                        + (reader.getText() != null ? ": " + reader.getText() : ""));
                    }
                    default -> {
                        // envelopes, loops and composites carry nothing the readers need
                    }
                }
            }
        } catch (final EDIStreamException e) {
            final Location location = e.getLocation();
            final String tag = location != null && location.getSegmentTag() != null ? location.getSegmentTag() : segmentTag;
            final int position = location != null && location.getSegmentPosition() > 0 ? location.getSegmentPosition() : segmentPosition;
            throw new EdiSyntaxException(tag, position, e.getMessage());
        } catch (final IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // StAEDI reports some malformed input through runtime exceptions
            throw new EdiSyntaxException(segmentTag, segmentPosition, "Malformed EDI: " + e.getMessage());
        }
        if (!sawInterchange) {
            throw new EdiSyntaxException(null, -1, "No EDI interchange found");
        }
        endInterchange();
    }

    protected final int segmentPosition() {
        return segmentPosition;
    }

    protected abstract void startSegment(String tag) throws IOException;

    protected abstract void element(String tag, int element, int component, String value) throws IOException;

    protected abstract void endSegment(String tag) throws IOException;

    protected void endInterchange() throws IOException {
    }
}
