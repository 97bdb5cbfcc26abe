package io.nifiecommerce.edi;

/**
 * Malformed EDI input. Names the segment (tag) and its position in the interchange so that
 * an integrator can find the faulty line in the partner's file.
 */
public class EdiSyntaxException extends RuntimeException {

    private final String segment;
    private final int segmentPosition;

    public EdiSyntaxException(String segment, int segmentPosition, String message) {
        super(message);
        this.segment = segment;
        this.segmentPosition = segmentPosition;
    }

    public String segment() {
        return segment;
    }

    public int segmentPosition() {
        return segmentPosition;
    }
}
