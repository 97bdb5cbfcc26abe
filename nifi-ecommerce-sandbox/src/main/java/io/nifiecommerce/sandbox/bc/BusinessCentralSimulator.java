package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.Fault;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.SandboxStats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Microsoft Dynamics 365 Business Central API v2.0 simulator with its Entra ID token endpoint,
 * served by the JDK's {@link HttpServer}. URLs, given the server's base URL {@code http://127.0.0.1:<port>}:
 * <ul>
 *   <li>token: {@code POST <base>/login/<tenant>/oauth2/v2.0/token} (client-credentials form)</li>
 *   <li>API: {@code <base>/v2.0/<tenant>/<environment>/api/v2.0/companies(<id>)/<entitySet>}</li>
 *   <li>batch: {@code POST <base>/v2.0/<tenant>/<environment>/api/v2.0/$batch}</li>
 *   <li>custom pages: {@code <base>/v2.0/<tenant>/<environment>/api/<publisher>/<group>/<version>/companies(<id>)/<entitySet>}</li>
 * </ul>
 * Every API request is checked in this order: bearer token (401), request window (429), concurrency
 * (queued fairly, 503 after the queue timeout), injected latency and faults, then the operation.
 */
public final class BusinessCentralSimulator {

    public static final String LOGIN_PREFIX = "/login";
    public static final String API_PREFIX = "/v2.0";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final String JSON_TYPE = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    private final BcSimulatorConfig config;
    private final FaultInjector injector;
    private final SandboxStats stats;
    private final BcStore store;
    private final BcTenant tenant;
    private final BcApi api;
    private final BcBatch batch;
    private final EntraTokenIssuer tokens;
    private final RequestWindow window;
    private final Semaphore concurrency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong throttleCount = new AtomicLong();
    private final AtomicLong serverErrorCount = new AtomicLong();

    public BusinessCentralSimulator(final BcSimulatorConfig config, final FaultInjector injector, final SandboxStats stats) {
        this.config = config;
        this.injector = injector;
        this.stats = stats;
        this.store = new BcStore(config.seed(), config.clock());
        this.tenant = new BcTenant(store);
        tenant.register(BcStockByLocation.PAGE);
        tenant.register(BcEdiExtension.SHIPPABLE_SALES_ORDERS);
        tenant.register(BcEdiExtension.RECEIVABLE_PURCHASE_ORDERS);
        tenant.register(BcEdiExtension.POSTED_PURCHASE_RECEIPTS);
        tenant.register(BcEdiExtension.ITEM_JOURNAL_ADJUSTMENTS);
        tenant.register(BcSalesPriceLines.PAGE);
        tenant.register(BcShopCustomers.PAGE);
        this.api = new BcApi(tenant, config.defaultPageSize());
        this.batch = new BcBatch(api, store);
        this.tokens = new EntraTokenIssuer(config);
        this.window = new RequestWindow(config.rateWindow(), config.maxRequestsPerWindow());
        this.concurrency = new Semaphore(config.maxConcurrentRequests(), true);
        stats.gauge("bc.salesOrders", () -> sum(BcCompany.SALES_ORDERS));
        stats.gauge("bc.salesInvoices", () -> sum(BcCompany.SALES_INVOICES));
        stats.gauge("bc.salesShipments", () -> sum(BcCompany.SALES_SHIPMENTS));
        stats.gauge("bc.duplicates", () -> tenant.companies().stream().mapToLong(BcCompany::duplicates).sum());
        stats.gauge("bc.concurrent.peak", peakInFlight::get);
        stats.gauge("bc.window.used", window::used);
    }

    public BcSimulatorConfig config() {
        return config;
    }

    /** Registers the token endpoint under {@code /login} and the API under {@code /v2.0}. */
    public void mount(final HttpServer server) {
        server.createContext(LOGIN_PREFIX, this::handleToken);
        server.createContext(API_PREFIX, this::handleApi);
    }

    /** Whether a request path belongs to this simulator (for a facade that routes one {@code /} context itself). */
    public boolean handles(final String path) {
        return path.startsWith(LOGIN_PREFIX + "/") || path.startsWith(API_PREFIX + "/");
    }

    /** Serves one exchange whose path {@link #handles} accepts; the exchange is closed afterwards. */
    public void handle(final HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().startsWith(LOGIN_PREFIX + "/")) {
            handleToken(exchange);
        } else {
            handleApi(exchange);
        }
    }

    /** The token endpoint URL for a server base URL such as {@code http://127.0.0.1:8085}. */
    public String tokenUrl(final String baseUrl) {
        return trim(baseUrl) + LOGIN_PREFIX + "/" + config.tenantId() + "/oauth2/v2.0/token";
    }

    /** The standard API root ({@code .../api/v2.0/}, ending with '/') for a server base URL. */
    public String apiUrl(final String baseUrl) {
        return trim(baseUrl) + API_PREFIX + "/" + config.tenantId() + "/" + config.environment() + "/api/v2.0/";
    }

    /** The root of a custom API route ({@code .../api/<publisher>/<group>/<version>/}) for a server base URL. */
    public String customApiUrl(final String baseUrl, final BcCustomPage page) {
        return trim(baseUrl) + API_PREFIX + "/" + config.tenantId() + "/" + config.environment() + "/api/" + page.route() + "/";
    }

    public BcCompany createCompany(final String name) {
        return tenant.createCompany(name);
    }

    /** The company of that name, or null. */
    public BcCompany company(final String name) {
        return tenant.byName(name);
    }

    public List<BcCompany> companies() {
        return tenant.companies();
    }

    /**
     * Declares a custom API page. Its fields are those given; {@code id} (GUID) and
     * {@code lastModifiedDateTime} are added first when missing.
     */
    public BcCustomPage registerCustomPage(final String publisher, final String group, final String version, final String entitySet,
                                           final List<BcField> fields) {
        final List<BcField> all = new ArrayList<>();
        if (fields.stream().noneMatch(f -> f.name().equals("id"))) {
            all.add(BcField.readOnly("id", BcFieldType.GUID));
        }
        all.addAll(fields);
        if (fields.stream().noneMatch(f -> f.name().equals("lastModifiedDateTime"))) {
            all.add(BcField.readOnly("lastModifiedDateTime", BcFieldType.DATETIME));
        }
        final String typeName = entitySet.endsWith("s") ? entitySet.substring(0, entitySet.length() - 1) : entitySet;
        final BcCustomPage page = new BcCustomPage(publisher, group, version, entitySet, new BcEntityType(typeName, typeName, all));
        tenant.register(page);
        return page;
    }

    /** A valid access token, as the token endpoint would issue it (for tests and the facade). */
    public String issueToken() {
        final String form = "grant_type=client_credentials&client_id=" + enc(config.clientId()) + "&client_secret="
                + enc(config.clientSecret()) + "&scope=" + enc(EntraTokenIssuer.BC_SCOPE);
        return tokens.issue(config.tenantId(), form, null).body().path("access_token").asText();
    }

    /** Every company emptied, tokens revoked, the request window and the concurrency peak cleared. */
    public void reset() {
        tenant.companies().forEach(BcCompany::reset);
        tokens.revokeAll();
        window.clear();
        peakInFlight.set(0);
    }

    // ---------------------------------------------------------------- HTTP

    private void handleToken(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body = readBody(exchange);
            stats.increment("bc.token.requests");
            final String[] parts = exchange.getRequestURI().getPath().substring(LOGIN_PREFIX.length()).split("/");
            // ["", tenant, "oauth2", "v2.0", "token"]
            if (parts.length != 5 || !parts[2].equals("oauth2") || !parts[3].equals("v2.0") || !parts[4].equals("token")) {
                send(exchange, 404, Map.of(), null);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, Map.of("Allow", "POST"), null);
                return;
            }
            final EntraTokenIssuer.Answer answer = tokens.issue(parts[1], new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, answer.status(), Map.of("Cache-Control", "no-store, no-cache"), answer.body(), "application/json; charset=utf-8");
        }
    }

    private void handleApi(final HttpExchange exchange) throws IOException {
        try {
            final byte[] raw = readBody(exchange);
            final BcOperation operation;
            try {
                operation = operation(exchange, raw);
            } catch (final BcApiError e) {
                respond(exchange, BcApi.error(e, "root"));
                return;
            }
            final EntraTokenIssuer.Check check = tokens.check(exchange.getRequestHeaders().getFirst("Authorization"));
            if (check != EntraTokenIssuer.Check.VALID) {
                stats.increment("bc.unauthorized");
                respond(exchange, unauthorized(check));
                return;
            }
            stats.increment("bc.apiRequests");
            final boolean isBatch = operation.apiPath().equals("$batch");
            final int cost = isBatch && !config.batchCountsAsOne() ? Math.max(1, BcBatch.operationCount(operation.body())) : 1;
            final long wait = window.tryAcquire(cost);
            if (wait > 0) {
                stats.increment("bc.throttled.window"); // the user's quota, apart from the injected faults
                respond(exchange, throttled("Too many requests reached. Actual (" + (window.used() + cost) + "). Maximum ("
                        + config.maxRequestsPerWindow() + ").", Duration.ofNanos(wait)));
                return;
            }
            if (!concurrency.tryAcquire(config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                stats.increment("bc.queueTimeouts");
                respond(exchange, withHeader(BcApi.error(new BcApiError(503, "ServiceUnavailable",
                        "The request was queued for longer than " + config.queueTimeout().toSeconds() + " seconds."), "root"),
                        "Retry-After", "1"));
                return;
            }
            try {
                peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                serve(exchange, operation, isBatch);
            } finally {
                inFlight.decrementAndGet();
                concurrency.release();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            // A defect of the simulator: answer 500 (when still possible) rather than drop the connection silently.
            stats.increment("bc.internalErrors");
            try {
                respond(exchange, BcApi.error(new BcApiError(500, "Internal_ServerError", "Sandbox defect: " + e), "root"));
            } catch (final IOException | RuntimeException ignored) {
                // Headers were already sent: closing is all that is left.
            }
        } finally {
            exchange.close();
        }
    }

    private void serve(final HttpExchange exchange, final BcOperation operation, final boolean isBatch)
            throws IOException, InterruptedException {
        final Duration latency = injector.latency();
        if (!latency.isZero()) {
            Thread.sleep(latency);
        }
        final boolean write = isBatch ? batchWrites(operation.body()) : operation.isWrite();
        if (write && injector.takeDroppedRequest(exchange.getRequestURI().getPath())) {
            stats.increment("bc.faults.dropped");
            exchange.close();
            return;
        }
        if (write && injector.takeLostAnswer(exchange.getRequestURI().getPath())) {
            execute(operation, isBatch);
            stats.increment("bc.faults.afterCommit");
            exchange.close();
            return;
        }
        final Optional<Fault> fault = injector.draw();
        if (fault.isEmpty()) {
            respond(exchange, execute(operation, isBatch));
            return;
        }
        final Fault kind = fault.get();
        // MALFORMED_BODY answers 200 with a broken body: that only makes sense once the operation ran.
        // A 429 comes from BC's rate limiter before anything runs, so THROTTLE never follows a commit.
        final boolean applied = kind == Fault.MALFORMED_BODY || write && kind != Fault.THROTTLE && injector.afterCommit();
        final BcResponse result = applied ? execute(operation, isBatch) : null;
        if (applied && write) {
            stats.increment("bc.faults.afterCommit");
        }
        switch (kind) {
            case THROTTLE -> respond(exchange, throttled("Too many requests reached.", Duration.ofSeconds(1)));
            case SERVER_ERROR -> {
                if (serverErrorCount.getAndIncrement() % 2 == 0) {
                    respond(exchange, BcApi.error(new BcApiError(500, "Internal_ServerError",
                            "Something went wrong. Try again later."), operationSet(operation)));
                } else {
                    respond(exchange, withHeader(BcApi.error(new BcApiError(503, "Unavailable",
                            "The service is temporarily unavailable."), operationSet(operation)), "Retry-After", "1"));
                }
            }
            case TIMEOUT -> {
                Thread.sleep(injector.plan().timeoutHold());
                exchange.close();
            }
            case CONNECTION_RESET -> exchange.close();
            case MALFORMED_BODY -> {
                final byte[] body = result.body() == null ? "{\"value\":[".getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(result.body());
                final byte[] truncated = Arrays.copyOf(body, Math.max(1, body.length / 2));
                sendBytes(exchange, result.status() == 204 ? 200 : result.status(), Map.of(), truncated, JSON_TYPE);
            }
        }
    }

    private BcResponse execute(final BcOperation operation, final boolean isBatch) {
        if (!isBatch) {
            final BcResponse response = api.execute(operation);
            count(response, operation.method());
            return response;
        }
        if (!operation.method().equals("POST")) {
            return BcApi.error(BcApiError.methodNotAllowed(operation.method(), "$batch"), "$batch");
        }
        stats.increment("bc.batch.requests");
        final BcBatch.Outcome outcome = batch.run(operation);
        stats.add("bc.batch.operations", outcome.operations().size());
        final JsonNode requests = operation.body() == null ? null : operation.body().get("requests");
        for (int i = 0; i < outcome.operations().size(); i++) {
            final String method = requests == null ? "POST" : requests.get(i).path("method").asText("GET").toUpperCase(Locale.ROOT);
            count(outcome.operations().get(i), method);
        }
        return outcome.response();
    }

    private void count(final BcResponse response, final String method) {
        stats.increment("bc.requests." + response.entitySet() + "." + method);
    }

    private static boolean batchWrites(final JsonNode body) {
        final JsonNode requests = body == null ? null : body.get("requests");
        if (requests == null || !requests.isArray()) {
            return false;
        }
        for (final JsonNode request : requests) {
            if (!request.path("method").asText("GET").equalsIgnoreCase("GET")) {
                return true;
            }
        }
        return false;
    }

    private static String operationSet(final BcOperation operation) {
        try {
            return ResourcePath.parse(operation.apiPath()).lastEntitySet();
        } catch (final BcApiError e) {
            return "root";
        }
    }

    /** Parses {@code /v2.0/<tenant>/<environment>/api/<route>/<path>} into an operation. */
    private BcOperation operation(final HttpExchange exchange, final byte[] raw) {
        final URI uri = exchange.getRequestURI();
        final String rawPath = uri.getRawPath();
        final String[] parts = rawPath.substring(API_PREFIX.length()).split("/", -1);
        // ["", tenant, environment, "api", ...route..., ...path...]
        if (parts.length < 5 || !parts[3].equals("api")) {
            throw BcApiError.segmentNotFound(rawPath);
        }
        final String tenantId = decode(parts[1]);
        final String environment = decode(parts[2]);
        if (!tenantId.equalsIgnoreCase(config.tenantId())) {
            throw new BcApiError(404, "BadRequest_NotFound", "The tenant '" + tenantId + "' was not found.");
        }
        if (!environment.equalsIgnoreCase(config.environment())) {
            throw new BcApiError(404, "BadRequest_NotFound", "The environment '" + environment + "' does not exist.");
        }
        final String route;
        final int pathStart;
        if (parts[4].equals(BcApi.STANDARD_ROUTE)) {
            route = BcApi.STANDARD_ROUTE;
            pathStart = 5;
        } else if (parts.length >= 7 && tenant.hasRoute(parts[4] + "/" + parts[5] + "/" + parts[6])) {
            route = parts[4] + "/" + parts[5] + "/" + parts[6];
            pathStart = 7;
        } else {
            throw BcApiError.segmentNotFound(parts[4]);
        }
        final String apiPath = decode(String.join("/", Arrays.copyOfRange(parts, Math.min(pathStart, parts.length), parts.length)));
        final Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        JsonNode body = null;
        if (raw.length > 0) {
            try {
                body = MAPPER.readTree(raw);
            } catch (final IOException e) {
                throw BcApiError.badRequest("Invalid Request Body: the body is not valid JSON.");
            }
        }
        final String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .orElse("127.0.0.1:" + exchange.getLocalAddress().getPort());
        final String apiRoot = "http://" + host + API_PREFIX + "/" + parts[1] + "/" + parts[2] + "/api/" + route + "/";
        return new BcOperation(exchange.getRequestMethod().toUpperCase(Locale.ROOT), apiPath, route, uri.getRawQuery(), headers, body, apiRoot);
    }

    private BcResponse unauthorized(final EntraTokenIssuer.Check check) {
        final String message = switch (check) {
            case MISSING -> "The server has rejected the client credentials.";
            case EXPIRED -> "The access token has expired.";
            default -> "The access token is invalid.";
        };
        final BcResponse error = BcApi.error(new BcApiError(401, "Authentication_InvalidCredentials", message), "root");
        final String challenge = "Bearer authorization_uri=\"https://login.microsoftonline.com/" + config.tenantId()
                + "/oauth2/authorize\", resource_id=\"https://api.businesscentral.dynamics.com\""
                + (check == EntraTokenIssuer.Check.EXPIRED ? ", error=\"invalid_token\", error_description=\"The access token is expired\"" : "");
        return withHeader(error, "WWW-Authenticate", challenge);
    }

    private BcResponse throttled(final String message, final Duration wait) {
        stats.increment("bc.throttled");
        final BcResponse error = BcApi.error(new BcApiError(429, "Application_TooManyRequests", message), "root");
        final boolean withRetryAfter = switch (config.retryAfter()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case SOMETIMES -> throttleCount.getAndIncrement() % 2 == 0;
        };
        if (!withRetryAfter) {
            return error;
        }
        final long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return withHeader(error, "Retry-After", Long.toString(seconds));
    }

    private static BcResponse withHeader(final BcResponse response, final String name, final String value) {
        final Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new BcResponse(response.status(), headers, response.body(), response.entitySet());
    }

    private void respond(final HttpExchange exchange, final BcResponse response) throws IOException {
        if (response.body() instanceof com.fasterxml.jackson.databind.node.BinaryNode media) {
            // a media stream (pictureContent): the bytes as they are, under the Content-Type the answer names
            final Map<String, String> headers = new java.util.HashMap<>(response.headers());
            final String type = headers.remove("Content-Type");
            sendBytes(exchange, response.status(), headers, media.binaryValue(), type == null ? "application/octet-stream" : type);
            return;
        }
        send(exchange, response.status(), response.headers(), response.body());
    }

    private void send(final HttpExchange exchange, final int status, final Map<String, String> headers, final JsonNode body) throws IOException {
        send(exchange, status, headers, body, JSON_TYPE);
    }

    private void send(final HttpExchange exchange, final int status, final Map<String, String> headers, final JsonNode body,
                      final String contentType) throws IOException {
        sendBytes(exchange, status, headers, body == null ? null : MAPPER.writeValueAsBytes(body), contentType);
    }

    private static void sendBytes(final HttpExchange exchange, final int status, final Map<String, String> headers, final byte[] body,
                                  final String contentType) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        exchange.getResponseHeaders().set("request-id", UUID.randomUUID().toString());
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readBody(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private long sum(final String entitySet) {
        return tenant.companies().stream().mapToLong(company -> company.count(entitySet)).sum();
    }

    private static String decode(final String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String enc(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String trim(final String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
