package io.nifiecommerce.processors;

import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpProxy;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import java.net.Proxy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;

/**
 * The HTTP properties the connection services share (read timeout, retries, TLS, proxy), and the translation of TLS
 * and proxy into the plain SSLContext and {@link HttpProxy} the HTTP layer builds its client from. A service whose
 * vendor retries differently keeps the name and bounds and changes only the description or default.
 */
public final class HttpClientProperties {

    public static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Read Timeout")
            .description("How long to wait for a complete answer to one request.")
            .required(true)
            .defaultValue("60 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAX_ATTEMPTS = new PropertyDescriptor.Builder()
            .name("Max Attempts")
            .description("Attempts per request (first included) for throttled and transient failures before giving up.")
            .required(true)
            .defaultValue("5")
            .addValidator(StandardValidators.createLongValidator(1, 20, true))
            .build();

    public static final PropertyDescriptor MAX_BACKOFF = new PropertyDescriptor.Builder()
            .name("Max Backoff")
            .description("The longest single wait between two attempts.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS settings (trust store, client certificate) for a server or a TLS-inspecting proxy whose certificate "
                    + "a private CA signed. Without it the JVM's default trust store is used.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .build();

    /** HTTP only: the JDK client cannot use a SOCKS proxy. */
    private static final ProxySpec[] PROXY_SPECS = {ProxySpec.HTTP, ProxySpec.HTTP_AUTH};

    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = ProxyConfiguration.createProxyConfigPropertyDescriptor(PROXY_SPECS);

    private HttpClientProperties() {
    }

    /** Adds a result when the configured proxy is of a kind the client cannot use. */
    public static void validate(final ValidationContext context, final Collection<ValidationResult> results) {
        ProxyConfiguration.validateProxySpec(context, results, PROXY_SPECS);
    }

    public static HttpClient createClient(final PropertyContext context, final Duration connectTimeout) {
        final SSLContextProvider ssl = context.getProperty(SSL_CONTEXT_SERVICE).asControllerService(SSLContextProvider.class);
        return HttpClientFactory.create(connectTimeout, ssl == null ? null : ssl.createContext(), proxy(context));
    }

    static HttpProxy proxy(final PropertyContext context) {
        final ProxyConfiguration proxy = ProxyConfiguration.getConfiguration(context);
        if (proxy == null || proxy.getProxyType() != Proxy.Type.HTTP || proxy.getProxyServerHost() == null) {
            return null;
        }
        return new HttpProxy(proxy.getProxyServerHost(), proxy.getProxyServerPort(),
                proxy.hasCredential() ? proxy.getProxyUserName() : null, proxy.hasCredential() ? proxy.getProxyUserPassword() : null);
    }
}
