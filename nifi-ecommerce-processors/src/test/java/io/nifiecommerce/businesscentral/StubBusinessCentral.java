package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Business Central API v2.0 stand-in for tests and the benchmark: an Entra token endpoint,
 * companies, customers, items, salesOrders (deep insert), salesInvoices, salesShipments, OData
 * $filter (eq, in, or, ge/gt/lt, and), $orderby, paging with nextLink, and JSON $batch with
 * Isolation: snapshot. Faults on demand: 429 storms, expired tokens, lost answers to a $batch
 * (processed, then 504), refusal of the {@code in} operator, and a latency per request and per
 * batch operation.
 */
public final class StubBusinessCentral implements AutoCloseable {

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String ENVIRONMENT = "Production";
    public static final String COMPANY_ID = "11111111-2222-3333-4444-555555555555";
    public static final String COMPANY_NAME = "CRONUS";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The standard route api/v2.0 or a custom API page route api/{publisher}/{group}/{version}: both serve the same data here. */
    private static final Pattern API_ROUTE = Pattern.compile("/v2\\.0/" + Pattern.quote(TENANT) + "/" + ENVIRONMENT
            + "/api/(v2\\.0|[^/]+/[^/]+/v[0-9.]+)/(.+)");
    private static final Pattern ORDER_LINES_PATH = Pattern.compile("companies\\(([^)]+)\\)/salesOrders\\(([^)]+)\\)/salesOrderLines");
    private static final Pattern COMPANY_PATH = Pattern.compile("companies\\(([^)]+)\\)/([A-Za-z]+)");

    private final HttpServer server;
    private final Map<String, List<ObjectNode>> sets = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenSequence = new AtomicInteger();
    private final AtomicInteger orderSequence = new AtomicInteger(1000);
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger loseNextBatchAnswers = new AtomicInteger();
    private final AtomicInteger failNextGets = new AtomicInteger();
    private final AtomicInteger truncateNextGets = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong batchRequests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());

    /** A POST or PATCH body as it reached the stub (batch operations included), with the entity set it targets. */
    public record Write(String method, String entitySet, JsonNode body) {
    }
    private volatile boolean refuseIn;
    private volatile long latencyMillis;
    private volatile long latencyPerOperationMillis;
    private volatile long tokenLifetimeSeconds = 3599;
    private volatile int defaultPageSize = 20_000;
    private volatile String basicUser;
    private volatile CountDownLatch customerLookups;

    public StubBusinessCentral() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        for (final String set : List.of("customers", "items", "salesOrders", "salesInvoices", "salesShipments")) {
            sets.put(set, new ArrayList<>());
        }
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public BusinessCentralEndpoint endpoint() {
        return BusinessCentralEndpoint.online(baseUrl(), TENANT, ENVIRONMENT);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- data ----

    public StubBusinessCentral customer(final String number, final String email, final String taxRegistrationNumber) {
        final ObjectNode c = MAPPER.createObjectNode();
        c.put("id", UUID.randomUUID().toString());
        c.put("number", number);
        c.put("displayName", "Customer " + number);
        c.put("email", email);
        c.put("taxRegistrationNumber", taxRegistrationNumber);
        c.put("lastModifiedDateTime", Instant.now().toString());
        add("customers", c);
        return this;
    }

    public StubBusinessCentral item(final String number, final String gtin) {
        final ObjectNode i = MAPPER.createObjectNode();
        i.put("id", UUID.randomUUID().toString());
        i.put("number", number);
        i.put("gtin", gtin);
        i.put("inventory", 10);
        i.put("unitPrice", 12.5);
        i.put("lastModifiedDateTime", Instant.now().toString());
        add("items", i);
        return this;
    }

    /** A posted document (invoice or shipment) carrying an external document number. */
    public StubBusinessCentral document(final String set, final String number, final String externalDocumentNumber) {
        final ObjectNode d = MAPPER.createObjectNode();
        d.put("id", UUID.randomUUID().toString());
        d.put("number", number);
        d.put("externalDocumentNumber", externalDocumentNumber);
        d.put("lastModifiedDateTime", Instant.now().toString());
        add(set, d);
        return this;
    }

    /** Adds any record to an entity set (e.g. for incremental reads). */
    public void add(final String set, final ObjectNode record) {
        synchronized (sets) {
            sets.computeIfAbsent(set, k -> new ArrayList<>()).add(record);
        }
    }

    public List<ObjectNode> records(final String set) {
        synchronized (sets) {
            return List.copyOf(sets.getOrDefault(set, List.of()));
        }
    }

    public long count(final String set, final Predicate<ObjectNode> filter) {
        return records(set).stream().filter(filter).count();
    }

    // ---- faults and settings ----

    public void throttleNext(final int requests) {
        throttleNext.set(requests);
    }

    /** The next {@code n} $batch requests that create something are processed, then answered 504. */
    public void loseNextBatchAnswers(final int n) {
        loseNextBatchAnswers.set(n);
    }

    /** The next n GETs answer 200 with the first half of their body, as a connection cut mid-answer does. */
    public void truncateNextGets(final int n) {
        truncateNextGets.set(n);
    }

    public void failNextGets(final int n) {
        failNextGets.set(n);
    }

    public void expireTokens() {
        validTokens.clear();
    }

    public void refuseIn(final boolean refuse) {
        this.refuseIn = refuse;
    }

    public void latency(final long perRequestMillis, final long perOperationMillis) {
        this.latencyMillis = perRequestMillis;
        this.latencyPerOperationMillis = perOperationMillis;
    }

    /**
     * Holds the answers to the next customer look-ups until {@code parties} of them have been answered (5 s at most), so that
     * concurrent writers all find nothing before any of them creates: the race of two tasks or nodes on one new customer.
     */
    public void holdCustomerLookups(final int parties) {
        customerLookups = new CountDownLatch(parties);
    }

    private void releaseCustomerLookup() {
        final CountDownLatch latch = customerLookups;
        if (latch != null) {
            latch.countDown();
            try {
                latch.await(5, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean customerLookup(final String method, final String url) {
        return "GET".equals(method) && url.contains("/customers");
    }

    public void tokenLifetimeSeconds(final long seconds) {
        this.tokenLifetimeSeconds = seconds;
    }

    public void defaultPageSize(final int size) {
        this.defaultPageSize = size;
    }

    public void acceptBasic(final String user, final String password) {
        this.basicUser = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Every write body received, in order. */
    public List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    public long apiRequests() {
        return apiRequests.get();
    }

    public long tokenRequests() {
        return tokenRequests.get();
    }

    public long batchRequests() {
        return batchRequests.get();
    }

    public long throttledCount() {
        return throttled.get();
    }

    public long unauthorizedCount() {
        return unauthorized.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void resetCounters() {
        apiRequests.set(0);
        tokenRequests.set(0);
        batchRequests.set(0);
        throttled.set(0);
        unauthorized.set(0);
        maxInFlight.set(0);
    }

    // ---- HTTP ----

    private void handle(final HttpExchange exchange) throws IOException {
        final int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            route(exchange);
        } catch (final RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, error("Internal_ServerError", String.valueOf(e)));
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private void route(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/oauth2/v2.0/token")) {
            tokenRequests.incrementAndGet();
            final String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!form.contains("client_secret=secret")) {
                send(exchange, 401, MAPPER.readTree("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}"));
                return;
            }
            final String token = "token-" + tokenSequence.incrementAndGet();
            validTokens.add(token);
            final ObjectNode body = MAPPER.createObjectNode();
            body.put("token_type", "Bearer");
            body.put("expires_in", tokenLifetimeSeconds);
            body.put("access_token", token);
            send(exchange, 200, body);
            return;
        }
        apiRequests.incrementAndGet();
        pause(latencyMillis);
        final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        final boolean authorized = authorization != null && (authorization.startsWith("Bearer ") && validTokens.contains(authorization.substring(7))
                || authorization.equals(basicUser));
        if (!authorized) {
            unauthorized.incrementAndGet();
            send(exchange, 401, error("Authentication_InvalidCredentials", "The credentials provided are incorrect"));
            return;
        }
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throttled.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "0.02");
            send(exchange, 429, error("Application_TooManyRequests", "Too many requests"));
            return;
        }
        final Matcher route = API_ROUTE.matcher(path);
        if (!route.matches()) {
            send(exchange, 404, error("BadRequest_NotFound", "No route " + path));
            return;
        }
        final String relative = route.group(2);
        final String query = exchange.getRequestURI().getRawQuery();
        if (relative.equals("$batch")) {
            batch(exchange);
            return;
        }
        final Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        final JsonNode body = "POST".equals(exchange.getRequestMethod()) ? MAPPER.readTree(exchange.getRequestBody().readAllBytes()) : null;
        final Answer answer = operation(exchange.getRequestMethod(), relative + (query == null ? "" : "?" + query), headers, body, true);
        if (customerLookup(exchange.getRequestMethod(), relative)) {
            releaseCustomerLookup();
        }
        if ("GET".equals(exchange.getRequestMethod()) && answer.status() == 200 && truncateNextGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            final byte[] whole = MAPPER.writeValueAsBytes(answer.body());
            exchange.sendResponseHeaders(200, whole.length / 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(whole, 0, whole.length / 2);
            }
            return;
        }
        send(exchange, answer.status(), answer.body());
    }

    private record Answer(int status, JsonNode body) {
    }

    private void batch(final HttpExchange exchange) throws IOException {
        batchRequests.incrementAndGet();
        final JsonNode request = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        final boolean atomic = "snapshot".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Isolation"));
        final JsonNode operations = request.path("requests");
        if (operations.size() > 100) {
            send(exchange, 400, error("BadRequest", "A batch may contain at most 100 operations"));
            return;
        }
        pause(latencyPerOperationMillis * operations.size());
        final ObjectNode response = MAPPER.createObjectNode();
        final ArrayNode responses = response.putArray("responses");
        boolean writes = false;
        synchronized (sets) {
            final List<Answer> answers = new ArrayList<>();
            final Map<String, List<ObjectNode>> snapshot = atomic ? copy() : null;
            for (final JsonNode op : operations) {
                final Map<String, String> headers = new HashMap<>();
                op.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(), h.getValue().asText()));
                writes |= !"GET".equals(op.path("method").asText());
                answers.add(operation(op.path("method").asText(), op.path("url").asText(), headers, op.get("body"), false));
            }
            final boolean failed = answers.stream().anyMatch(a -> a.status() >= 400);
            if (atomic && failed) {
                sets.clear();
                sets.putAll(snapshot);
            }
            for (int i = 0; i < answers.size(); i++) {
                final ObjectNode r = responses.addObject();
                r.put("id", operations.get(i).path("id").asText());
                final Answer a = answers.get(i);
                if (atomic && failed && a.status() < 400) {
                    r.put("status", 424);
                    r.set("body", error("BadRequest_FailedDependency", "Rolled back"));
                } else {
                    r.put("status", a.status());
                    r.set("body", a.body());
                }
            }
        }
        for (final JsonNode op : operations) {
            if (customerLookup(op.path("method").asText(), op.path("url").asText())) {
                releaseCustomerLookup();
                break;
            }
        }
        if (writes && loseNextBatchAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(exchange, 504, error("GatewayTimeout", "The answer was lost"));
            return;
        }
        send(exchange, 200, response);
    }

    private Map<String, List<ObjectNode>> copy() {
        final Map<String, List<ObjectNode>> copy = new HashMap<>();
        sets.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }

    private Answer operation(final String method, final String url, final Map<String, String> headers, final JsonNode body, final boolean lock) {
        final int q = url.indexOf('?');
        final String path = q < 0 ? url : url.substring(0, q);
        final Map<String, String> query = parseQuery(q < 0 ? null : url.substring(q + 1));
        if (!"GET".equals(method)) {
            final Matcher target = ORDER_LINES_PATH.matcher(path).matches() ? null : COMPANY_PATH.matcher(path);
            writes.add(new Write(method, target == null ? "salesOrderLines" : target.lookingAt() ? target.group(2) : path, body));
        }
        if (path.equals("companies")) {
            final ObjectNode page = MAPPER.createObjectNode();
            final ObjectNode company = page.putArray("value").addObject();
            company.put("id", COMPANY_ID);
            company.put("name", COMPANY_NAME);
            company.put("displayName", "CRONUS International Ltd.");
            return new Answer(200, page);
        }
        final Matcher lines = ORDER_LINES_PATH.matcher(path);
        if (lines.matches() && "POST".equals(method)) {
            // the naive pattern: one POST per line onto an existing order
            pause(latencyPerOperationMillis);
            synchronized (sets) {
                final ObjectNode order = sets.get("salesOrders").stream().filter(o -> o.path("id").asText().equals(lines.group(2)))
                        .findFirst().orElse(null);
                if (order == null) {
                    return new Answer(404, error("BadRequest_NotFound", "No order " + lines.group(2)));
                }
                final ObjectNode line = ((ObjectNode) body).deepCopy();
                line.put("id", UUID.randomUUID().toString());
                order.withArray("salesOrderLines").add(line);
                return new Answer(201, line);
            }
        }
        final Matcher m = COMPANY_PATH.matcher(path);
        if (!m.matches() || !m.group(1).equals(COMPANY_ID)) {
            return new Answer(404, error("BadRequest_NotFound", "Not found: " + path));
        }
        final String set = m.group(2);
        if ("GET".equals(method)) {
            if (failNextGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new Answer(503, error("ServiceUnavailable", "Busy"));
            }
            if (lock) {
                synchronized (sets) {
                    return get(set, query, headers, url);
                }
            }
            return get(set, query, headers, url);
        }
        if ("POST".equals(method)) {
            if (lock) {
                pause(latencyPerOperationMillis);
                synchronized (sets) {
                    return post(set, body);
                }
            }
            return post(set, body);
        }
        return new Answer(405, error("BadRequest_MethodNotAllowed", method));
    }

    private Answer get(final String set, final Map<String, String> query, final Map<String, String> headers, final String url) {
        if (!sets.containsKey(set)) {
            return new Answer(404, error("BadRequest_NotFound", "No entity set " + set));
        }
        final String filter = query.get("$filter");
        if (refuseIn && filter != null && filter.contains(" in (")) {
            return new Answer(400, error("BadRequest", "The 'in' operator is not supported"));
        }
        final Predicate<JsonNode> predicate;
        try {
            predicate = filter == null ? r -> true : StubFilter.parse(filter);
        } catch (final IllegalArgumentException e) {
            return new Answer(400, error("BadRequest", "Invalid filter: " + e.getMessage()));
        }
        List<ObjectNode> matches = sets.get(set).stream().filter(predicate).toList();
        final String orderBy = query.get("$orderby");
        if (orderBy != null) {
            final String field = orderBy.split(" ")[0];
            matches = matches.stream().sorted(Comparator.comparing(r -> Instant.parse(r.path(field).asText()))).toList();
        }
        if (query.containsKey("$top")) {
            matches = matches.stream().limit(Long.parseLong(query.get("$top"))).toList();
        }
        int pageSize = defaultPageSize;
        final String prefer = headers.get("prefer");
        if (prefer != null && prefer.startsWith("odata.maxpagesize=")) {
            pageSize = Math.min(pageSize, Integer.parseInt(prefer.substring("odata.maxpagesize=".length())));
        }
        final int skip = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        final ObjectNode page = MAPPER.createObjectNode();
        final ArrayNode values = page.putArray("value");
        final Set<String> select = query.containsKey("$select") ? Set.of(query.get("$select").split(",")) : null;
        for (int i = skip; i < Math.min(matches.size(), skip + pageSize); i++) {
            final ObjectNode value = matches.get(i).deepCopy();
            if (select != null) {
                value.retain(select);
            }
            value.put("@odata.etag", "W/\"" + i + "\"");
            values.add(value);
        }
        if (skip + pageSize < matches.size()) {
            final String base = url.replaceAll("[?&]\\$skiptoken=\\d+", "");
            page.put("@odata.nextLink", baseUrl() + "/v2.0/" + TENANT + "/" + ENVIRONMENT + "/api/v2.0/" + base
                    + (base.contains("?") ? "&" : "?") + "$skiptoken=" + (skip + pageSize));
        }
        return new Answer(200, page);
    }

    private Answer post(final String set, final JsonNode body) {
        if (body == null || !body.isObject()) {
            return new Answer(400, error("BadRequest", "No body"));
        }
        final ObjectNode created = ((ObjectNode) body).deepCopy();
        created.put("id", UUID.randomUUID().toString());
        created.put("lastModifiedDateTime", Instant.now().toString());
        if (set.equals("customers")) {
            final String number = body.path("number").asText("");
            if (sets.get(set).stream().anyMatch(c -> c.path("number").asText().equals(number))) {
                // BC's answer to a second record with the same primary key (Customer."No.")
                return new Answer(400, error("Internal_EntityWithSameKeyExists", "The record in table Customer already exists. "
                        + "Identification fields and values: No.='" + number + "'  CorrelationId:  " + UUID.randomUUID()));
            }
            created.put("number", number.isEmpty() ? "C" + orderSequence.incrementAndGet() : number);
            sets.get(set).add(created);
            return new Answer(201, created);
        }
        if (!set.equals("salesOrders")) {
            return new Answer(405, error("BadRequest_MethodNotAllowed", "POST " + set));
        }
        final String customer = body.path("customerNumber").asText("");
        if (sets.get("customers").stream().noneMatch(c -> c.path("number").asText().equals(customer))) {
            return new Answer(400, error("Application_DialogException", "The Customer does not exist. Identification fields and values: No.='"
                    + customer + "'  CorrelationId:  " + UUID.randomUUID()));
        }
        if (body.path("externalDocumentNumber").asText("").length() > 35) {
            return new Answer(400, error("Application_StringExceededLength", "externalDocumentNumber is too long"));
        }
        for (final JsonNode line : body.path("salesOrderLines")) {
            if ("Item".equals(line.path("lineType").asText())) {
                final String item = line.path("lineObjectNumber").asText();
                if (sets.get("items").stream().noneMatch(i -> i.path("number").asText().equals(item))) {
                    return new Answer(400, error("Application_DialogException", "The Item does not exist. Identification fields and values: No.='"
                            + item + "'"));
                }
            }
        }
        created.put("number", "SO" + orderSequence.incrementAndGet());
        created.put("status", "Draft");
        sets.get(set).add(created);
        final ObjectNode answer = created.deepCopy();
        answer.remove("salesOrderLines");
        return new Answer(201, answer);
    }

    private static Map<String, String> parseQuery(final String query) {
        final Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        for (final String pair : query.split("&")) {
            final int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static ObjectNode error(final String code, final String message) {
        final ObjectNode body = MAPPER.createObjectNode();
        final ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return body;
    }

    private static void pause(final long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(final HttpExchange exchange, final int status, final JsonNode body) throws IOException {
        final byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=minimal");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** For tests that need to talk to the stub by hand. */
    public URI uri(final String relative) {
        return endpoint().resolve(relative);
    }
}
