package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;

import java.time.Duration;

/** Reads BC's {@code {"error":{"code","message"}}} bodies and classifies them once. */
public final class BusinessCentralError {

    private BusinessCentralError() {
    }

    public static String code(final JsonNode body, final int status) {
        final String code = body == null ? "" : body.path("error").path("code").asText("");
        return code.isEmpty() ? "HTTP_" + status : code;
    }

    public static String message(final JsonNode body, final int status) {
        final String message = body == null ? "" : body.path("error").path("message").asText("");
        return message.isEmpty() ? "HTTP " + status + " from Business Central" : message;
    }

    public static ErrorClass classify(final int status, final String code) {
        if (HttpTransport.isTransientStatus(status) || "Application_TooManyRequests".equals(code)) {
            return ErrorClass.TRANSIENT;
        }
        if (status == 401 || status == 403 || "Authentication_InvalidCredentials".equals(code) || "BadRequest_InvalidToken".equals(code)) {
            return ErrorClass.AUTHENTICATION;
        }
        return ErrorClass.PERMANENT;
    }

    public static ApiException toException(final JsonNode body, final int status, final Duration retryAfter) {
        final String code = code(body, status);
        return new ApiException(classify(status, code), status, code, message(body, status), retryAfter, null);
    }
}
