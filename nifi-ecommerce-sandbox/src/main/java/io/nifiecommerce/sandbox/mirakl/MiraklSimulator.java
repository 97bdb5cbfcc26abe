package io.nifiecommerce.sandbox.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The seller API of one Mirakl marketplace (Mirakl Marketplace Platform, {@code /api/...}), for one shop:
 * OR11 list orders (offset pagination, {@code max} up to 100), OR21 accept or refuse lines, OR23 tracking, OR24 ship,
 * IV01 accounting documents (offset pagination), TL02 transaction lines (seek pagination with {@code page_token},
 * {@code limit} up to 2000). The API key goes in the Authorization header as is; a caller over its call budget gets
 * 429 with Retry-After. Shapes follow Mirakl's seller OpenAPI (developer.mirakl.com, mmp/rest/seller/openapi3).
 */
public final class MiraklSimulator {

    static final int OR11_MAX_PAGE = 100;
    static final int TL02_MAX_LIMIT = 2000;
    /** OR11: "Mirakl will subtract a time delta [from start_update_date] to ensure no orders are missed". */
    static final Duration UPDATE_DATE_DELTA = Duration.ofMinutes(1);

    private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final MiraklShop shop;
    private final String apiKey;
    private final MiraklCallBudget budget;
    private final FaultInjector faults;
    private final Map<String, Long> calls = new LinkedHashMap<>();

    /**
     * @param callsPerSecond the call budget of the key, counted in real time whatever the shop's clock
     * @param faults the sandbox's injected failures, or null for none
     */
    public MiraklSimulator(final MiraklShop shop, final String apiKey, final int callsPerSecond, final FaultInjector faults) {
        this.shop = shop;
        this.apiKey = apiKey;
        this.budget = new MiraklCallBudget(callsPerSecond, Duration.ofSeconds(1), java.time.Clock.systemUTC());
        this.faults = faults;
    }

    public MiraklShop shop() {
        return shop;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Calls served per operation code (OR11, OR21...), throttled ones included, for tests and stats. */
    public synchronized Map<String, Long> calls() {
        return Map.copyOf(calls);
    }

    /** Serves the API under {@code prefix} (e.g. {@code /mirakl/carrefour}) of a server. */
    public void mount(final HttpServer server, final String prefix) {
        server.createContext(prefix + "/api/", exchange -> {
            try {
                handle(exchange, exchange.getRequestURI().getPath().substring(prefix.length()));
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

    /** Serves one exchange whose path starts at {@code /api/}. */
    public void handle(final HttpExchange exchange, final String path) throws IOException {
        final String operation = operation(exchange.getRequestMethod(), path);
        synchronized (this) {
            calls.merge(operation, 1L, Long::sum);
        }
        if (!apiKey.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, new MiraklApiError(401, "UNAUTHORIZED", "Unauthorized"));
            return;
        }
        final Long retryAfter = budget.take();
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
            error(exchange, new MiraklApiError(429, "TOO_MANY_REQUESTS", "Too many requests"));
            return;
        }
        if (faults != null) {
            final var fault = faults.draw();
            if (fault.isPresent()) {
                // OR21, OR23 and OR24 answer 204 without a body: a 200 with a cut body would tell the seller the write was
                // done when it was not (53 orders left waiting acceptance in a 10,000-order run), so there it is a server error
                final boolean write = !exchange.getRequestMethod().equals("GET");
                HttpReplies.fail(exchange, write && fault.get() == Fault.MALFORMED_BODY ? Fault.SERVER_ERROR : fault.get(), faults.latency(), null);
                return;
            }
        }
        try {
            final Map<String, String> query = query(exchange.getRequestURI());
            switch (operation) {
                case "OR11" -> listOrders(exchange, query);
                case "OR21" -> {
                    shop.accept(orderId(path), decisions(body(exchange)));
                    HttpReplies.bytes(exchange, 204, "application/json", new byte[0]);
                }
                case "OR23" -> {
                    shop.tracking(orderId(path), body(exchange));
                    HttpReplies.bytes(exchange, 204, "application/json", new byte[0]);
                }
                case "OR24" -> {
                    shop.ship(orderId(path));
                    HttpReplies.bytes(exchange, 204, "application/json", new byte[0]);
                }
                case "IV01" -> listDocuments(exchange, query);
                case "TL02" -> listTransactions(exchange, query);
                default -> error(exchange, new MiraklApiError(404, "NOT_FOUND", "No API at " + exchange.getRequestMethod() + " " + path));
            }
        } catch (final MiraklApiError e) {
            error(exchange, e);
        }
    }

    private static String operation(final String method, final String path) {
        if (method.equals("GET") && path.equals("/api/orders")) {
            return "OR11";
        }
        if (method.equals("PUT") && path.startsWith("/api/orders/")) {
            if (path.endsWith("/accept")) {
                return "OR21";
            }
            if (path.endsWith("/tracking")) {
                return "OR23";
            }
            if (path.endsWith("/ship")) {
                return "OR24";
            }
        }
        if (method.equals("GET") && path.equals("/api/invoices")) {
            return "IV01";
        }
        if (method.equals("GET") && path.equals("/api/sellerpayment/transactions_logs")) {
            return "TL02";
        }
        return "UNKNOWN";
    }

    private void listOrders(final HttpExchange exchange, final Map<String, String> query) throws IOException {
        final Set<String> ids = csv(query.get("order_ids"));
        final Set<String> states = csv(query.get("order_state_codes"));
        final Instant startUpdate = date(query, "start_update_date");
        final Instant from = startUpdate == null ? null : startUpdate.minus(UPDATE_DATE_DELTA);
        final Instant to = date(query, "end_update_date");
        final Instant createdFrom = date(query, "start_date");
        final Instant createdTo = date(query, "end_date");
        final Predicate<JsonNode> filter = order -> (ids.isEmpty() || ids.contains(order.path("order_id").asText()))
                && (states.isEmpty() || states.contains(order.path("order_state").asText()))
                && between(order.path("last_updated_date").asText(), from, to)
                && between(order.path("created_date").asText(), createdFrom, createdTo);
        final List<JsonNode> all = shop.orders(filter);
        final boolean paginate = !"false".equals(query.get("paginate"));
        final int offset = integer(query, "offset", 0);
        final int max = Math.min(OR11_MAX_PAGE, integer(query, "max", 10));
        final List<JsonNode> page = paginate ? all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + max)) : all;
        final ObjectNode body = MAPPER.createObjectNode();
        body.putArray("orders").addAll(page);
        body.put("total_count", all.size());
        HttpReplies.json(exchange, 200, body);
    }

    private void listDocuments(final HttpExchange exchange, final Map<String, String> query) throws IOException {
        final List<JsonNode> all = shop.documents(date(query, "start_date"), date(query, "end_date"), query.get("type"));
        final int offset = integer(query, "offset", 0);
        final int max = Math.min(OR11_MAX_PAGE, integer(query, "max", 10));
        final ObjectNode body = MAPPER.createObjectNode();
        body.putArray("invoices").addAll(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + max)));
        body.put("total_count", all.size());
        HttpReplies.json(exchange, 200, body);
    }

    private void listTransactions(final HttpExchange exchange, final Map<String, String> query) throws IOException {
        final int limit = integer(query, "limit", 100);
        if (limit > TL02_MAX_LIMIT) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "The maximum allowed value for parameter limit is " + TL02_MAX_LIMIT);
        }
        final List<JsonNode> all = shop.transactions(date(query, "date_created_from"), date(query, "date_created_to"));
        final int start = query.containsKey("page_token") ? token(query.get("page_token")) : 0;
        final int end = Math.min(all.size(), start + limit);
        final ObjectNode body = MAPPER.createObjectNode();
        body.putArray("data").addAll(all.subList(Math.min(start, all.size()), end));
        if (end < all.size()) {
            body.put("next_page_token", Base64.getUrlEncoder().encodeToString(("o:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        if (start > 0) {
            body.put("previous_page_token", Base64.getUrlEncoder().encodeToString(("o:" + Math.max(0, start - limit)).getBytes(StandardCharsets.UTF_8)));
        }
        HttpReplies.json(exchange, 200, body);
    }

    private static int token(final String token) {
        try {
            final String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("o:")) {
                return Integer.parseInt(decoded.substring(2));
            }
        } catch (final IllegalArgumentException e) {
            // falls through
        }
        throw MiraklApiError.badRequest("VALIDATION_ERROR", "Invalid page_token");
    }

    private static Map<String, Boolean> decisions(final JsonNode body) {
        final JsonNode lines = body.get("order_lines");
        if (lines == null || !lines.isArray()) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "order_lines is required");
        }
        final Map<String, Boolean> decisions = new HashMap<>();
        for (final JsonNode line : lines) {
            if (line == null || line.isNull()) {
                throw MiraklApiError.badRequest("ORDER_LINE_NULL_ELEMENT", "The order lines list contains a null element");
            }
            if (!line.path("id").isTextual() || !line.path("accepted").isBoolean()) {
                throw MiraklApiError.badRequest("VALIDATION_ERROR", "order_lines.id and order_lines.accepted are required");
            }
            if (decisions.put(line.path("id").asText(), line.path("accepted").asBoolean()) != null) {
                throw MiraklApiError.badRequest("ORDER_LINE_DUPLICATE_ID", "The order lines list contains duplicate order line IDs");
            }
        }
        return decisions;
    }

    private static JsonNode body(final HttpExchange exchange) throws IOException {
        try {
            final JsonNode body = MAPPER.readTree(exchange.getRequestBody());
            if (body == null || !body.isObject()) {
                throw MiraklApiError.badRequest("VALIDATION_ERROR", "A JSON object body is required");
            }
            return body;
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "Malformed JSON body");
        }
    }

    private static String orderId(final String path) {
        final String rest = path.substring("/api/orders/".length());
        return URLDecoder.decode(rest.substring(0, rest.indexOf('/')), StandardCharsets.UTF_8);
    }

    private static void error(final HttpExchange exchange, final MiraklApiError e) throws IOException {
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("status", e.status()).put("message", e.getMessage()).put("code", e.code());
        HttpReplies.json(exchange, e.status(), body);
    }

    private static Instant date(final Map<String, String> query, final String name) {
        final String value = query.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (final DateTimeParseException e) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "Invalid date for " + name + ": " + value);
        }
    }

    private static int integer(final Map<String, String> query, final String name, final int defaultValue) {
        final String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            final int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (final NumberFormatException e) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "Invalid value for " + name + ": " + value);
        }
    }

    private static boolean between(final String date, final Instant from, final Instant to) {
        final Instant at = Instant.parse(date);
        return (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to));
    }

    private static Set<String> csv(final String value) {
        return value == null || value.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(value.split(",")));
    }

    private static Map<String, String> query(final URI uri) {
        final Map<String, String> values = new HashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (final String pair : uri.getRawQuery().split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
