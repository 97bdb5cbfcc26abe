package io.nifiecommerce.http;

/**
 * How a failed call should be handled, decided once where the failure is seen so processors do not
 * each re-interpret status codes.
 */
public enum ErrorClass {
    /** Worth trying again later: throttling, 5xx, timeouts, broken connections. */
    TRANSIENT,
    /** The credentials were refused: retrying the same call will not help until they are fixed. */
    AUTHENTICATION,
    /** The request itself is wrong (validation, unknown reference): route to failure. */
    PERMANENT
}
