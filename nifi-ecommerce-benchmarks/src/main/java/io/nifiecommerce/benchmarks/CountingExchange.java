package io.nifiecommerce.benchmarks;

import io.nifiecommerce.http.HttpTransport;

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
import java.util.concurrent.atomic.AtomicLong;

/** Sends through a JDK client and counts the HTTP requests that reach the API (token requests apart). */
final class CountingExchange implements HttpTransport.Exchange {

    private final HttpClient client;
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();

    CountingExchange(final HttpClient client) {
        this.client = client;
    }

    @Override
    public HttpResponse<byte[]> send(final HttpRequest request) throws IOException, InterruptedException {
        final String path = request.uri().getPath();
        if (path.contains("/oauth2/") || path.endsWith("/oauth/access_token")) {
            tokenRequests.incrementAndGet();
        } else {
            apiRequests.incrementAndGet();
        }
        return sendBounded(request);
    }

    /**
     * As the bundle's HttpTransport sends: the whole exchange bounded by twice the request timeout, since
     * the JDK client's timeout stops at the response headers and a body cut short would hang the caller.
     */
    private HttpResponse<byte[]> sendBounded(final HttpRequest request) throws IOException, InterruptedException {
        final Duration limit = request.timeout().map(timeout -> timeout.multipliedBy(2)).orElse(Duration.ofMinutes(2));
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

    long apiRequests() {
        return apiRequests.get();
    }

    long tokenRequests() {
        return tokenRequests.get();
    }

    void reset() {
        apiRequests.set(0);
        tokenRequests.set(0);
    }
}
