package io.nifiecommerce.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Decodes text exports whose encoding nobody states: UTF-8 where the bytes are well-formed UTF-8, and every other byte
 * as Windows-1252 (a superset of ISO-8859-1 for printable text). French carriers' and 3PLs' back offices export CSV in
 * Windows-1252 ("Livr\u00e9" as one byte 0xE9), which a UTF-8 decoder would turn into U+FFFD, losing the accent and
 * breaking header names such as "N\u00b0 de colis". Deciding byte by byte keeps a mostly UTF-8 file with one stray
 * Windows byte right too, and needs no look-ahead over the whole file.
 */
public final class Utf8OrWindows1252Reader extends Reader {

    /** Windows-1252 0x80..0x9F; the five undefined bytes map to the C1 control of the same value, as ISO-8859-1 does. */
    private static final char[] WINDOWS_1252_HIGH = ("\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
            + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178").toCharArray();

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean eof;
    /** The low surrogate of a supplementary character whose high surrogate was returned last. */
    private int pendingLow = -1;

    public Utf8OrWindows1252Reader(final InputStream in) {
        this.in = in;
    }

    @Override
    public int read(final char[] chars, final int offset, final int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            if (pendingLow >= 0) {
                chars[offset + count++] = (char) pendingLow;
                pendingLow = -1;
                continue;
            }
            // a UTF-8 sequence is at most 4 bytes: keep that many at hand to decide
            if (limit - position < 4 && !eof) {
                fill();
            }
            if (position == limit) {
                break;
            }
            final int codePoint = next();
            if (codePoint > 0xFFFF) {
                chars[offset + count++] = Character.highSurrogate(codePoint);
                pendingLow = Character.lowSurrogate(codePoint);
            } else {
                chars[offset + count++] = (char) codePoint;
            }
        }
        return count == 0 ? -1 : count;
    }

    private void fill() throws IOException {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < 4 && !eof) {
            final int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
    }

    /** The code point at the position: a well-formed UTF-8 sequence, else the byte as Windows-1252. */
    private int next() {
        final int b = buffer[position] & 0xFF;
        if (b < 0x80) {
            position++;
            return b;
        }
        final int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (length > 0 && position + length <= limit) {
            int codePoint = b & (0xFF >> (length + 1));
            boolean valid = true;
            for (int i = 1; i < length && valid; i++) {
                final int continuation = buffer[position + i] & 0xFF;
                valid = (continuation & 0xC0) == 0x80;
                codePoint = (codePoint << 6) | (continuation & 0x3F);
            }
            // overlong forms, surrogates and code points past U+10FFFF are not UTF-8
            final boolean shortest = length == 2 || (length == 3 && codePoint >= 0x800) || (length == 4 && codePoint >= 0x10000);
            if (valid && shortest && codePoint <= 0x10FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
                position += length;
                return codePoint;
            }
        }
        position++;
        return b < 0xA0 ? WINDOWS_1252_HIGH[b - 0x80] : b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
