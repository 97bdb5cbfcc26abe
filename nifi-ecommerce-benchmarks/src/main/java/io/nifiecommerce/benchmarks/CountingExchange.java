package io.nifiecommerce.benchmarks;

import io.nifiecommerce.http.HttpTransport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        // as the bundle sends: the whole exchange bounded, not only the wait for the headers
        return HttpTransport.sendBounded(client, request);
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
