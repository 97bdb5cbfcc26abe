package io.nifiecommerce.edi;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Hands StAEDI (which decodes its input as UTF-8) well-formed UTF-8 whatever the partner wrote: UNOC interchanges are
 * ISO-8859-1 by the standard and French partners write "Café" as the single byte 0xE9, which StAEDI's UTF-8 decoder
 * refuses ("Error parsing input"); others declare UNOC and write UTF-8 anyway. Each byte sequence is read as UTF-8 when
 * well-formed and as Windows-1252 otherwise ({@link Utf8OrWindows1252Reader}), then written back as UTF-8, streaming.
 * ASCII, which carries every delimiter and tag, passes unchanged. Letters of other ISO-8859 parts (UNOD..UNOK) not in
 * Windows-1252 are read as their Windows-1252 look-alikes.
 */
final class Utf8Transcoding extends InputStream {

    private final Reader reader;
    private final char[] chars = new char[4096];
    private byte[] bytes = new byte[0];
    private int position;
    /** A high surrogate read at the end of the last chunk, waiting for its low one. */
    private char pendingHigh;

    Utf8Transcoding(final InputStream in) {
        this.reader = new Utf8OrWindows1252Reader(in);
    }

    @Override
    public int read() throws IOException {
        if (position == bytes.length && !fill()) {
            return -1;
        }
        return bytes[position++] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == bytes.length && !fill()) {
            return -1;
        }
        final int count = Math.min(length, bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = reader.read(chars, 0, chars.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        final StringBuilder text = new StringBuilder(read + 1);
        if (pendingHigh != 0) {
            text.append(pendingHigh);
            pendingHigh = 0;
        }
        text.append(chars, 0, read);
        if (Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            pendingHigh = text.charAt(text.length() - 1);
            text.setLength(text.length() - 1);
        }
        bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
        return bytes.length > 0 || fill();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
