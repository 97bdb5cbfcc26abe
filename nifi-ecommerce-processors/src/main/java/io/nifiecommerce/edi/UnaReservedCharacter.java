package io.nifiecommerce.edi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Many tools write the syntax 3 service string advice {@code UNA:+.? '} in front of a syntax 4 interchange (UNOC:4,
 * UNOY:4...). Its fifth character, a space, is "reserved" under syntax 3 but is the repetition separator under syntax 4,
 * so StAEDI splits every value holding a space ("PARIS Guest Chair" read as "PARIS"). No partner means a space as a
 * separator: this stream passes a UNA's space through as DEL (0x7F), a character no EDIFACT character set allows in
 * data, so that nothing repeats. Only a UNA at the start of the input or of a line, or after a segment terminator, is
 * one; everything else passes unchanged.
 */
final class UnaReservedCharacter extends FilterInputStream {

    private static final int NO_REPETITION = 0x7F;

    /** Bytes of "UNA" matched so far, at a segment start. */
    private int matched;
    /** Bytes since the "UNA" tag; 5 is the reserved / repetition position. */
    private int sinceTag = -1;
    private boolean segmentStart = true;
    /** The segment terminator the last UNA announced, for a second interchange in the same file. */
    private int terminator = '\'';

    UnaReservedCharacter(final InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        final int b = super.read();
        return b < 0 ? b : filter(b);
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        final int read = super.read(buffer, offset, length);
        for (int i = 0; i < read; i++) {
            buffer[offset + i] = (byte) filter(buffer[offset + i] & 0xFF);
        }
        return read;
    }

    @Override
    public long skip(final long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private int filter(final int b) {
        if (sinceTag >= 0) {
            sinceTag++;
            final int position = sinceTag;
            if (position == 6) {
                // the UNA's segment terminator
                terminator = b;
                sinceTag = -1;
                segmentStart = true;
                matched = 0;
                return b;
            }
            return position == 5 && b == ' ' ? NO_REPETITION : b;
        }
        if (segmentStart && matched < 3 && b == "UNA".charAt(matched)) {
            matched++;
            if (matched == 3) {
                sinceTag = 0;
                segmentStart = false;
            }
            return b;
        }
        final boolean indentation = segmentStart && matched == 0 && (b == ' ' || b == '\t');
        matched = 0;
        segmentStart = indentation || b == terminator || b == '\n' || b == '\r';
        return b;
    }
}
