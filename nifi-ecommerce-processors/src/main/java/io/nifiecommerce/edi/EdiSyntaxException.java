package io.nifiecommerce.edi;

/**
 * Malformed or envelope-invalid EDI. Names the segment at fault and its position in the interchange
 * so that an integrator can find the faulty line in the partner's file.
 */
public class EdiSyntaxException extends RuntimeException {

    private final String segment;
    private final int segmentPosition;

    public EdiSyntaxException(final String segment, final int segmentPosition, final String message) {
        super(message);
        this.segment = segment;
        this.segmentPosition = segmentPosition;
    }

    /** Tag of the segment at fault (UNB, STS, AT7...), or null when the input ended before any segment. */
    public String getSegment() {
        return segment;
    }

    /** 1-based position of that segment in the interchange, -1 when unknown. */
    public int getSegmentPosition() {
        return segmentPosition;
    }

    /** Same as {@link #getSegment()}. */
    public String segment() {
        return segment;
    }

    /** Same as {@link #getSegmentPosition()}. */
    public int segmentPosition() {
        return segmentPosition;
    }
}
