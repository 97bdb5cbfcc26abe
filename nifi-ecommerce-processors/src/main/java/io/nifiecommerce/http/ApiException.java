package io.nifiecommerce.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to a remote API that did not succeed, with what a processor needs to route it: the error
 * class, the HTTP status (0 when no response came), the vendor's error code and message, and the
 * wait the server asked for, if any. Messages never contain credentials.
 */
public class ApiException extends RuntimeException {

    /** The code of every unreadable or truncated answer, whichever vendor sent it. */
    public static final String UNREADABLE = "MALFORMED_RESPONSE";

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

    /**
     * An answer that cannot be read (cut, garbled, not the expected shape): always transient, since
     * the same request usually reads fine next time, and never to be taken as "nothing found".
     */
    public static ApiException unreadable(final int status, final String message, final Throwable cause) {
        return new ApiException(ErrorClass.TRANSIENT, status, UNREADABLE, message, null, cause);
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
