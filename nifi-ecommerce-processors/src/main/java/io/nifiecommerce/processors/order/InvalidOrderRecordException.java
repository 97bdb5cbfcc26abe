package io.nifiecommerce.processors.order;

/** A record that cannot be read as a canonical order; the message names the field. */
public class InvalidOrderRecordException extends RuntimeException {

    private final String field;

    public InvalidOrderRecordException(final String field, final String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
