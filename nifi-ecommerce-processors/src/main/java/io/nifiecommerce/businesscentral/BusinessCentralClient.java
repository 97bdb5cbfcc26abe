package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.InlineWait;
import io.nifiecommerce.http.RetryAfter;
import io.nifiecommerce.http.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OData client for one Business Central environment. Every request passes the shared
 * {@link RequestGovernor}; 429 answers pause the governor and are retried (BC did not process
 * them); a 401 renews the token once. Reads are retried on 5xx, timeouts and I/O errors; writes are
 * NOT, because BC may have committed them before the answer was lost: the caller re-checks before
 * resending (see {@link SalesOrderSubmitter}). Thread-safe.
 */
public final class BusinessCentralClient {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final BusinessCentralEndpoint endpoint;
    private final Credentials credentials;
    private final RequestGovernor governor;
    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final AtomicLong requestCount = new AtomicLong();

    /** @param transport sends single attempts; its retry policy bounds this client's attempts */
    public BusinessCentralClient(final BusinessCentralEndpoint endpoint, final Credentials credentials, final RequestGovernor governor,
                                 final HttpTransport transport, final Duration requestTimeout) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.governor = governor;
        this.transport = transport.withRetryPolicy(RetryPolicy.NONE);
        this.retryPolicy = transport.retryPolicy();
        this.requestTimeout = requestTimeout;
    }

    public BusinessCentralEndpoint endpoint() {
        return endpoint;
    }

    public RequestGovernor governor() {
        return governor;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** HTTP requests sent to BC so far (token requests excluded, retries included). */
    public long requestCount() {
        return requestCount.get();
    }

    /** {@code GET .../companies}: id, name, displayName of each company the credentials can see. */
    public List<JsonNode> companies() {
        return getAll(endpoint.companies(), 0);
    }

    public Page getPage(final URI uri, final int maxPageSize) {
        final JsonNode body = get(uri, maxPageSize);
        final List<JsonNode> values = new ArrayList<>();
        body.path("value").forEach(values::add);
        final String next = body.path("@odata.nextLink").asText(null);
        return new Page(values, next == null || next.isBlank() ? null : next);
    }

    /** Every value of a collection, following {@code @odata.nextLink}. */
    public List<JsonNode> getAll(final URI uri, final int maxPageSize) {
        final List<JsonNode> all = new ArrayList<>();
        URI next = uri;
        while (next != null) {
            final Page page = getPage(next, maxPageSize);
            all.addAll(page.values());
            next = page.nextLink() == null ? null : URI.create(page.nextLink());
        }
        return all;
    }

    public JsonNode get(final URI uri, final int maxPageSize) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET();
        if (maxPageSize > 0) {
            builder.header("Prefer", "odata.maxpagesize=" + maxPageSize);
        }
        return exchange(builder, true);
    }

    /** A single POST (not retried on a lost answer: see the class comment). */
    public JsonNode post(final URI uri, final JsonNode body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        return exchange(builder, false);
    }

    /**
     * A single PATCH with {@code If-Match} (the entity's {@code @odata.etag}, or {@code *}): BC answers 409/412
     * {@code Request_EntityChanged} when the entity changed since it was read. Sent once, like a POST.
     */
    public JsonNode patch(final URI uri, final String etag, final JsonNode body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("If-Match", etag == null || etag.isBlank() ? "*" : etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        return exchange(builder, false);
    }

    /**
     * Sends up to 100 operations in one {@code $batch}. {@code atomic} adds {@code Isolation: snapshot}
     * (all or nothing). {@code readOnly} batches are retried like GETs; batches that write are sent once
     * (429 and 401 aside), and a transient failure is thrown for the caller to re-check.
     */
    public List<BatchResult> batch(final List<BatchOperation> operations, final boolean atomic, final boolean readOnly) {
        if (operations.isEmpty()) {
            return List.of();
        }
        if (operations.size() > 100) {
            throw new IllegalArgumentException("BC accepts at most 100 operations per $batch, got " + operations.size());
        }
        final ObjectNode request = MAPPER.createObjectNode();
        final ArrayNode requests = request.putArray("requests");
        for (final BatchOperation operation : operations) {
            final ObjectNode op = requests.addObject();
            op.put("id", operation.id());
            op.put("method", operation.method());
            op.put("url", operation.url());
            final ObjectNode headers = op.putObject("headers");
            if (operation.ifMatch() != null) {
                headers.put("If-Match", operation.ifMatch());
            }
            if (operation.body() != null) {
                headers.put("Content-Type", "application/json");
                op.set("body", operation.body());
            }
        }
        final HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.batch())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(request)));
        if (atomic) {
            builder.header("Isolation", "snapshot");
        }
        final JsonNode body = exchange(builder, readOnly);
        if (!body.path("responses").isArray()) {
            throw ApiException.unreadable(200, "A $batch answer without responses", null);
        }
        final Map<String, BatchResult> byId = new HashMap<>();
        for (final JsonNode response : body.path("responses")) {
            final String id = response.path("id").asText();
            byId.put(id, new BatchResult(id, response.path("status").asInt(), response.has("body") ? response.get("body") : MissingNode.getInstance()));
        }
        final List<BatchResult> results = new ArrayList<>(operations.size());
        for (final BatchOperation operation : operations) {
            final BatchResult result = byId.get(operation.id());
            // An operation BC did not answer for has an unknown outcome: report it as a gateway timeout so callers re-check.
            results.add(result != null ? result : new BatchResult(operation.id(), 504, MissingNode.getInstance()));
        }
        return results;
    }

    /**
     * A media stream, such as an item's {@code picture/pictureContent}: its bytes, or empty when BC has none (204, or no
     * content). Retried like any GET.
     */
    public Optional<byte[]> getMedia(final URI uri) {
        return exchange(HttpRequest.newBuilder(uri).GET(), true, "*/*", response -> {
            final int status = response.statusCode();
            if (status >= 200 && status < 300) {
                final byte[] body = response.body();
                return body == null || body.length == 0 ? Optional.<byte[]>empty() : Optional.of(body);
            }
            throw BusinessCentralError.toException(parse(response.body()), status, RetryAfter.from(response.headers()));
        });
    }

    /** Sends and reads the answer; an idempotent request is retried on transient failures, unreadable answers included. */
    private JsonNode exchange(final HttpRequest.Builder builder, final boolean idempotent) {
        return exchange(builder, idempotent, "application/json", BusinessCentralClient::readOk);
    }

    private <T> T exchange(final HttpRequest.Builder builder, final boolean idempotent, final String accept,
                           final Function<HttpResponse<byte[]>, T> reader) {
        builder.timeout(requestTimeout).header("Accept", accept);
        boolean renewedToken = false;
        ApiException last = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            if (last != null && last.status() != 429) {
                transport.pause(InlineWait.bounded(retryPolicy.delay(attempt - 1, last.retryAfter().orElse(null)), last));
            }
            final HttpRequest request = builder.copy().setHeader("Authorization", credentials.authorization()).build();
            final HttpResponse<byte[]> response;
            try (RequestGovernor.Permit ignored = governor.acquire()) {
                requestCount.incrementAndGet();
                response = transport.send(request);
            } catch (final ApiException e) {
                if (e.status() == 429) {
                    governor.throttled(e.retryAfter().orElse(null));
                    last = e;
                    continue;
                }
                if (!idempotent || !e.isTransient()) {
                    throw e;
                }
                last = e;
                continue;
            }
            if (response.statusCode() == 401 && !renewedToken) {
                renewedToken = true;
                credentials.invalidate();
                attempt--;
                continue;
            }
            governor.succeeded();
            try {
                return reader.apply(response);
            } catch (final ApiException e) {
                if (!idempotent || !e.isTransient()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static JsonNode readOk(final HttpResponse<byte[]> response) {
        final JsonNode body = parse(response.body());
        final int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (body.isMissingNode() && response.body() != null && response.body().length > 0) {
                // A cut or garbled answer must never read as "nothing found": that would create duplicates.
                throw ApiException.unreadable(status, "Unreadable answer from Business Central", null);
            }
            return body;
        }
        throw BusinessCentralError.toException(body, status, RetryAfter.from(response.headers()));
    }

    private static JsonNode parse(final byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (final IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static byte[] bytes(final JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (final IOException e) {
            throw new ApiException(ErrorClass.PERMANENT, 0, "SERIALIZATION", "Cannot serialise request body: " + e.getMessage());
        }
    }
}
