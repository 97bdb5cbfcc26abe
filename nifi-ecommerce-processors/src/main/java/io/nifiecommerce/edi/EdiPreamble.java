package io.nifiecommerce.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * What some partners write before the first segment and StAEDI does not accept there: a UTF-8 byte-order mark
 * (Windows tools), blank lines or indentation. The stream returned starts at the first byte of the interchange.
 */
final class EdiPreamble {

    private EdiPreamble() {
    }

    /** The input past any BOM and leading whitespace; {@link Skipped#blank()} when nothing else follows. */
    static Skipped skip(final InputStream in) throws IOException {
        final PushbackInputStream input = new PushbackInputStream(in, 3);
        int b = input.read();
        if (b == 0xEF) {
            final int b2 = input.read();
            final int b3 = b2 == 0xBB ? input.read() : -2;
            if (b2 == 0xBB && b3 == 0xBF) {
                b = input.read();
            } else {
                // not a BOM: give the bytes back as they were
                if (b3 >= 0) {
                    input.unread(b3);
                }
                if (b2 >= 0) {
                    input.unread(b2);
                }
                input.unread(b);
                return new Skipped(input, false);
            }
        }
        while (b == ' ' || b == '\r' || b == '\n' || b == '\t') {
            b = input.read();
        }
        if (b == -1) {
            return new Skipped(input, true);
        }
        input.unread(b);
        return new Skipped(input, false);
    }

    /** The stream positioned at the interchange, and whether the input held nothing but a preamble. */
    record Skipped(InputStream stream, boolean blank) {
    }
}
