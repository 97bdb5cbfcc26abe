package io.nifiecommerce.edi;

import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;

/**
 * Turns StAEDI's validation events and lexical exceptions into {@link EdiSyntaxException}s that name the segment and
 * its position (or, for a failing stream, into an {@link UncheckedIOException}: that is not bad input).
 */
final class EdiStreamErrors {

    private EdiStreamErrors() {
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
