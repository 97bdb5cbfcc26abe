package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a web request asks of BC (a cart's items, a customer's open orders) through the shared client, governor
 * and retries, and keeps each answer in a {@link ReadCache} keyed by the request URL, so that the same question within
 * the TTL costs no BC request. Thread-safe.
 */
public final class OnDemandReader {

    /** The records answering a query, and whether all of them came from the cache. */
    public record Result(List<JsonNode> values, boolean fromCache) {
    }

    private final BusinessCentralClient client;
    private final ReadCache<String, List<JsonNode>> cache;

    public OnDemandReader(final BusinessCentralClient client, final ReadCache<String, List<JsonNode>> cache) {
        this.client = client;
        this.cache = cache;
    }

    /** @param endpoint the client's endpoint, or the same environment with a custom API route */
    public Result read(final BusinessCentralEndpoint endpoint, final String companyId, final RecordQuery query, final int pageSize) {
        final List<JsonNode> values = new ArrayList<>();
        boolean allCached = true;
        for (final String url : query.urls(companyId)) {
            final String key = endpoint.apiRoot() + "/" + url;
            final List<JsonNode> cached = cache.get(key).orElse(null);
            if (cached != null) {
                values.addAll(cached);
                continue;
            }
            allCached = false;
            final List<JsonNode> read = List.copyOf(client.getAll(endpoint.resolve(url), pageSize));
            cache.put(key, read);
            values.addAll(read);
        }
        return new Result(List.copyOf(values), allCached);
    }
}
