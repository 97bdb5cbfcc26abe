package io.nifiecommerce.sandbox.mirakl;

/**
 * An error answer of the Mirakl API: an HTTP status with a JSON body carrying {@code status} and {@code message}, plus
 * the error code that Mirakl's OpenAPI lists per operation (e.g. OR21's ORDER_LINE_ACCEPTANCE_DECISION_MISSING).
 */
final class MiraklApiError extends RuntimeException {

    private final int status;
    private final String code;

    MiraklApiError(final int status, final String code, final String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static MiraklApiError badRequest(final String code, final String message) {
        return new MiraklApiError(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
