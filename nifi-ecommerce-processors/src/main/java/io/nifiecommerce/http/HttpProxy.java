package io.nifiecommerce.http;

import java.util.Objects;

/**
 * An HTTP proxy every request goes through, with the optional credentials it asks for. The JDK
 * client speaks only HTTP proxies (CONNECT for HTTPS), not SOCKS.
 *
 * @param host the proxy's host name or address
 * @param port its port
 * @param username the user for the proxy's Basic challenge, or null
 * @param password its password, or null
 */
public record HttpProxy(String host, int port, String username, String password) {

    public HttpProxy {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Proxy port out of range: " + port);
        }
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** Never the password: records print themselves in logs and exceptions. */
    @Override
    public String toString() {
        return "HttpProxy[" + host + ":" + port + (hasCredentials() ? ", user " + username : "") + "]";
    }
}
