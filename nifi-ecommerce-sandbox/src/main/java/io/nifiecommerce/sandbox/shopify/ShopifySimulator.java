package io.nifiecommerce.sandbox.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.nifiecommerce.sandbox.Fault;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.SandboxStats;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated shop's Admin API over HTTP: {@code POST <prefix>/admin/api/<version>/graphql.json}
 * and {@code POST <prefix>/admin/oauth/access_token}. Per request: latency, fault draw, token check,
 * version fall-forward, cached parse and validation against the version's SDL, cost and leaky
 * bucket, execution, {@code extensions.cost}.
 */
public final class ShopifySimulator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    private final Shop shop;
    private final ShopOperations operations;
    private final ShopGraph graph;
    private final AccessTokens tokens;
    private final SandboxStats stats;
    private final FaultInjector faults;
    private final Map<String, LeakyBucket> buckets = new ConcurrentHashMap<>();
    private volatile RateLimit rateLimit;

    public ShopifySimulator(final Shop shop, final ShopOperations operations, final AccessTokens tokens, final RateLimit rateLimit,
                            final SandboxStats stats, final FaultInjector faults) {
        this.shop = shop;
        this.operations = operations;
        this.graph = new ShopGraph(shop);
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.stats = stats;
        this.faults = faults;
    }

    public Shop shop() {
        return shop;
    }

    public ShopOperations operations() {
        return operations;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** New limits apply to buckets created from now on; existing buckets are dropped (full again). */
    public void rateLimit(final RateLimit newLimit) {
        this.rateLimit = newLimit;
        buckets.clear();
    }

    /** The bucket of a token (one per app and shop, as Shopify keeps it). */
    public LeakyBucket bucket(final String token) {
        return buckets.computeIfAbsent(token, t -> new LeakyBucket(rateLimit.bucketSize(), rateLimit.restoreRate()));
    }

    public void resetBuckets() {
        buckets.clear();
    }

    /** Serves a request whose path (prefix removed) starts with /admin/. */
    public void handle(final HttpExchange exchange, final String path) throws IOException {
        final Duration latency = faults.latency();
        if (!latency.isZero()) {
            sleep(latency);
        }
        if (path.equals("/admin/oauth/access_token")) {
            accessToken(exchange);
            return;
        }
        final String[] parts = path.split("/");
        // ["", "admin", "api", "<version>", "graphql.json"]
        if (parts.length != 5 || !parts[1].equals("admin") || !parts[2].equals("api") || !parts[4].equals("graphql.json")) {
            HttpReplies.json(exchange, 404, Map.of("errors", "Not Found"));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            HttpReplies.json(exchange, 405, Map.of("errors", "Method Not Allowed"));
            return;
        }
        graphql(exchange, parts[3]);
    }

    private void graphql(final HttpExchange exchange, final String requestedVersion) throws IOException {
        final String version = ShopifySchemas.resolve(requestedVersion);
        exchange.getResponseHeaders().set("X-Shopify-API-Version", version);
        final String token = exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token");
        final Optional<Fault> fault = faults.draw();
        if (!tokens.valid(token)) {
            stats.increment("shopify.unauthorized");
            HttpReplies.json(exchange, 401, Map.of("errors", INVALID_TOKEN));
            return;
        }
        final Map<String, Object> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = MAPPER.readValue(in, Map.class);
        } catch (final IOException | RuntimeException e) {
            HttpReplies.json(exchange, 400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
            return;
        }
        if (!(body.get("query") instanceof String query) || query.isBlank()) {
            HttpReplies.json(exchange, 400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
            return;
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> variables = body.get("variables") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        final String operationName = body.get("operationName") instanceof String name ? name : null;
        final ShopifySchemas.ApiVersion api = ShopifySchemas.version(version);
        final DocumentCache.Entry entry = api.documents().get(query);
        final LeakyBucket bucket = bucket(token);
        if (!entry.errors().isEmpty()) {
            stats.increment("shopify.invalidQueries");
            final OperationDefinition operation = entry.document() == null ? null : operation(entry, operationName);
            final String label = operation == null ? "query" : operation.getOperation().name().toLowerCase(java.util.Locale.ROOT)
                    + (operation.getName() == null ? "" : " " + operation.getName());
            final List<Map<String, Object>> errors = entry.errors().stream().map(e -> ShopifyErrors.toShopify(e, label)).toList();
            final Map<String, Object> response = new LinkedHashMap<>();
            response.put("errors", errors);
            HttpReplies.json(exchange, 200, response);
            return;
        }
        final OperationDefinition operation = operation(entry, operationName);
        if (operation == null) {
            HttpReplies.json(exchange, 200, Map.of("errors", List.of(Map.of("message",
                    operationName == null ? "An operation name is required" : "No operation named \"" + operationName + "\""))));
            return;
        }
        if (fault.isPresent() && fault.get() != Fault.THROTTLE && fault.get() != Fault.MALFORMED_BODY
                && !(operation.getOperation() == OperationDefinition.Operation.MUTATION && faults.afterCommit())) {
            HttpReplies.fail(exchange, fault.get(), faults.plan().timeoutHold(), null);
            return;
        }
        final List<String> rootFields = rootFields(operation);
        rootFields.forEach(field -> stats.increment("shopify.requests." + field));
        stats.increment("shopify.graphqlRequests");
        final Map<String, Object> variableProblem = VariableCheck.problem(api.schema(), operation, variables);
        if (variableProblem != null) {
            HttpReplies.json(exchange, 200, Map.of("errors", List.of(variableProblem)));
            return;
        }
        final int requested = QueryCost.requested(api.schema(), entry.document(), operation, variables);
        if (requested > rateLimit.maxQueryCost()) {
            stats.increment("shopify.maxCostExceeded");
            HttpReplies.json(exchange, 200, maxCostExceeded(requested, bucket));
            return;
        }
        final boolean injected = fault.isPresent() && fault.get() == Fault.THROTTLE;
        if (injected || !bucket.tryTake(requested)) {
            stats.increment("shopify.throttled");
            if (!injected) {
                stats.increment("shopify.throttled.bucket"); // the shop's quota, apart from the injected faults
            }
            if (rateLimit.throttleStatus() == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            HttpReplies.json(exchange, rateLimit.throttleStatus(), throttled(requested, bucket));
            return;
        }
        final RequestContext context = new RequestContext(shop, graph, operations, stats, false, version, tokens.scope());
        final ExecutionInput input = ExecutionInput.newExecutionInput().query(query).operationName(operationName).variables(variables)
                .graphQLContext(Map.of(RequestContext.class, context)).build();
        final ExecutionResult result = api.graphql().execute(input);
        final Map<String, Object> data = result.getData();
        final int actual = Math.min(requested, QueryCost.actual(api.schema(), entry.document(), operation, variables, data));
        bucket.refund(requested - actual);
        stats.add("shopify.cost.spent", actual);
        final Map<String, Object> response = new LinkedHashMap<>();
        if (!result.getErrors().isEmpty()) {
            response.put("errors", result.getErrors().stream().map(GraphQLError::toSpecification).toList());
        }
        if (result.isDataPresent()) {
            response.put("data", data);
        }
        response.put("extensions", Map.of("cost", cost(requested, actual, bucket)));
        if (fault.isPresent() && fault.get() != Fault.THROTTLE) {
            // The request ran; its answer is lost or garbled (for a mutation: the lost acknowledgement).
            HttpReplies.fail(exchange, fault.get(), faults.plan().timeoutHold(), MAPPER.writeValueAsBytes(response));
            return;
        }
        HttpReplies.json(exchange, 200, response);
    }

    private static OperationDefinition operation(final DocumentCache.Entry entry, final String operationName) {
        final List<OperationDefinition> operations = entry.document().getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        return operations.stream().filter(op -> operationName.equals(op.getName())).findFirst().orElse(null);
    }

    private static List<String> rootFields(final OperationDefinition operation) {
        final List<String> fields = new ArrayList<>();
        for (final Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (selection instanceof Field field && !field.getName().startsWith("__")) {
                fields.add(field.getName());
            }
        }
        return fields;
    }

    private Map<String, Object> cost(final int requested, final Integer actual, final LeakyBucket bucket) {
        final Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        final Map<String, Object> status = new LinkedHashMap<>();
        status.put("maximumAvailable", bucket.capacity());
        status.put("currentlyAvailable", bucket.currentlyAvailable());
        status.put("restoreRate", bucket.restoreRate());
        cost.put("throttleStatus", status);
        return cost;
    }

    private Map<String, Object> throttled(final int requested, final LeakyBucket bucket) {
        final Map<String, Object> response = new LinkedHashMap<>();
        response.put("errors", List.of(Map.of("message", "Throttled", "extensions",
                Map.of("code", "THROTTLED", "documentation", "https://shopify.dev/api/usage/rate-limits"))));
        response.put("extensions", Map.of("cost", cost(requested, null, bucket)));
        return response;
    }

    private Map<String, Object> maxCostExceeded(final int requested, final LeakyBucket bucket) {
        final Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "MAX_COST_EXCEEDED");
        extensions.put("cost", requested);
        extensions.put("maxCost", rateLimit.maxQueryCost());
        extensions.put("documentation", "https://shopify.dev/api/usage/rate-limits");
        final Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "Query cost is " + requested + ", which exceeds the single query max cost limit (" + rateLimit.maxQueryCost()
                + ").\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
                + "cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
                + "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n");
        error.put("extensions", extensions);
        final Map<String, Object> response = new LinkedHashMap<>();
        response.put("errors", List.of(error));
        response.put("extensions", Map.of("cost", cost(requested, null, bucket)));
        return response;
    }

    private void accessToken(final HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            HttpReplies.json(exchange, 405, Map.of("errors", "Method Not Allowed"));
            return;
        }
        final String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        final Map<String, String> form = new HashMap<>();
        final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/json")) {
            MAPPER.readValue(text, Map.class).forEach((key, value) -> form.put(String.valueOf(key), String.valueOf(value)));
        } else {
            for (final String pair : text.split("&")) {
                final int equals = pair.indexOf('=');
                if (equals > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        stats.increment("shopify.requests.accessToken");
        if (!"client_credentials".equals(form.get("grant_type"))) {
            HttpReplies.json(exchange, 400, Map.of("error", "unsupported_grant_type",
                    "error_description", "The grant type must be client_credentials."));
            return;
        }
        final Optional<String> token = tokens.issue(form.get("client_id"), form.get("client_secret"));
        if (token.isEmpty()) {
            HttpReplies.json(exchange, 400, Map.of("error", "invalid_client",
                    "error_description", "Client authentication failed: unknown client or wrong secret."));
            return;
        }
        final Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", token.get());
        response.put("scope", tokens.scope());
        response.put("expires_in", tokens.lifetime().toSeconds());
        HttpReplies.json(exchange, 200, response);
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String json(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
