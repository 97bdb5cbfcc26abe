package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON {@code $batch} endpoint: {@code {"requests":[{"id","method","url","headers","body"}]}} in,
 * {@code {"responses":[{"id","status","headers","body"}]}} out, at most 100 operations. Without
 * {@code Isolation: snapshot} each operation succeeds or fails alone; with it the batch is one
 * transaction: the first failure rolls every change back and every response reports the failure.
 */
final class BcBatch {

    static final int MAX_OPERATIONS = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final BcApi api;
    private final BcStore store;

    /** Outcome of a batch: the HTTP response and the operations it ran, for the request counters. */
    record Outcome(BcResponse response, List<BcResponse> operations) {
    }

    /** Thrown inside the snapshot transaction to roll it back. */
    private static final class RolledBack extends RuntimeException {
        private final int failedIndex;
        private final BcResponse failure;

        RolledBack(final int failedIndex, final BcResponse failure) {
            super(null, null, false, false);
            this.failedIndex = failedIndex;
            this.failure = failure;
        }
    }

    BcBatch(final BcApi api, final BcStore store) {
        this.api = api;
        this.store = store;
    }

    /** Counts the operations of a batch body (0 when it is not a batch), before running it. */
    static int operationCount(final JsonNode body) {
        final JsonNode requests = body == null ? null : body.get("requests");
        return requests != null && requests.isArray() ? requests.size() : 0;
    }

    Outcome run(final BcOperation batch) {
        final JsonNode requests = batch.body() == null ? null : batch.body().get("requests");
        if (requests == null || !requests.isArray()) {
            return new Outcome(BcApi.error(BcApiError.badRequest("The batch request body must be a JSON object with a 'requests' array."),
                    "$batch"), List.of());
        }
        if (requests.size() > MAX_OPERATIONS) {
            return new Outcome(BcApi.error(BcApiError.badRequest("The batch request contains " + requests.size()
                    + " operations, but the maximum is " + MAX_OPERATIONS + "."), "$batch"), List.of());
        }
        final List<BcOperation> operations = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        for (final JsonNode request : requests) {
            ids.add(request.path("id").asText(String.valueOf(ids.size() + 1)));
            operations.add(operation(batch, request));
        }
        final boolean snapshot = "snapshot".equalsIgnoreCase(batch.header("Isolation"));
        final List<BcResponse> results = snapshot ? atomically(operations) : independently(operations);
        final ObjectNode body = NODES.objectNode();
        final ArrayNode responses = body.putArray("responses");
        for (int i = 0; i < results.size(); i++) {
            final BcResponse result = results.get(i);
            final ObjectNode item = responses.addObject();
            item.put("id", ids.get(i));
            item.put("status", result.status());
            final ObjectNode headers = item.putObject("headers");
            if (result.body() != null) {
                headers.put("content-type", "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8");
            }
            result.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
            if (result.body() != null) {
                item.set("body", result.body());
            }
        }
        return new Outcome(new BcResponse(200, Map.of(), body, "$batch"), results);
    }

    private List<BcResponse> independently(final List<BcOperation> operations) {
        final List<BcResponse> results = new ArrayList<>();
        for (final BcOperation operation : operations) {
            results.add(operation == null ? invalid() : api.execute(operation));
        }
        return results;
    }

    private List<BcResponse> atomically(final List<BcOperation> operations) {
        try {
            return store.transaction(() -> {
                final List<BcResponse> results = new ArrayList<>();
                for (int i = 0; i < operations.size(); i++) {
                    final BcResponse result = operations.get(i) == null ? invalid() : api.execute(operations.get(i));
                    if (result.failed()) {
                        throw new RolledBack(i, result);
                    }
                    results.add(result);
                }
                return results;
            });
        } catch (final RolledBack rolledBack) {
            final List<BcResponse> results = new ArrayList<>();
            final String failedMessage = rolledBack.failure.body().path("error").path("message").asText();
            final String failedCode = rolledBack.failure.body().path("error").path("code").asText();
            for (int i = 0; i < operations.size(); i++) {
                final String set = operations.get(i) == null ? "$batch" : ResourcePath.parse(operations.get(i).apiPath()).lastEntitySet();
                if (i == rolledBack.failedIndex) {
                    results.add(rolledBack.failure);
                } else {
                    results.add(BcApi.error(new BcApiError(rolledBack.failure.status(), failedCode, "The batch was rolled back because operation "
                            + (rolledBack.failedIndex + 1) + " failed: " + failedMessage), set));
                }
            }
            return results;
        }
    }

    private static BcResponse invalid() {
        return BcApi.error(BcApiError.badRequest("Each batch request must have a 'method' and a 'url'; nested $batch is not supported."), "$batch");
    }

    /** The operation of one batch item, its URL resolved against the batch's API root; null when invalid. */
    private static BcOperation operation(final BcOperation batch, final JsonNode request) {
        final String method = request.path("method").asText("").toUpperCase(Locale.ROOT);
        final String url = request.path("url").asText("");
        if (method.isEmpty() || url.isEmpty()) {
            return null;
        }
        final String path;
        String query = null;
        final String rootPath = URI.create(batch.apiRoot()).getRawPath();
        String relative = url;
        if (url.startsWith("http://") || url.startsWith("https://")) {
            final URI uri = URI.create(url);
            relative = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        if (relative.startsWith("/")) {
            if (!relative.startsWith(rootPath)) {
                return null;
            }
            relative = relative.substring(rootPath.length());
        }
        final int question = relative.indexOf('?');
        if (question >= 0) {
            query = relative.substring(question + 1);
            relative = relative.substring(0, question);
        }
        path = URLDecoder.decode(relative.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.contains("$batch")) {
            return null;
        }
        final Map<String, String> headers = new LinkedHashMap<>();
        final JsonNode requestHeaders = request.path("headers");
        final Iterator<Map.Entry<String, JsonNode>> fields = requestHeaders.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> header = fields.next();
            headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText());
        }
        final JsonNode body = request.get("body");
        return new BcOperation(method, path, batch.route(), query, headers, body == null || body.isNull() ? null : body, batch.apiRoot());
    }
}
