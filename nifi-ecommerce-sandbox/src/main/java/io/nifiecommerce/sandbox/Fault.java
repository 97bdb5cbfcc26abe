package io.nifiecommerce.sandbox;

/** A fault the sandbox injects into one response. */
public enum Fault {
    THROTTLE,
    SERVER_ERROR,
    TIMEOUT,
    CONNECTION_RESET,
    MALFORMED_BODY
}
