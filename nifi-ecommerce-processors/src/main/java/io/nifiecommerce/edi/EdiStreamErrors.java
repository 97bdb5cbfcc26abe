package io.nifiecommerce.edi;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns StAEDI's validation events and lexical exceptions into {@link EdiSyntaxException}s that name the segment and
 * its position (or, for a failing stream, into an {@link UncheckedIOException}: that is not bad input).
 */
final class EdiStreamErrors {

    private EdiStreamErrors() {
    }

    /** Element format errors (not counts, references or structure) that a tolerant read lets through. */
    static final Set<EDIStreamValidationError> ELEMENT_FORMAT = EnumSet.of(EDIStreamValidationError.DATA_ELEMENT_TOO_SHORT,
            EDIStreamValidationError.DATA_ELEMENT_TOO_LONG, EDIStreamValidationError.INVALID_CHARACTER_DATA,
            EDIStreamValidationError.INVALID_CODE_VALUE, EDIStreamValidationError.INVALID_DATE, EDIStreamValidationError.INVALID_TIME,
            EDIStreamValidationError.TOO_MANY_COMPONENTS);

    /**
     * Whether the error event just returned is only the format of an envelope element (a 6-digit UNB date under syntax
     * 4, an over-long association code): the status and stock readers, which take nothing from those elements, read
     * on, as most partners' files would otherwise be refused (docs/edi.md, Envelope Strictness).
     */
    static boolean envelopeElementFormat(final EDIStreamReader reader) {
        return reader.getEventType() == io.xlate.edi.stream.EDIStreamEvent.ELEMENT_DATA_ERROR && ELEMENT_FORMAT.contains(reader.getErrorType());
    }

    /** For an error event the reader just returned. */
    static EdiSyntaxException validation(final EDIStreamReader reader) {
        final Location location = reader.getLocation();
        final EDIStreamValidationError error = reader.getErrorType();
        final String tag = location.getSegmentTag();
        final StringBuilder text = new StringBuilder("Invalid ").append(tag).append(" segment at position ").append(location.getSegmentPosition());
        if (location.getElementPosition() > 0) {
            text.append(", element ").append(location.getElementPosition());
        }
        text.append(": ").append(error.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        final String value = reader.hasText() ? reader.getText() : null;
        if (value != null && !value.isEmpty()) {
            text.append(" ('").append(value).append("')");
        }
        return new EdiSyntaxException(tag, location.getSegmentPosition(), text.toString());
    }

    /** For an exception thrown by the reader. */
    static RuntimeException lexical(final EDIStreamReader reader, final EDIStreamException e) {
        if (e.getCause() instanceof IOException io && !(io instanceof CharacterCodingException)) {
            return new UncheckedIOException(io);
        }
        final Location location = e.getLocation() != null ? e.getLocation() : reader.getLocation();
        final String tag = location == null || location.getSegmentTag() == null ? "" : location.getSegmentTag();
        final int position = location == null ? 0 : Math.max(location.getSegmentPosition(), 0);
        final EdiSyntaxException syntax = new EdiSyntaxException(tag, position, "Malformed EDI "
                + (tag.isEmpty() ? "before the first segment" : "at segment " + tag + " position " + position) + ": " + e.getMessage());
        syntax.initCause(e);
        return syntax;
    }
}
