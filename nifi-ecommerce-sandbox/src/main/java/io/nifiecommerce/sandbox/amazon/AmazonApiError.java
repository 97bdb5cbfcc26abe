package io.nifiecommerce.sandbox.amazon;

/**
 * An error answer of the Selling Partner API: an HTTP status and the body {@code {"errors": [{"code", "message",
 * "details"}]}} that every SP-API operation documents (ErrorList), e.g. 400 InvalidInput, 403 Unauthorized,
 * 404 NotFound, 429 QuotaExceeded.
 */
public final class AmazonApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String details;

    public AmazonApiError(final int status, final String code, final String message, final String details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static AmazonApiError invalidInput(final String message) {
        return new AmazonApiError(400, "InvalidInput", message, "");
    }

    public static AmazonApiError notFound(final String message) {
        return new AmazonApiError(404, "NotFound", message, "");
    }

    /** 429 as SP-API sends it when an operation's usage plan is exhausted. */
    public static AmazonApiError quotaExceeded() {
        return new AmazonApiError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", "");
    }

    /** 403: no access token, an unknown one, or an expired one (then {@code details} says so). */
    public static AmazonApiError unauthorized(final String details) {
        return new AmazonApiError(403, "Unauthorized", "Access to requested resource is denied.", details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String details() {
        return details;
    }
}
