package io.nifiecommerce.sandbox.bc;

/**
 * An error answered the way Business Central answers it: an HTTP status and
 * {@code {"error":{"code":"...","message":"...  CorrelationId:  ..."}}}.
 */
public final class BcApiError extends RuntimeException {

    private final int status;
    private final String code;

    public BcApiError(final int status, final String code, final String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static BcApiError badRequest(final String message) {
        return new BcApiError(400, "BadRequest", message);
    }

    static BcApiError segmentNotFound(final String segment) {
        return new BcApiError(404, "BadRequest_NotFound", "Resource not found for the segment '" + segment + "'.");
    }

    static BcApiError recordNotFound(final String entityName, final String keyDescription) {
        return new BcApiError(404, "Internal_RecordNotFound",
                "The " + entityName + " does not exist. Identification fields and values: " + keyDescription);
    }

    static BcApiError relatedNotFound(final String entityName, final String keyDescription) {
        return new BcApiError(400, "Application_DialogException",
                "The " + entityName + " does not exist. Identification fields and values: " + keyDescription);
    }

    static BcApiError methodNotAllowed(final String method, final String entitySet) {
        return methodNotAllowed(method, entitySet, "Entity");
    }

    static BcApiError methodNotAllowed(final String method, final String entitySet, final String edmType) {
        return new BcApiError(405, "BadRequest_MethodNotAllowed", "'" + method + "' requests for '" + entitySet
                + "' of EdmType '" + edmType + "' are not allowed within Dynamics 365 Business Central OData web services.");
    }
}
