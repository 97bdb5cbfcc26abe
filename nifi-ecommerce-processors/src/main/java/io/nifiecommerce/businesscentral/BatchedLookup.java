package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks many keys up in few requests: keys are chunked into {@code field in ('a','b',...)} filters
 * and the GETs of every chunk and entity set travel together in {@code $batch} requests of up to 100
 * operations. A server that refuses {@code in} (HTTP 400 on that operation) is asked again with an
 * {@code or} chain, and remembered. Thread-safe.
 */
public final class BatchedLookup {

    static final int KEYS_PER_FILTER = 40;
    private static final int OPERATIONS_PER_BATCH = 100;

    private final BusinessCentralClient client;
    private final String companyId;
    private volatile boolean inAccepted = true;

    public BatchedLookup(final BusinessCentralClient client, final String companyId) {
        this.client = client;
        this.companyId = companyId;
    }

    public boolean inOperatorAccepted() {
        return inAccepted;
    }

    /** For each query, its key mapped to the matching records (keys with no match are absent). */
    public List<Map<String, List<JsonNode>>> find(final List<LookupQuery> queries) {
        final List<Map<String, List<JsonNode>>> results = new ArrayList<>();
        final List<Chunk> chunks = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            results.add(new HashMap<>());
            final LookupQuery query = queries.get(q);
            final Set<String> distinct = new LinkedHashSet<>();
            query.keys().stream().filter(k -> k != null && !k.isEmpty()).forEach(distinct::add);
            for (final List<String> keys : ODataFilter.chunks(List.copyOf(distinct), KEYS_PER_FILTER)) {
                chunks.add(new Chunk(q, query, keys));
            }
        }
        for (final List<Chunk> group : ODataFilter.chunks(chunks, OPERATIONS_PER_BATCH)) {
            run(group, results, inAccepted);
        }
        return results;
    }

    private void run(final List<Chunk> group, final List<Map<String, List<JsonNode>>> results, final boolean useIn) {
        final List<BatchOperation> operations = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            operations.add(BatchOperation.get(String.valueOf(i + 1), url(group.get(i), useIn)));
        }
        final List<BatchResult> answers = client.batch(operations, false, true);
        final List<Chunk> refused = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            final Chunk chunk = group.get(i);
            final BatchResult answer = answers.get(i);
            if (answer.isSuccess() && !answer.body().path("value").isArray()) {
                throw ApiException.unreadable(answer.status(), "Lookup in " + chunk.query().entitySet() + " answered without a value array", null);
            }
            if (answer.isSuccess()) {
                final List<JsonNode> values = new ArrayList<>();
                answer.body().path("value").forEach(values::add);
                final String next = answer.body().path("@odata.nextLink").asText("");
                if (!next.isEmpty()) {
                    // the server paged a lookup (small page size): fetch the rest rather than miss a match
                    values.addAll(client.getAll(java.net.URI.create(next), 0));
                }
                for (final JsonNode value : values) {
                    final String key = chunk.requestedKey(value.path(chunk.query().field()).asText(null));
                    if (key != null) {
                        results.get(chunk.queryIndex()).computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    }
                }
            } else if (answer.status() == 400 && useIn) {
                refused.add(chunk);
            } else {
                final ErrorClass errorClass = BusinessCentralError.classify(answer.status(), answer.errorCode());
                throw new ApiException(errorClass, answer.status(), answer.errorCode(),
                        "Lookup in " + chunk.query().entitySet() + " failed: " + answer.errorMessage());
            }
        }
        if (!refused.isEmpty()) {
            inAccepted = false;
            run(refused, results, false);
        }
    }

    private String url(final Chunk chunk, final boolean useIn) {
        final LookupQuery query = chunk.query();
        final String filter = useIn ? ODataFilter.in(query.field(), chunk.keys()) : ODataFilter.anyOf(query.field(), chunk.keys());
        final StringBuilder url = new StringBuilder(BusinessCentralEndpoint.companyPath(companyId, query.entitySet()))
                .append("?$filter=").append(ODataFilter.encode(filter));
        if (query.select() != null && !query.select().isBlank()) {
            final Set<String> fields = new LinkedHashSet<>();
            for (final String field : query.select().split(",")) {
                fields.add(field.trim());
            }
            url.append("&$select=").append(ODataFilter.encode(String.join(",", fields)));
        }
        return url.toString();
    }

    private record Chunk(int queryIndex, LookupQuery query, List<String> keys) {

        /** The key as asked for: BC compares text case-insensitively, so an answer may differ in case. */
        String requestedKey(final String answered) {
            if (answered == null || keys.contains(answered)) {
                return answered;
            }
            return keys.stream().filter(k -> k.equalsIgnoreCase(answered)).findFirst().orElse(null);
        }
    }
}
