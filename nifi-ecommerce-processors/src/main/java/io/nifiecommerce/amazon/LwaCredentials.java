package io.nifiecommerce.amazon;

/**
 * What a selling partner application presents to Login with Amazon: its LWA client identifier and secret (Seller
 * Central, Developer Central, the application's LWA credentials) and the refresh token the selling partner granted
 * by authorising the application. Never printed.
 */
public record LwaCredentials(String clientId, String clientSecret, String refreshToken) {

    @Override
    public String toString() {
        return "LwaCredentials[" + clientId + "]";
    }
}
