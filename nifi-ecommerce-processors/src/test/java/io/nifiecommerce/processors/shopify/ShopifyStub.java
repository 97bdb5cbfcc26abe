package io.nifiecommerce.processors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Shopify Admin GraphQL stand-in for processor tests: orders in the shape of the captures
 * (gids, MoneyBags with decimal strings, PurchasingCompany for B2B), searched by updated_at window,
 * sorted by updatedAt, paged with opaque cursors, line items paged per order; throttling, 429 and
 * 5xx on demand; a configurable served API version; bulk operations with a grouped JSONL result.
 */
final class ShopifyStub implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LOWER = Pattern.compile("updated_at:>='([^']+)'");
    private static final Pattern UPPER = Pattern.compile("updated_at:<='([^']+)'");
    private static final Pattern TAG = Pattern.compile("tag:(\\w+)");

    /** A canned failure answered instead of the next GraphQL request. */
    record Fault(int status, String body, Map<String, String> headers) {
        static Fault throttled() {
            return new Fault(200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}],"
                    + "\"extensions\":{\"cost\":{\"requestedQueryCost\":50,\"actualQueryCost\":null,"
                    + "\"throttleStatus\":{\"maximumAvailable\":2000.0,\"currentlyAvailable\":1990,\"restoreRate\":100.0}}}}", Map.of());
        }

        static Fault tooManyRequests() {
            return new Fault(429, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]}", Map.of("Retry-After", "0"));
        }

        static Fault unavailable() {
            return new Fault(503, "Service Unavailable", Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    final List<String> operations = new CopyOnWriteArrayList<>();
    final List<String> searches = new CopyOnWriteArrayList<>();
    final AtomicInteger pageRequests = new AtomicInteger();
    final AtomicInteger costPoints = new AtomicInteger();
    volatile String servedVersion;
    volatile String expectedToken = "shpat_test";
    volatile List<String> scopes = List.of("read_orders", "read_all_orders");
    /** Runs after each orders page is answered (to change orders while a client pages). */
    volatile Consumer<Integer> afterPage = page -> { };
    volatile int bulkPollsBeforeCompletion = 1;
    private final AtomicInteger bulkPolls = new AtomicInteger();
    private volatile String bulkSearch;

    ShopifyStub(final String servedVersion) throws IOException {
        this.servedVersion = servedVersion;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/api/", this::graphQl);
        server.createContext("/bulk/result.jsonl", this::bulkResult);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void fail(final Fault... next) {
        faults.addAll(List.of(next));
    }

    void put(final ObjectNode order) {
        orders.put(order.path("id").asText(), order);
    }

    ObjectNode order(final String id) {
        return orders.get(id);
    }

    /** An order as orders-page.graphql selects it, in the captures' shapes. */
    static ObjectNode order(final long number, final Instant updatedAt, final boolean b2b, final int lineCount) {
        final ObjectNode order = MAPPER.createObjectNode();
        order.put("id", "gid://shopify/Order/" + (8938752442674L + number));
        order.put("name", "#" + (1000 + number));
        order.put("createdAt", updatedAt.minusSeconds(3600).toString());
        order.put("updatedAt", updatedAt.toString());
        order.put("processedAt", updatedAt.minusSeconds(3600).toString());
        order.putNull("cancelledAt");
        order.put("currencyCode", "EUR");
        order.put("taxesIncluded", true);
        order.put("displayFinancialStatus", "PAID");
        order.put("displayFulfillmentStatus", "UNFULFILLED");
        if (b2b) {
            order.put("poNumber", "PO-" + number);
        } else {
            order.putNull("poNumber");
        }
        order.putArray("tags").add("validated");
        order.put("email", "buyer" + number + "@example.com");
        order.putNull("phone");
        order.putNull("note");
        order.put("sourceName", b2b ? "shopify_draft_order" : "web");
        final ObjectNode customer = order.putObject("customer");
        customer.put("id", "gid://shopify/Customer/" + (10947250880818L + number));
        customer.put("email", "buyer" + number + "@example.com");
        customer.put("firstName", "Ada");
        customer.put("lastName", "Buyer" + number);
        customer.putNull("phone");
        final ObjectNode entity = order.putObject("purchasingEntity");
        if (b2b) {
            entity.put("__typename", "PurchasingCompany");
            final ObjectNode company = entity.putObject("company");
            company.put("id", "gid://shopify/Company/5738955058");
            company.put("externalId", "C-042");
            company.put("name", "Maison Dupont SARL");
            final ObjectNode location = entity.putObject("location");
            location.put("id", "gid://shopify/CompanyLocation/8612086066");
            location.put("externalId", "L-042-PARIS");
            location.put("name", "Paris HQ");
            location.putObject("taxSettings").put("taxRegistrationId", "FR12345678901");
            final ObjectNode contact = entity.putObject("contact").putObject("customer");
            contact.put("id", "gid://shopify/Customer/77");
            contact.put("email", "achats@dupont.example");
            contact.put("firstName", "Claire");
            contact.put("lastName", "Dupont");
            contact.put("phone", "+33100000000");
        } else {
            entity.put("__typename", "Customer");
        }
        final ObjectNode address = MAPPER.createObjectNode();
        address.put("name", "Ada Buyer");
        address.putNull("company");
        address.put("address1", "1 rue de Rivoli");
        address.putNull("address2");
        address.put("city", "Paris");
        address.putNull("province");
        address.put("zip", "75001");
        address.put("countryCodeV2", "FR");
        address.putNull("phone");
        order.set("billingAddress", address);
        order.set("shippingAddress", address.deepCopy());
        BigDecimalSum total = new BigDecimalSum();
        final ArrayNode lines = MAPPER.createArrayNode();
        for (int i = 1; i <= lineCount; i++) {
            final ObjectNode line = lines.addObject();
            line.put("id", "gid://shopify/LineItem/" + (19924909883698L + number * 1000 + i));
            line.put("sku", "SKU-" + i);
            line.put("name", "Line " + i);
            line.put("quantity", 2);
            line.putObject("variant").put("barcode", "376000000000" + i);
            money(line, "originalUnitPriceSet", "12.0");
            final ArrayNode discounts = line.putArray("discountAllocations");
            discounts.addObject().set("allocatedAmountSet", moneyBag("1.5"));
            discounts.addObject().set("allocatedAmountSet", moneyBag("0.5"));
            final ObjectNode tax = line.putArray("taxLines").addObject();
            tax.put("rate", 0.2);
            tax.set("priceSet", moneyBag("3.67"));
            total.add("22.0");
        }
        order.putObject("lineItems").set("nodes", lines);
        final ObjectNode shipping = MAPPER.createObjectNode();
        shipping.put("code", "colissimo");
        shipping.put("title", "Colissimo");
        shipping.set("originalPriceSet", moneyBag("4.9"));
        shipping.putArray("discountAllocations");
        final ObjectNode shippingTax = shipping.putArray("taxLines").addObject();
        shippingTax.put("rate", 0.2);
        shippingTax.set("priceSet", moneyBag("0.82"));
        order.putObject("shippingLines").putArray("nodes").add(shipping);
        money(order, "subtotalPriceSet", total.text());
        money(order, "totalDiscountsSet", "0.0");
        money(order, "totalShippingPriceSet", "4.9");
        money(order, "totalTaxSet", "4.49");
        money(order, "totalPriceSet", total.plus("4.9"));
        return order;
    }

    private static final class BigDecimalSum {
        private java.math.BigDecimal sum = java.math.BigDecimal.ZERO;

        void add(final String amount) {
            sum = sum.add(new java.math.BigDecimal(amount));
        }

        String text() {
            return sum.toPlainString();
        }

        String plus(final String amount) {
            return sum.add(new java.math.BigDecimal(amount)).toPlainString();
        }
    }

    private static void money(final ObjectNode node, final String field, final String amount) {
        node.set(field, moneyBag(amount));
    }

    private static ObjectNode moneyBag(final String amount) {
        final ObjectNode bag = MAPPER.createObjectNode();
        bag.putObject("shopMoney").put("amount", amount);
        return bag;
    }

    private void graphQl(final HttpExchange exchange) throws IOException {
        final JsonNode request = MAPPER.readTree(exchange.getRequestBody());
        final String token = exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token");
        final String query = request.path("query").asText();
        final JsonNode variables = request.path("variables");
        final Fault fault = faults.poll();
        if (fault != null) {
            operations.add("fault:" + fault.status());
            fault.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            respond(exchange, fault.status(), fault.body());
            return;
        }
        if (expectedToken != null && !expectedToken.equals(token)) {
            operations.add("unauthorized");
            respond(exchange, 401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
            return;
        }
        final ObjectNode data = MAPPER.createObjectNode();
        int requested = 1;
        if (query.contains("FetchOrdersPage")) {
            operations.add("page");
            requested = ordersPage(variables, data);
        } else if (query.contains("FetchOrderLineItems")) {
            operations.add("lines");
            requested = lineItems(variables, data);
        } else if (query.contains("VerifyShop")) {
            operations.add("shop");
            data.putObject("shop").put("name", "Maison Test").put("myshopifyDomain", "maison-test.myshopify.com");
            final ArrayNode handles = data.putObject("currentAppInstallation").putArray("accessScopes");
            scopes.forEach(scope -> handles.addObject().put("handle", scope));
            requested = 2;
        } else if (query.contains("CountOrders")) {
            operations.add("count");
            final List<ObjectNode> matching = matching(variables.path("query").asText());
            data.putObject("ordersCount").put("count", matching.size()).put("precision", "EXACT");
            requested = 10;
        } else if (query.contains("RunBulkOrders")) {
            operations.add("bulkRun");
            bulkSearch = extractBulkSearch(variables.path("query").asText());
            bulkPolls.set(0);
            final ObjectNode payload = data.putObject("bulkOperationRunQuery");
            payload.putObject("bulkOperation").put("id", "gid://shopify/BulkOperation/8001977286962").put("status", "CREATED");
            payload.putArray("userErrors");
            requested = 10;
        } else if (query.contains("BulkOperationStatus")) {
            operations.add("bulkStatus");
            final ObjectNode operation = data.putObject("bulkOperation");
            operation.put("id", variables.path("id").asText());
            final boolean done = bulkPolls.incrementAndGet() > bulkPollsBeforeCompletion;
            operation.put("status", done ? "COMPLETED" : "RUNNING");
            operation.putNull("errorCode");
            operation.put("objectCount", done ? String.valueOf(matching(bulkSearch).size()) : "0");
            operation.put("url", done ? baseUrl() + "/bulk/result.jsonl" : null);
        } else {
            respond(exchange, 200, "{\"errors\":[{\"message\":\"unknown operation\",\"extensions\":{\"code\":\"undefinedField\"}}]}");
            return;
        }
        costPoints.addAndGet(requested);
        final ObjectNode body = MAPPER.createObjectNode();
        body.set("data", data);
        final ObjectNode cost = body.putObject("extensions").putObject("cost");
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", requested);
        cost.putObject("throttleStatus").put("maximumAvailable", 2000.0).put("currentlyAvailable", 1990).put("restoreRate", 100.0);
        respond(exchange, 200, MAPPER.writeValueAsString(body));
    }

    private static String extractBulkSearch(final String bulkQuery) {
        final Matcher matcher = Pattern.compile("orders\\(query: \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(bulkQuery);
        return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
    }

    private int ordersPage(final JsonNode variables, final ObjectNode data) {
        final int page = pageRequests.incrementAndGet();
        searches.add(variables.path("query").asText());
        final int first = variables.path("first").asInt();
        final int lineItemsFirst = variables.path("lineItemsFirst").asInt();
        final List<ObjectNode> matching = matching(variables.path("query").asText());
        final String after = variables.path("after").isNull() ? null : variables.path("after").asText(null);
        int start = 0;
        if (after != null) {
            start = matching.size();
            for (int i = 0; i < matching.size(); i++) {
                if (sortKey(matching.get(i)).compareTo(after) > 0) {
                    start = i;
                    break;
                }
            }
        }
        final ArrayNode nodes = data.putObject("orders").putArray("nodes");
        final int end = Math.min(matching.size(), start + first);
        for (int i = start; i < end; i++) {
            final ObjectNode node = matching.get(i).deepCopy();
            final ArrayNode lines = (ArrayNode) node.path("lineItems").path("nodes");
            final ObjectNode pageInfo = ((ObjectNode) node.path("lineItems")).putObject("pageInfo");
            pageInfo.put("hasNextPage", lines.size() > lineItemsFirst);
            pageInfo.put("endCursor", "line:" + Math.min(lines.size(), lineItemsFirst));
            while (lines.size() > lineItemsFirst) {
                lines.remove(lines.size() - 1);
            }
            nodes.add(node);
        }
        final ObjectNode pageInfo = ((ObjectNode) data.path("orders")).putObject("pageInfo");
        pageInfo.put("hasNextPage", end < matching.size());
        pageInfo.put("endCursor", end > start ? sortKey(matching.get(end - 1)) : after);
        afterPage.accept(page);
        // sub-linear like Shopify's own sizing: never more than the documented worst case
        return 3 + (int) Math.ceil(Math.sqrt(first) * 12);
    }

    private int lineItems(final JsonNode variables, final ObjectNode data) {
        final ObjectNode order = orders.get(variables.path("id").asText());
        final int first = variables.path("first").asInt();
        final int from = Integer.parseInt(variables.path("after").asText().substring("line:".length()));
        final ArrayNode all = (ArrayNode) order.path("lineItems").path("nodes");
        final ObjectNode lineItems = data.putObject("order").put("id", order.path("id").asText()).putObject("lineItems");
        final ArrayNode nodes = lineItems.putArray("nodes");
        final int to = Math.min(all.size(), from + first);
        for (int i = from; i < to; i++) {
            nodes.add(all.get(i).deepCopy());
        }
        lineItems.putObject("pageInfo").put("hasNextPage", to < all.size()).put("endCursor", "line:" + to);
        return 5;
    }

    /** Orders matching the search's updated_at bounds and tag, sorted by (updatedAt, id) like sortKey UPDATED_AT. */
    List<ObjectNode> matching(final String search) {
        final Matcher lower = LOWER.matcher(search);
        final Matcher upper = UPPER.matcher(search);
        final Instant from = lower.find() ? Instant.parse(lower.group(1)) : null;
        final Instant to = upper.find() ? Instant.parse(upper.group(1)) : null;
        final Matcher tag = TAG.matcher(search);
        final String requiredTag = tag.find() ? tag.group(1) : null;
        final List<ObjectNode> matching = new ArrayList<>();
        for (final ObjectNode order : orders.values()) {
            final Instant updatedAt = Instant.parse(order.path("updatedAt").asText());
            if (from != null && updatedAt.isBefore(from) || to != null && updatedAt.isAfter(to)) {
                continue;
            }
            if (requiredTag != null) {
                boolean tagged = false;
                for (final JsonNode t : order.path("tags")) {
                    tagged |= t.asText().equals(requiredTag);
                }
                if (!tagged) {
                    continue;
                }
            }
            matching.add(order);
        }
        matching.sort(Comparator.comparing(ShopifyStub::sortKey));
        return matching;
    }

    private static String sortKey(final ObjectNode order) {
        return Instant.parse(order.path("updatedAt").asText()).toEpochMilli() + ":" + order.path("id").asText();
    }

    /** Grouped JSONL, as Shopify writes it with groupObjects: each order, then its lines and shipping lines. */
    private void bulkResult(final HttpExchange exchange) throws IOException {
        final StringBuilder jsonl = new StringBuilder();
        for (final ObjectNode order : matching(bulkSearch)) {
            final ObjectNode parent = order.deepCopy();
            final JsonNode lines = parent.remove("lineItems").path("nodes");
            final JsonNode shippingLines = parent.remove("shippingLines").path("nodes");
            jsonl.append(MAPPER.writeValueAsString(parent)).append('\n');
            for (final JsonNode line : lines) {
                final ObjectNode child = ((ObjectNode) line).deepCopy();
                child.put("__typename", "LineItem");
                child.put("__parentId", order.path("id").asText());
                jsonl.append(MAPPER.writeValueAsString(child)).append('\n');
            }
            for (final JsonNode shipping : shippingLines) {
                final ObjectNode child = ((ObjectNode) shipping).deepCopy();
                child.put("__typename", "ShippingLine");
                child.put("__parentId", order.path("id").asText());
                jsonl.append(MAPPER.writeValueAsString(child)).append('\n');
            }
        }
        operations.add("download");
        respond(exchange, 200, jsonl.toString());
    }

    private void respond(final HttpExchange exchange, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (servedVersion != null) {
            exchange.getResponseHeaders().add("X-Shopify-API-Version", servedVersion);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
