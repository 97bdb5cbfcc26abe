package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.HttpTransport;

/** The answer to one {@link BatchOperation}; {@code body} is a missing node when BC sent none. */
public record BatchResult(String id, int status, JsonNode body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isTransient() {
        return HttpTransport.isTransientStatus(status);
    }

    public String errorCode() {
        return BusinessCentralError.code(body, status);
    }

    public String errorMessage() {
        return BusinessCentralError.message(body, status);
    }
}
