package io.nifiecommerce.edi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What some partners write before the first segment and StAEDI does not accept there: a UTF-8 byte-order mark
 * (Windows tools), blank lines or indentation. The stream returned starts at the first byte of the interchange
 * and supports mark/reset, so StAEDI reads it as it is (a stream that already supports mark is not wrapped).
 */
final class EdiPreamble {

    private static final int PEEK = 4096;

    private EdiPreamble() {
    }

    /** The input past any BOM and leading whitespace; {@link Skipped#blank()} when nothing else follows. */
    static Skipped skip(final InputStream in) throws IOException {
        final InputStream input = in.markSupported() ? in : new BufferedInputStream(in);
        final byte[] head = new byte[PEEK];
        boolean start = true;
        while (true) {
            input.mark(PEEK);
            final int read = input.readNBytes(head, 0, PEEK);
            int preamble = 0;
            if (start && read >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                preamble = 3;
            }
            while (preamble < read && (head[preamble] == ' ' || head[preamble] == '\r' || head[preamble] == '\n' || head[preamble] == '\t')) {
                preamble++;
            }
            input.reset();
            input.skipNBytes(preamble);
            if (preamble < read) {
                return new Skipped(input, false);
            }
            if (read < PEEK) {
                return new Skipped(input, true);
            }
            start = false;
        }
    }

    /** The stream positioned at the interchange, and whether the input held nothing but a preamble. */
    record Skipped(InputStream stream, boolean blank) {
    }
}
