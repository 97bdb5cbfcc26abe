package io.nifiecommerce.tracking;

/**
 * The one exception a tracking feed parser throws for input it cannot read: carries a stable error code and,
 * when known, the segment (EDI segment tag, JSON field, CSV column) and position (EDI segment number, line).
 */
public class TrackingFeedException extends Exception {

    private final String errorCode;
    private final String segment;
    private final int position;

    public TrackingFeedException(final String errorCode, final String message, final String segment, final int position,
                                 final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.segment = segment;
        this.position = position;
    }

    public TrackingFeedException(final String errorCode, final String message) {
        this(errorCode, message, null, -1, null);
    }

    public String getErrorCode() {
        return errorCode;
    }

    /** EDI segment tag, JSON field or CSV column at fault, or null. */
    public String getSegment() {
        return segment;
    }

    /** EDI segment position in the interchange or line number, -1 when unknown. */
    public int getPosition() {
        return position;
    }
}
