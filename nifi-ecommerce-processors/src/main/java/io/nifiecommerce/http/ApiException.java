package io.nifiecommerce.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to a remote API that did not succeed, with what a processor needs to route it: the error
 * class, the HTTP status (0 when no response came), the vendor's error code and message, and the
 * wait the server asked for, if any. Messages never contain credentials.
 */
public class ApiException extends RuntimeException {

    private final ErrorClass errorClass;
    private final int status;
    private final String code;
    private final Duration retryAfter;

    public ApiException(final ErrorClass errorClass, final int status, final String code, final String message) {
        this(errorClass, status, code, message, null, null);
    }

    public ApiException(final ErrorClass errorClass, final int status, final String code, final String message,
                        final Duration retryAfter, final Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public boolean isTransient() {
        return errorClass == ErrorClass.TRANSIENT;
    }

    public int status() {
        return status;
    }

    /** The vendor's error code (e.g. THROTTLED, Application_DialogException) or a local one (IO_ERROR). */
    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
