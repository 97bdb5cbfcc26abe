package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what a web request asks of BC (a cart's items, a customer's open orders) through the shared client, governor
 * and retries, and keeps each answer in a {@link ReadCache} keyed by the request URL, so that the same question within
 * the TTL costs no BC request. A question already on its way to BC is not asked twice: concurrent askers wait for the
 * one answer (a burst of the same cart costs one request). Thread-safe.
 */
public final class OnDemandReader {

    /** The records answering a query, and whether BC was spared (every part cached, or answered to a concurrent asker). */
    public record Result(List<JsonNode> values, boolean fromCache) {
    }

    private final BusinessCentralClient client;
    private final ReadCache<String, List<JsonNode>> cache;
    private final ConcurrentHashMap<String, CompletableFuture<List<JsonNode>>> inFlight = new ConcurrentHashMap<>();

    public OnDemandReader(final BusinessCentralClient client, final ReadCache<String, List<JsonNode>> cache) {
        this.client = client;
        this.cache = cache;
    }

    /** @param endpoint the client's endpoint, or the same environment with a custom API route */
    public Result read(final BusinessCentralEndpoint endpoint, final String companyId, final RecordQuery query, final int pageSize) {
        final List<JsonNode> values = new ArrayList<>();
        boolean spared = true;
        for (final String url : query.urls(companyId)) {
            final String key = endpoint.apiRoot() + "/" + url;
            final List<JsonNode> cached = cache.get(key).orElse(null);
            if (cached != null) {
                values.addAll(cached);
                continue;
            }
            final CompletableFuture<List<JsonNode>> mine = new CompletableFuture<>();
            final CompletableFuture<List<JsonNode>> pending = inFlight.putIfAbsent(key, mine);
            if (pending != null) {
                values.addAll(await(pending));
                continue;
            }
            spared = false;
            try {
                final List<JsonNode> read = List.copyOf(client.getAll(endpoint.resolve(url), pageSize));
                cache.put(key, read);
                mine.complete(read);
                values.addAll(read);
            } catch (final RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        }
        return new Result(List.copyOf(values), spared);
    }

    /** The answer another asker is getting; its failure is this asker's too. */
    private static List<JsonNode> await(final CompletableFuture<List<JsonNode>> pending) {
        try {
            return pending.join();
        } catch (final CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
