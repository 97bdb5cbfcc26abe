package io.nifiecommerce.sandbox.bc;

/**
 * Whether a 429 carries {@code Retry-After}. Microsoft documents the header for 502/503 only, so a
 * client must cope with both: {@link #SOMETIMES} alternates, deterministically.
 */
public enum RetryAfterPolicy {
    ALWAYS,
    SOMETIMES,
    NEVER
}
