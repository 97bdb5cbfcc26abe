package io.nifiecommerce.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place where the bundle's HTTP calls are sent and retried. Status codes are classified
 * once: 429, 5xx (except 501) and I/O errors are transient and retried within the policy, honouring
 * Retry-After; 401/403 are authentication failures; other 4xx are permanent. After the last attempt
 * a transient failure is thrown as {@link ApiException} so the processor can route to retry.
 * Vendor clients add their own meaning (GraphQL errors in a 200, OData error bodies) on top.
 */
public final class HttpTransport {

    /** Sends one attempt; lets clients wrap the send (rate gates, token headers, fault counters). */
    @FunctionalInterface
    public interface Exchange {
        HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException;
    }

    private static final Duration DEFAULT_EXCHANGE_LIMIT = Duration.ofMinutes(2);

    private final Exchange exchange;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;

    public HttpTransport(final HttpClient client, final RetryPolicy retryPolicy) {
        this(request -> sendBounded(client, request), retryPolicy, Sleeper.SYSTEM);
    }

    /**
     * Sends with a bound on the whole exchange. The JDK client's request timeout covers only the
     * wait for the response headers: a server that sends headers and then stalls or closes midway
     * through the body would otherwise hold the calling thread (a NiFi task) forever.
     */
    public static HttpResponse<byte[]> sendBounded(final HttpClient client, final HttpRequest request) throws IOException, InterruptedException {
        final Duration limit = request.timeout().map(timeout -> timeout.multipliedBy(2)).orElse(DEFAULT_EXCHANGE_LIMIT);
        final CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("No complete response within " + limit.toSeconds() + " s");
        } catch (final InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    public HttpTransport(final Exchange exchange, final RetryPolicy retryPolicy, final Sleeper sleeper) {
        this.exchange = exchange;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The same exchange and sleeper with another policy, e.g. single attempts for a client with its own loop. */
    public HttpTransport withRetryPolicy(final RetryPolicy policy) {
        return new HttpTransport(exchange, policy, sleeper);
    }

    /**
     * Sends the request, retrying transient failures. Returns any response that is not a transient
     * failure (2xx, and permanent 4xx for the caller to read); throws when retries are exhausted.
     */
    public HttpResponse<byte[]> send(final HttpRequest request) {
        ApiException last = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            if (last != null) {
                pause(InlineWait.bounded(retryPolicy.delay(attempt - 1, last.retryAfter().orElse(null)), last));
            }
            try {
                final HttpResponse<byte[]> response = exchange.send(request);
                final int status = response.statusCode();
                if (!isTransientStatus(status)) {
                    return response;
                }
                last = new ApiException(ErrorClass.TRANSIENT, status, "HTTP_" + status,
                        "HTTP " + status + " from " + describe(request), RetryAfter.from(response.headers()), null);
            } catch (final HttpTimeoutException e) {
                last = new ApiException(ErrorClass.TRANSIENT, 0, "TIMEOUT", "Timed out calling " + describe(request), null, e);
            } catch (final IOException e) {
                last = new ApiException(ErrorClass.TRANSIENT, 0, "IO_ERROR",
                        "I/O error calling " + describe(request) + ": " + e.getClass().getSimpleName(), null, e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorClass.TRANSIENT, 0, "INTERRUPTED", "Interrupted calling " + describe(request), null, e);
            }
        }
        throw last;
    }

    /** Waits between attempts; an interrupt ends the retries as a transient failure. */
    public void pause(final Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorClass.TRANSIENT, 0, "INTERRUPTED", "Interrupted while backing off", null, e);
        }
    }

    public static boolean isTransientStatus(final int status) {
        return status == 429 || status == 408 || (status >= 500 && status != 501);
    }

    /** Method and path only: query strings may carry filters with customer data, never credentials, but keep logs short. */
    private static String describe(final HttpRequest request) {
        return request.method() + " " + request.uri().getPath();
    }
}
