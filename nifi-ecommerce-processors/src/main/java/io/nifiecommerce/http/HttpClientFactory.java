package io.nifiecommerce.http;

import javax.net.ssl.SSLContext;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds the JDK HTTP client of every connection of the bundle, so that TLS, proxy, redirects and the
 * protocol version are decided in one place. HTTP/1.1 because Business Central and Shopify answer it
 * everywhere and a stalled HTTP/2 stream is harder to bound; redirects are not followed because a
 * redirected POST would drop its body or be sent twice.
 */
public final class HttpClientFactory {

    private HttpClientFactory() {
    }

    /** A client with the JVM's default trust store and no proxy. */
    public static HttpClient create(final Duration connectTimeout) {
        return create(connectTimeout, null, null);
    }

    /**
     * @param sslContext the TLS context (trust store, client certificate), or null for the JVM's default
     * @param proxy the HTTP proxy, or null to connect directly. A proxy's Basic challenge for an HTTPS
     *              tunnel is answered only when the JVM allows it (jdk.http.auth.tunneling.disabledSchemes).
     */
    public static HttpClient create(final Duration connectTimeout, final SSLContext sslContext, final HttpProxy proxy) {
        final HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        if (proxy != null) {
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.host(), proxy.port())));
            if (proxy.hasCredentials()) {
                builder.authenticator(new ProxyAuthenticator(proxy.username(), proxy.password()));
            }
        }
        return builder.build();
    }

    /** Answers the proxy's challenge only: a server's own 401 must reach the caller, not be retried with proxy credentials. */
    private static final class ProxyAuthenticator extends Authenticator {
        private final String username;
        private final char[] password;

        ProxyAuthenticator(final String username, final String password) {
            this.username = username;
            this.password = password == null ? new char[0] : password.toCharArray();
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(username, password.clone()) : null;
        }
    }
}
