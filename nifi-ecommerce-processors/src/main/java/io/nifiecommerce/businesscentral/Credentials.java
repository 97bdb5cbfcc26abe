package io.nifiecommerce.businesscentral;

/**
 * Supplies the {@code Authorization} header for Business Central requests. Implementations cache
 * what they can; {@link #invalidate()} is called once after a 401 so the next header is fresh.
 */
public interface Credentials {

    /** The full header value, e.g. {@code Bearer eyJ...} or {@code Basic ...}. */
    String authorization();

    /** Forget any cached token; the default does nothing (static credentials). */
    default void invalidate() {
    }
}
