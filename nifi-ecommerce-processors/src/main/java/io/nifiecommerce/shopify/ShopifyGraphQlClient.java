package io.nifiecommerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.InlineWait;
import io.nifiecommerce.http.RetryAfter;
import io.nifiecommerce.http.RetryPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends GraphQL documents to one shop's Admin API. Paces itself on the shop's shared
 * {@link CostBudget}, retries THROTTLED answers (HTTP 200 or 429), 5xx and I/O errors within the
 * retry policy, renews the token once on 401, and turns GraphQL {@code errors} into
 * {@link ApiException}s with Shopify's error code. Mutation {@code userErrors} are data, left to the
 * caller. Thread-safe.
 */
public final class ShopifyGraphQlClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double DEFAULT_EXPECTED_COST = 10;

    private final ShopifyEndpoint endpoint;
    private final AccessTokenSource tokens;
    private final CostBudget budget;
    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final HttpClient downloadClient;
    private final Map<String, Double> lastRequestedCost = new ConcurrentHashMap<>();
    private final AtomicReference<String> servedApiVersion = new AtomicReference<>();

    /**
     * @param transport sends requests; its retry policy bounds this client's attempts, THROTTLED answers included
     */
    public ShopifyGraphQlClient(final ShopifyEndpoint endpoint, final AccessTokenSource tokens, final CostBudget budget,
                                final HttpTransport transport, final Duration requestTimeout) {
        this(endpoint, tokens, budget, transport, requestTimeout, null);
    }

    /**
     * @param downloadClient the client (proxy, TLS) that streams bulk operation results; null for a default one
     */
    public ShopifyGraphQlClient(final ShopifyEndpoint endpoint, final AccessTokenSource tokens, final CostBudget budget,
                                final HttpTransport transport, final Duration requestTimeout, final HttpClient downloadClient) {
        this.downloadClient = downloadClient;
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.budget = budget;
        this.transport = transport.withRetryPolicy(RetryPolicy.NONE);
        this.retryPolicy = transport.retryPolicy();
        this.requestTimeout = requestTimeout;
    }

    public ShopifyEndpoint endpoint() {
        return endpoint;
    }

    public CostBudget budget() {
        return budget;
    }

    /** The version Shopify last said it served (X-Shopify-API-Version), null before the first call. */
    public String servedApiVersion() {
        return servedApiVersion.get();
    }

    /** The requestedQueryCost Shopify last reported for a document, null before it was sent. */
    public Double lastRequestedCost(final String document) {
        return lastRequestedCost.get(document);
    }

    /**
     * Streams a file Shopify generated (a bulk operation's JSONL result at a signed URL). The URL
     * carries its own signature: no access token is sent. The caller closes the stream. Transient
     * failures (5xx, I/O) before the body starts are retried within the retry policy.
     */
    public InputStream download(final URI url) {
        final HttpClient client = downloadClient != null ? downloadClient : HttpClientFactory.create(Duration.ofSeconds(30));
        final HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        ApiException last = null;
        for (int attempt = 1; attempt <= retryPolicy.maxAttempts(); attempt++) {
            if (last != null) {
                transport.pause(InlineWait.bounded(retryPolicy.delay(attempt - 1, last.retryAfter().orElse(null)), last));
            }
            try {
                final HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                final int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                response.body().close();
                final ErrorClass errorClass = HttpTransport.isTransientStatus(status) ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT;
                last = new ApiException(errorClass, status, "HTTP_" + status, "HTTP " + status + " downloading a bulk operation result",
                        RetryAfter.from(response.headers()), null);
                if (errorClass != ErrorClass.TRANSIENT) {
                    throw last;
                }
            } catch (final IOException e) {
                last = new ApiException(ErrorClass.TRANSIENT, 0, "IO_ERROR", "I/O error downloading a bulk operation result", null, e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorClass.TRANSIENT, 0, "INTERRUPTED", "Interrupted downloading a bulk operation result", null, e);
            }
        }
        throw last;
    }

    public GraphQlResponse execute(final String document, final Map<String, Object> variables) {
        return execute(document, variables, false);
    }

    /**
     * Like {@link #execute}, for a mutation that is not idempotent: only failures proving the mutation
     * was not applied are retried (THROTTLED, HTTP 429). After a 5xx, a timeout or a broken connection
     * the mutation may have been applied, so the failure is thrown at once for the caller to check
     * before sending it again.
     */
    public GraphQlResponse executeMutation(final String document, final Map<String, Object> variables) {
        return execute(document, variables, true);
    }

    private GraphQlResponse execute(final String document, final Map<String, Object> variables, final boolean notAppliedOnly) {
        final byte[] body = requestBody(document, variables);
        final RetryPolicy policy = retryPolicy;
        boolean tokenRenewed = false;
        ApiException last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            if (last != null) {
                transport.pause(InlineWait.bounded(policy.delay(attempt - 1, last.retryAfter().orElse(null)), last));
            }
            final CostBudget.Reservation reservation = budget.reserve(lastRequestedCost.getOrDefault(document, DEFAULT_EXPECTED_COST));
            try {
                waitFor(reservation);
                final HttpResponse<byte[]> response;
                try {
                    response = sendOnce(body);
                } catch (final ApiException e) {
                    if (!e.isTransient() || notAppliedOnly && !provesNotApplied(e)) {
                        throw e;
                    }
                    last = e;
                    continue;
                }
                final int status = response.statusCode();
                response.headers().firstValue("X-Shopify-API-Version").ifPresent(servedApiVersion::set);
                if (status == 401 && tokens.renewable() && !tokenRenewed) {
                    tokens.invalidate();
                    tokenRenewed = true;
                    attempt--;
                    continue;
                }
                try {
                    return interpret(document, response, reservation);
                } catch (final ApiException e) {
                    if (!e.isTransient() || notAppliedOnly && !provesNotApplied(e)) {
                        throw e;
                    }
                    last = e;
                }
            } finally {
                // no answer with a cost (not sent, failed, unreadable): end the reservation; after an observed answer, nothing
                budget.release(reservation);
            }
        }
        throw last;
    }

    /** Sleeps the reservation's wait, or cancels it (the request is not sent) when it is too long to sleep in place. */
    private void waitFor(final CostBudget.Reservation reservation) {
        final Duration wait;
        try {
            wait = InlineWait.bounded(reservation.delay(), "THROTTLED", "The shop's query cost budget is spent");
        } catch (final ApiException tooLong) {
            budget.cancel(reservation);
            throw tooLong;
        }
        transport.pause(wait);
    }

    private static boolean provesNotApplied(final ApiException e) {
        return "THROTTLED".equals(e.code()) || e.status() == 429;
    }

    private HttpResponse<byte[]> sendOnce(final byte[] body) {
        final HttpRequest request = HttpRequest.newBuilder(endpoint.graphQlUri())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Shopify-Access-Token", tokens.accessToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return transport.send(request);
    }

    private GraphQlResponse interpret(final String document, final HttpResponse<byte[]> response, final CostBudget.Reservation reservation) {
        final int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ApiException(ErrorClass.AUTHENTICATION, status, "HTTP_" + status,
                    "Shopify refused the access token for " + endpoint.baseUrl() + " (HTTP " + status + ")");
        }
        final JsonNode root;
        try {
            root = MAPPER.readTree(response.body());
        } catch (final IOException e) {
            throw ApiException.unreadable(status, "Shopify answered HTTP " + status + " with a body that is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw ApiException.unreadable(status, "Shopify answered HTTP " + status + " without a JSON object", null);
        }
        final QueryCost cost = QueryCost.from(root.get("extensions"));
        budget.observe(cost, reservation);
        if (cost != null && cost.requestedQueryCost() > 0) {
            lastRequestedCost.put(document, cost.requestedQueryCost());
        }
        final JsonNode errors = root.get("errors");
        if (errors != null && !errors.isEmpty()) {
            throw errorFrom(status, errors, cost);
        }
        if (status >= 400) {
            throw new ApiException(ErrorClass.PERMANENT, status, "HTTP_" + status, "Shopify answered HTTP " + status);
        }
        final JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw ApiException.unreadable(status, "Shopify answered without data", null);
        }
        return new GraphQlResponse(data, cost, servedApiVersion.get());
    }

    private ApiException errorFrom(final int status, final JsonNode errors, final QueryCost cost) {
        final JsonNode first = errors.isArray() ? errors.get(0) : errors;
        final String code = first.path("extensions").path("code").asText(errors.isTextual() ? "ERROR" : "GRAPHQL_ERROR");
        final String message = first.isTextual() ? first.asText() : first.path("message").asText("GraphQL error");
        return switch (code) {
            case "THROTTLED" -> new ApiException(ErrorClass.TRANSIENT, status, code, "Shopify throttled the query",
                    cost == null ? null : budget.timeUntil(cost.requestedQueryCost()), null);
            case "INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE" -> new ApiException(ErrorClass.TRANSIENT, status, code, message);
            case "ACCESS_DENIED" -> new ApiException(ErrorClass.AUTHENTICATION, status, code, message);
            default -> new ApiException(ErrorClass.PERMANENT, status, code, message);
        };
    }

    private static byte[] requestBody(final String document, final Map<String, Object> variables) {
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("query", document);
        if (variables != null && !variables.isEmpty()) {
            body.set("variables", MAPPER.valueToTree(variables));
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (final IOException e) {
            throw new IllegalArgumentException("GraphQL variables cannot be written as JSON", e);
        }
    }
}
