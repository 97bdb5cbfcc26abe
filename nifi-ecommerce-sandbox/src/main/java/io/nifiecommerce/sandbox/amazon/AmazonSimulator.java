package io.nifiecommerce.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.Fault;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.shopify.HttpReplies;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One selling partner's view of the Selling Partner API and of Login with Amazon: {@code POST /auth/o2/token}
 * (refresh token for an access token), then SP-API operations authenticated by the {@code x-amz-access-token}
 * header, each with its own usage plan (a token bucket; 429 QuotaExceeded when empty, {@code x-amzn-RateLimit-Limit}
 * on every answer), the sandbox's injected faults, and SP-API's error body {@code {"errors": [...]}}.
 * <p>
 * Operations are routes ({@link #route}): the Orders API v0 ({@link OrdersApi}) and the Reports API 2021-06-30
 * ({@link ReportsApi}, with the pre-signed URLs of its documents).
 */
public final class AmazonSimulator {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Serves one SP-API call whose path matched a route; throws {@link AmazonApiError} for an error answer. */
    @FunctionalInterface
    public interface Operation {
        void serve(Call call) throws IOException;
    }

    /** One call being served: its path match (groups of the route's pattern) and decoded query parameters. */
    public record Call(HttpExchange exchange, Matcher path, Map<String, String> query, boolean loseAnswer) {

        /**
         * 204 without a body, as SP-API's write operations answer; when the call's answer is to be lost (the sandbox's
         * faults after commit, or {@code FaultInjector.loseNextAnswer}), the write is done and the connection dropped
         * instead, as when a network cut follows the server's commit.
         */
        public void noContent() throws IOException {
            if (loseAnswer) {
                throw new HttpReplies.ConnectionDrop();
            }
            exchange.sendResponseHeaders(204, -1);
        }

        /** The request's JSON body; InvalidInput when it is not a JSON object. */
        public JsonNode body() throws IOException {
            try {
                final JsonNode body = MAPPER.readTree(exchange.getRequestBody());
                if (body == null || !body.isObject()) {
                    throw AmazonApiError.invalidInput("The request body is not a JSON object.");
                }
                return body;
            } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
                throw AmazonApiError.invalidInput("The request body is not valid JSON.");
            }
        }

        /** 200 with SP-API's envelope {@code {"payload": ...}}. */
        public void payload(final JsonNode payload) throws IOException {
            final ObjectNode body = MAPPER.createObjectNode();
            body.set("payload", payload);
            HttpReplies.json(exchange, 200, body);
        }
    }

    private record Route(String method, Pattern path, String operation, UsagePlan.Bucket bucket, Operation handler) {
    }

    private final LoginWithAmazon login;
    private final Clock clock;
    private final FaultInjector faults;
    private final AmazonSeller seller;
    private final OrdersApi orders;
    private final ReportsApi reports;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, Long> calls = new LinkedHashMap<>();

    /**
     * @param rateFactor how much faster than Amazon's default usage plans the buckets refill (1 = as documented)
     * @param faults the sandbox's injected failures, or null for none
     */
    public AmazonSimulator(final AmazonSeller seller, final LoginWithAmazon login, final double rateFactor, final FaultInjector faults) {
        this.seller = seller;
        this.login = login;
        this.clock = seller.clock();
        this.faults = faults;
        this.orders = new OrdersApi(seller, clock);
        orders.register(this, rateFactor);
        this.reports = new ReportsApi(clock);
        reports.register(this, rateFactor);
    }

    /** The Reports API 2021-06-30: where tests and the sandbox publish the reports Amazon generates (settlements). */
    public ReportsApi reports() {
        return reports;
    }

    /** How many items a getOrderItems page holds (Amazon does not document it; 10 by default), so that tests can page. */
    public void orderItemsPerPage(final int size) {
        orders.itemsPerPage(size);
    }

    public AmazonSeller seller() {
        return seller;
    }

    public LoginWithAmazon login() {
        return login;
    }

    /** Adds an operation: {@code pathPattern} is matched against the whole path (e.g. {@code /orders/v0/orders/([^/]+)/orderItems}). */
    public void route(final String method, final String pathPattern, final String operation, final UsagePlan plan, final Operation handler) {
        routes.add(new Route(method, Pattern.compile(pathPattern), operation, plan.bucket(clock), handler));
    }

    /** Calls served per operation (getOrders, getOrderItems...), throttled and refused ones included. */
    public synchronized Map<String, Long> calls() {
        return Map.copyOf(calls);
    }

    /** Serves LWA and SP-API under {@code prefix} (e.g. {@code /amazon}) of a server. */
    public void mount(final HttpServer server, final String prefix) {
        server.createContext(prefix + "/", exchange -> {
            try {
                handle(exchange, exchange.getRequestURI().getPath().substring(prefix.length()));
            } catch (final HttpReplies.ConnectionDrop drop) {
                throw drop;
            } finally {
                exchange.close();
            }
        });
    }

    /** A server of its own on a free loopback port, for tests; stop it when done. */
    public HttpServer serve() throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        mount(server, "");
        server.start();
        return server;
    }

    /** Serves one exchange whose path starts after the mount prefix. */
    public void handle(final HttpExchange exchange, final String path) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (path.equals("/auth/o2/token")) {
            token(exchange);
            return;
        }
        if (path.startsWith(ReportsApi.DOCUMENTS_PATH)) {
            reports.download(exchange, path.substring(ReportsApi.DOCUMENTS_PATH.length()), query(exchange.getRequestURI()));
            return;
        }
        for (final Route route : routes) {
            final Matcher matcher = route.path().matcher(path);
            if (route.method().equals(exchange.getRequestMethod()) && matcher.matches()) {
                serve(exchange, route, matcher);
                return;
            }
        }
        error(exchange, AmazonApiError.notFound("Resource " + path + " is not found."));
    }

    private void serve(final HttpExchange exchange, final Route route, final Matcher matcher) throws IOException {
        synchronized (this) {
            calls.merge(route.operation(), 1L, Long::sum);
        }
        exchange.getResponseHeaders().set("x-amzn-RateLimit-Limit", route.bucket().plan().header());
        try {
            login.check(exchange.getRequestHeaders().getFirst("x-amz-access-token"));
            if (!route.bucket().take()) {
                throw AmazonApiError.quotaExceeded();
            }
            boolean loseAnswer = false;
            if (faults != null) {
                final boolean write = !route.method().equals("GET");
                final var fault = faults.draw();
                if (write && (faults.takeLostAnswer(exchange.getRequestURI().getPath())
                        || fault.isPresent() && fault.get() != Fault.THROTTLE && faults.afterCommit())) {
                    // a write whose answer is lost: done, then the connection drops
                    loseAnswer = true;
                } else if (fault.isPresent()) {
                    // a write answers 204 without a body: there is no body to cut, the fault is a server error
                    HttpReplies.fail(exchange, write && fault.get() == Fault.MALFORMED_BODY ? Fault.SERVER_ERROR : fault.get(),
                            faults.latency(), null);
                    return;
                }
            }
            route.handler().serve(new Call(exchange, matcher, query(exchange.getRequestURI()), loseAnswer));
        } catch (final AmazonApiError e) {
            error(exchange, e);
        }
    }

    private void token(final HttpExchange exchange) throws IOException {
        synchronized (this) {
            calls.merge("lwaToken", 1L, Long::sum);
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            HttpReplies.json(exchange, 405, Map.of("error", "invalid_request", "error_description", "POST only"));
            return;
        }
        final String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        final LoginWithAmazon.Answer answer = login.exchange(decode(form));
        HttpReplies.json(exchange, answer.status(), answer.body());
    }

    static void error(final HttpExchange exchange, final AmazonApiError e) throws IOException {
        final ObjectNode body = MAPPER.createObjectNode();
        body.putArray("errors").addObject().put("code", e.code()).put("message", e.getMessage()).put("details", e.details());
        HttpReplies.json(exchange, e.status(), body);
    }

    private static Map<String, String> query(final URI uri) {
        return uri.getRawQuery() == null ? new HashMap<>() : decode(uri.getRawQuery());
    }

    private static Map<String, String> decode(final String encoded) {
        final Map<String, String> values = new HashMap<>();
        final List<String> pairs = new ArrayList<>(List.of(encoded.split("&")));
        for (final String pair : pairs) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
