package io.nifiecommerce.it.nifi;

/**
 * A NiFi REST call answered with an error status; NiFi puts a readable reason in the body.
 */
public class NiFiApiException extends RuntimeException {

    private final int status;

    public NiFiApiException(final String request, final int status, final String body) {
        super(request + " -> HTTP " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
