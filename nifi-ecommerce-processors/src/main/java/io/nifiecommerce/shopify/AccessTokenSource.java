package io.nifiecommerce.shopify;

/**
 * Gives the Admin API access token to send as {@code X-Shopify-Access-Token}. A client-credentials
 * source fetches and refreshes it; a static source returns the configured one.
 */
public interface AccessTokenSource {

    String accessToken();

    /** The token was refused (401): the next {@link #accessToken()} must not return it again if it can renew it. */
    default void invalidate() {
    }

    /** Whether {@link #invalidate()} can lead to a different token (worth one retry after a 401). */
    default boolean renewable() {
        return false;
    }

    static AccessTokenSource of(final String token) {
        return () -> token;
    }
}
