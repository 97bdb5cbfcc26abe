package io.nifiecommerce.shopify.fulfillment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.shopify.AccessTokenSource;
import io.nifiecommerce.shopify.CostBudget;
import io.nifiecommerce.shopify.ShopifyEndpoint;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory Shopify answering the fulfillment documents: orders with fulfillment orders,
 * fulfillmentCreate with Shopify's checks and userErrors (wording from the captures), and
 * fulfillmentTrackingInfoUpdate. Faults can be queued: the next requests answer an HTTP status, or
 * perform the mutation but lose the answer (a lost acknowledgement).
 */
public final class StubShopify implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COST = "{\"requestedQueryCost\":10,\"actualQueryCost\":10,"
            + "\"throttleStatus\":{\"maximumAvailable\":2000.0,\"currentlyAvailable\":1990,\"restoreRate\":100.0}}";

    public static final class Order {
        final String id;
        final String name;
        final List<FoState> fulfillmentOrders = new ArrayList<>();
        final List<FulfillmentState> fulfillments = new ArrayList<>();

        Order(final String id, final String name) {
            this.id = id;
            this.name = name;
        }
    }

    public static final class FoState {
        final String id;
        String status;
        final String locationId;
        final String locationName;
        final List<FoLine> lines = new ArrayList<>();

        FoState(final String id, final String status, final String locationId, final String locationName) {
            this.id = id;
            this.status = status;
            this.locationId = locationId;
            this.locationName = locationName;
        }
    }

    public static final class FoLine {
        final String id;
        final String lineItemId;
        final String sku;
        int remaining;

        FoLine(final String id, final String lineItemId, final String sku, final int remaining) {
            this.id = id;
            this.lineItemId = lineItemId;
            this.sku = sku;
            this.remaining = remaining;
        }
    }

    public static final class FulfillmentState {
        final String id;
        String status = "SUCCESS";
        final List<TrackingInfo> tracking = new ArrayList<>();
        final Map<String, Integer> quantities;
        final List<Map<String, String>> events = new CopyOnWriteArrayList<>();

        FulfillmentState(final String id, final Map<String, Integer> quantities) {
            this.id = id;
            this.quantities = quantities;
        }

        public String id() {
            return id;
        }

        public List<TrackingInfo> tracking() {
            return List.copyOf(tracking);
        }

        public Map<String, Integer> quantities() {
            return quantities;
        }

        /** The fulfillment events posted, oldest first: each the FulfillmentEventInput received (happenedAt defaulted). */
        public List<Map<String, String>> events() {
            return List.copyOf(events);
        }
    }

    /** A queued fault: an HTTP status to answer instead, or (status 0) perform the request and drop the answer with a 504. */
    private record Fault(int status, boolean afterWork, String operation) {
    }

    private final HttpServer server;
    private final List<Order> orders = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong(5000);
    private final List<String> operations = new CopyOnWriteArrayList<>();

    public StubShopify() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/admin/api/2026-04/graphql.json", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A client with quick retries (3 attempts), for tests. */
    public ShopifyGraphQlClient client() {
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(2)),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
        return new ShopifyGraphQlClient(new ShopifyEndpoint(baseUrl(), "2026-04"), AccessTokenSource.of("shpat_test"),
                new CostBudget(2000, 100, 10, System::nanoTime), transport, Duration.ofSeconds(5));
    }

    public Order addOrder(final long number, final String name) {
        final Order order = new Order("gid://shopify/Order/" + number, name);
        orders.add(order);
        return order;
    }

    public FoState addFulfillmentOrder(final Order order, final String status, final long locationNumber, final String locationName) {
        final FoState fo = new FoState("gid://shopify/FulfillmentOrder/" + ids.incrementAndGet(), status,
                "gid://shopify/Location/" + locationNumber, locationName);
        order.fulfillmentOrders.add(fo);
        return fo;
    }

    public FoLine addLine(final FoState fo, final String sku, final int quantity) {
        final long n = ids.incrementAndGet();
        final FoLine line = new FoLine("gid://shopify/FulfillmentOrderLineItem/" + n, "gid://shopify/LineItem/" + n, sku, quantity);
        fo.lines.add(line);
        return line;
    }

    public List<FulfillmentState> fulfillments(final Order order) {
        return List.copyOf(order.fulfillments);
    }

    /** The operations received, by kind: ORDER_BY_NAME, ORDER_BY_ID, CREATE, TRACKING_UPDATE, VERIFY. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    public long count(final String operation) {
        return operations.stream().filter(operation::equals).count();
    }

    /** The next {@code times} requests of that operation (null: any) answer {@code status} without being performed. */
    public void failNext(final String operation, final int times, final int status) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(status, false, operation));
        }
    }

    /** The next request of that operation is performed but its answer is lost (504): a lost acknowledgement. */
    public void loseNextAnswer(final String operation) {
        faults.add(new Fault(504, true, operation));
    }

    /** Marks a fulfillment cancelled, as a merchant would. */
    public void cancel(final FulfillmentState fulfillment) {
        fulfillment.status = "CANCELLED";
    }

    private static String kind(final String query) {
        if (query.contains("fulfillmentEventCreate(")) {
            return "EVENT_CREATE";
        }
        if (query.contains("fulfillment(id:")) {
            return "EVENTS";
        }
        if (query.contains("fulfillmentCreate(")) {
            return "CREATE";
        }
        if (query.contains("fulfillmentTrackingInfoUpdate(")) {
            return "TRACKING_UPDATE";
        }
        if (query.contains("query VerifyFulfillmentAccess")) {
            return "VERIFY";
        }
        if (query.contains("draftOrders(")) {
            return "DRAFTS_BY_NAME";
        }
        if (query.contains("orders(")) {
            return "ORDER_BY_NAME";
        }
        return query.contains("order(id:") ? "ORDER_BY_ID" : "UNKNOWN";
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            final String kind = kind(request.path("query").asText());
            final Fault fault = faults.stream().filter(f -> f.operation() == null || f.operation().equals(kind)).findFirst().orElse(null);
            if (fault != null) {
                faults.remove(fault);
            }
            if (fault != null && !fault.afterWork()) {
                operations.add(kind + "_FAILED");
                respond(exchange, fault.status(), "{\"errors\":\"unavailable\"}");
                return;
            }
            final String answer;
            synchronized (this) {
                answer = answer(request.path("query").asText(), request.path("variables"));
            }
            if (fault != null) {
                respond(exchange, fault.status(), "gateway timeout");
                return;
            }
            respond(exchange, 200, answer);
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Shopify-API-Version", "2026-04");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String answer(final String query, final JsonNode variables) throws IOException {
        final ObjectNode data = MAPPER.createObjectNode();
        if (query.contains("fulfillmentEventCreate(")) {
            operations.add("EVENT_CREATE");
            data.set("fulfillmentEventCreate", createEvent(variables.path("fulfillmentEvent")));
        } else if (query.contains("fulfillment(id:")) {
            operations.add("EVENTS");
            final String id = variables.path("id").asText();
            final FulfillmentState fulfillment = orders.stream().flatMap(o -> o.fulfillments.stream()).filter(f -> f.id.equals(id))
                    .findFirst().orElse(null);
            if (fulfillment == null) {
                data.putNull("fulfillment");
            } else {
                final ObjectNode node = fulfillmentNode(fulfillment);
                final ObjectNode events = node.putObject("events");
                events.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
                final ArrayNode nodes = events.putArray("nodes");
                fulfillment.events.forEach(e -> nodes.addObject().put("status", e.get("status")).put("happenedAt", e.get("happenedAt")));
                data.set("fulfillment", node);
            }
        } else if (query.contains("fulfillmentCreate(")) {
            operations.add("CREATE");
            data.set("fulfillmentCreate", create(variables.path("fulfillment")));
        } else if (query.contains("fulfillmentTrackingInfoUpdate(")) {
            operations.add("TRACKING_UPDATE");
            data.set("fulfillmentTrackingInfoUpdate", updateTracking(variables.path("fulfillmentId").asText(), variables.path("trackingInfoInput")));
        } else if (query.contains("query VerifyFulfillmentAccess")) {
            operations.add("VERIFY");
            data.set("shop", MAPPER.createObjectNode().put("name", "Stub Shop"));
            final ArrayNode scopes = MAPPER.createArrayNode();
            List.of("read_orders", "write_fulfillments", "write_merchant_managed_fulfillment_orders")
                    .forEach(s -> scopes.addObject().put("handle", s));
            data.putObject("currentAppInstallation").set("accessScopes", scopes);
            final ArrayNode nodes = data.putObject("orders").putArray("nodes");
            orders.stream().limit(1).forEach(o -> nodes.addObject().put("id", o.id).put("name", o.name)
                    .putObject("fulfillmentOrders").putArray("nodes"));
        } else if (query.contains("orders(")) {
            operations.add("ORDER_BY_NAME");
            final String search = variables.path("query").asText();
            final String name = search.replaceFirst("^name:\"?", "").replaceFirst("\"$", "");
            final ArrayNode nodes = data.putObject("orders").putArray("nodes");
            orders.stream().filter(o -> o.name.equals(name) || o.name.equals("#" + name)).limit(1).forEach(o -> nodes.add(orderNode(o)));
        } else if (query.contains("draftOrders(")) {
            // this shop has no drafts: a name no order has is unknown
            operations.add("DRAFTS_BY_NAME");
            data.putObject("draftOrders").putArray("nodes");
        } else if (query.contains("order(id:")) {
            operations.add("ORDER_BY_ID");
            final String id = variables.path("id").asText();
            data.set("order", orders.stream().filter(o -> o.id.equals(id)).findFirst().<JsonNode>map(StubShopify::orderNode)
                    .orElse(MAPPER.nullNode()));
        } else {
            return "{\"errors\":[{\"message\":\"unknown document\",\"extensions\":{\"code\":\"undefinedField\"}}]}";
        }
        return "{\"data\":" + MAPPER.writeValueAsString(data) + ",\"extensions\":{\"cost\":" + COST + "}}";
    }

    private static ObjectNode orderNode(final Order order) {
        final ObjectNode node = MAPPER.createObjectNode().put("id", order.id).put("name", order.name);
        final ArrayNode fos = node.putObject("fulfillmentOrders").putArray("nodes");
        for (final FoState fo : order.fulfillmentOrders) {
            final ObjectNode foNode = fos.addObject().put("id", fo.id).put("status", fo.status);
            foNode.putObject("assignedLocation").put("name", fo.locationName)
                    .putObject("location").put("id", fo.locationId).put("name", fo.locationName);
            final ArrayNode lines = foNode.putObject("lineItems").putArray("nodes");
            for (final FoLine line : fo.lines) {
                lines.addObject().put("id", line.id).put("remainingQuantity", line.remaining)
                        .putObject("lineItem").put("id", line.lineItemId).put("sku", line.sku);
            }
        }
        final ArrayNode fulfillments = node.putArray("fulfillments");
        order.fulfillments.forEach(f -> fulfillments.add(fulfillmentNode(f)));
        return node;
    }

    private static ObjectNode fulfillmentNode(final FulfillmentState fulfillment) {
        final ObjectNode node = MAPPER.createObjectNode().put("id", fulfillment.id).put("status", fulfillment.status);
        final ArrayNode tracking = node.putArray("trackingInfo");
        fulfillment.tracking.forEach(t -> tracking.addObject().put("number", t.number()).put("company", t.company()).put("url", t.url()));
        return node;
    }

    private ObjectNode create(final JsonNode input) {
        final List<FoState> chosen = new ArrayList<>();
        Order owner = null;
        for (final JsonNode entry : input.path("lineItemsByFulfillmentOrder")) {
            final String foId = entry.path("fulfillmentOrderId").asText();
            Order orderOfFo = null;
            FoState fo = null;
            for (final Order order : orders) {
                for (final FoState candidate : order.fulfillmentOrders) {
                    if (candidate.id.equals(foId)) {
                        orderOfFo = order;
                        fo = candidate;
                    }
                }
            }
            if (fo == null) {
                return userError(List.of("fulfillment"), "Fulfillment order does not exist.");
            }
            if (owner != null && owner != orderOfFo) {
                return userError(List.of("fulfillment"), "All fulfillment orders must belong to the same order.");
            }
            if (!chosen.isEmpty() && !chosen.getFirst().locationId.equals(fo.locationId)) {
                return userError(List.of("fulfillment"), "All fulfillment orders must be assigned to a single location.");
            }
            if (!fo.status.equals("OPEN") && !fo.status.equals("IN_PROGRESS")) {
                return userError(List.of("fulfillment"), "Fulfillment order " + foId.substring(foId.lastIndexOf('/') + 1)
                        + " has an unfulfillable status= " + fo.status.toLowerCase() + ".");
            }
            owner = orderOfFo;
            chosen.add(fo);
        }
        // check every quantity before changing anything: Shopify's mutation is all or nothing
        final Map<String, Integer> quantities = new LinkedHashMap<>();
        int entryIndex = 0;
        for (final JsonNode entry : input.path("lineItemsByFulfillmentOrder")) {
            final FoState fo = chosen.get(entryIndex);
            final JsonNode lines = entry.path("fulfillmentOrderLineItems");
            if (lines.isMissingNode() || lines.isNull()) {
                fo.lines.forEach(l -> quantities.merge(l.id, l.remaining, Integer::sum));
            } else {
                int lineIndex = 0;
                for (final JsonNode line : lines) {
                    final FoLine target = fo.lines.stream().filter(l -> l.id.equals(line.path("id").asText())).findFirst().orElse(null);
                    if (target == null) {
                        return userError(List.of("fulfillment"), "Fulfillment order line item does not exist.");
                    }
                    final int quantity = line.path("quantity").asInt();
                    if (quantity <= 0) {
                        return userError(List.of("fulfillment", "lineItemsByFulfillmentOrder", String.valueOf(entryIndex),
                                "fulfillmentOrderLineItems", String.valueOf(lineIndex), "quantity"), "Quantity must be greater than 0");
                    }
                    if (quantity > target.remaining) {
                        return userError(List.of("fulfillment"), "Invalid fulfillment order line item quantity requested.");
                    }
                    quantities.merge(target.id, quantity, Integer::sum);
                    lineIndex++;
                }
            }
            entryIndex++;
        }
        quantities.values().removeIf(q -> q == 0);
        if (quantities.isEmpty()) {
            return userError(List.of("fulfillment"), "Fulfillment order line items must have a positive quantity.");
        }
        for (final FoState fo : chosen) {
            for (final FoLine line : fo.lines) {
                line.remaining -= quantities.getOrDefault(line.id, 0);
            }
            fo.status = fo.lines.stream().allMatch(l -> l.remaining == 0) ? "CLOSED" : "IN_PROGRESS";
        }
        final FulfillmentState fulfillment = new FulfillmentState("gid://shopify/Fulfillment/" + ids.incrementAndGet(), quantities);
        fulfillment.tracking.addAll(tracking(input.path("trackingInfo")));
        Objects.requireNonNull(owner).fulfillments.add(fulfillment);
        final ObjectNode payload = MAPPER.createObjectNode();
        payload.set("fulfillment", fulfillmentNode(fulfillment));
        payload.putArray("userErrors");
        return payload;
    }

    private ObjectNode updateTracking(final String fulfillmentId, final JsonNode input) {
        final FulfillmentState fulfillment = orders.stream().flatMap(o -> o.fulfillments.stream()).filter(f -> f.id.equals(fulfillmentId))
                .findFirst().orElse(null);
        if (fulfillment == null) {
            return userError(List.of("fulfillmentId"), "Fulfillment does not exist.");
        }
        fulfillment.tracking.clear();
        fulfillment.tracking.addAll(tracking(input));
        final ObjectNode payload = MAPPER.createObjectNode();
        payload.set("fulfillment", fulfillmentNode(fulfillment));
        payload.putArray("userErrors");
        return payload;
    }

    /** fulfillmentEventCreate: appended as received, twice if sent twice (Shopify has no idempotency key for it). */
    private ObjectNode createEvent(final JsonNode input) {
        final String fulfillmentId = input.path("fulfillmentId").asText();
        final FulfillmentState fulfillment = orders.stream().flatMap(o -> o.fulfillments.stream()).filter(f -> f.id.equals(fulfillmentId))
                .findFirst().orElse(null);
        final ObjectNode payload = MAPPER.createObjectNode();
        if (fulfillment == null) {
            payload.putNull("fulfillmentEvent");
            final ObjectNode error = payload.putArray("userErrors").addObject();
            error.putArray("field").add("fulfillmentEvent").add("fulfillmentId");
            error.put("message", "Fulfillment does not exist.");
            return payload;
        }
        final Map<String, String> event = new LinkedHashMap<>();
        input.fields().forEachRemaining(field -> event.put(field.getKey(), field.getValue().asText()));
        if (!event.containsKey("happenedAt")) {
            event.put("happenedAt", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        } else {
            event.put("happenedAt", java.time.OffsetDateTime.parse(event.get("happenedAt")).toInstant().toString());
        }
        fulfillment.events.add(event);
        payload.putObject("fulfillmentEvent").put("id", "gid://shopify/FulfillmentEvent/" + ids.incrementAndGet())
                .put("status", event.get("status")).put("happenedAt", event.get("happenedAt"));
        payload.putArray("userErrors");
        return payload;
    }

    /** Shopify's reading of FulfillmentTrackingInput: numbers (or number), urls (or url), one company for all. */
    private static List<TrackingInfo> tracking(final JsonNode input) {
        final List<String> numbers = new ArrayList<>();
        input.path("numbers").forEach(n -> numbers.add(n.asText()));
        if (numbers.isEmpty() && input.hasNonNull("number")) {
            numbers.add(input.get("number").asText());
        }
        final List<String> urls = new ArrayList<>();
        input.path("urls").forEach(u -> urls.add(u.asText()));
        if (urls.isEmpty() && input.hasNonNull("url")) {
            urls.add(input.get("url").asText());
        }
        final String company = input.hasNonNull("company") ? input.get("company").asText() : null;
        final List<TrackingInfo> tracking = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            // like Shopify, a known company without a URL gets one built
            final String url = i < urls.size() ? urls.get(i) : company == null ? null : "https://track.example/" + company.replace(' ', '-') + "/" + numbers.get(i);
            tracking.add(new TrackingInfo(numbers.get(i), company, url));
        }
        return tracking;
    }

    private static ObjectNode userError(final List<String> field, final String message) {
        final ObjectNode payload = MAPPER.createObjectNode();
        payload.putNull("fulfillment");
        final ObjectNode error = payload.putArray("userErrors").addObject();
        final ArrayNode fieldNode = error.putArray("field");
        field.forEach(fieldNode::add);
        error.put("message", message);
        return payload;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
