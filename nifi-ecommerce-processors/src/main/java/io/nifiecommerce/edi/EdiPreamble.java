package io.nifiecommerce.edi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * What some partners write before the first segment and StAEDI does not accept there: a UTF-8 byte-order mark
 * (Windows tools), blank lines or indentation. The stream returned starts at the first byte of the interchange
 * and supports mark/reset, so StAEDI reads it as it is (a stream that already supports mark is not wrapped).
 */
final class EdiPreamble {

    private static final int PEEK = 4096;

    private EdiPreamble() {
    }

    /** Tags that open a group or a message, never an interchange: a file starting with one lacks its UNA/UNB or ISA. */
    private static final Set<String> INNER_HEADERS = Set.of("UNG", "UNH", "GS", "ST");

    /**
     * Refuses input that starts with a group or message header instead of an interchange header (published samples
     * often hold a bare UNH..UNT or ST..SE): StAEDI reports only an invalid state at offset 3, or reads "ST" as the
     * start of a TRADACOMS STX. {@code head} holds the first bytes past the preamble.
     */
    static void requireInterchangeHeader(final byte[] head, final int length) {
        int tag = 0;
        while (tag < length && tag < 4 && Character.isLetterOrDigit(head[tag])) {
            tag++;
        }
        if (tag == length) {
            return;
        }
        final String found = new String(head, 0, tag, StandardCharsets.US_ASCII);
        if (INNER_HEADERS.contains(found)) {
            final boolean x12 = found.length() == 2;
            throw new EdiSyntaxException(found, 1, found + " at position 1 without an interchange header: an " + (x12 ? "X12" : "EDIFACT")
                    + " interchange starts with " + (x12 ? "ISA" : "UNA or UNB"));
        }
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
                requireInterchangeHeader(Arrays.copyOfRange(head, preamble, read), read - preamble);
                return new Skipped(new UnaReservedCharacter(new Utf8Transcoding(input)), false);
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
