package io.nifiecommerce.edi;

/** A document could not be written: a value does not fit the syntax or the envelope would be invalid. */
public class EdiWriteException extends RuntimeException {

    public EdiWriteException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public EdiWriteException(final String message) {
        super(message);
    }
}
