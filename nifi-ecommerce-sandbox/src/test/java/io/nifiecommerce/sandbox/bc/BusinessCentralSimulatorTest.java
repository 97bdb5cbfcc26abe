package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessCentralSimulatorTest {

    private HttpServer server;
    private BusinessCentralSimulator simulator;
    private SandboxStats stats;
    private FaultInjector injector;
    private BcCompany company;
    private BcTestClient client;
    private String base;

    private void start(final BcSimulatorConfig config) throws IOException {
        stats = new SandboxStats();
        injector = new FaultInjector(FaultPlan.NONE, 7L, stats);
        simulator = new BusinessCentralSimulator(config, injector, stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        company = simulator.createCompany("CRONUS FR");
        company.putCustomer("C10000", "Adatum Corporation", "buyer@adatum.example", "FR12345678901");
        company.putItem("1000", "Bicycle", "03012345678900", new BigDecimal("10.00"), new BigDecimal("50"));
        company.putItem("1001", "Helmet", "", new BigDecimal("5.50"), new BigDecimal("20"));
        client = new BcTestClient(simulator.apiUrl(base), simulator.issueToken());
    }

    private void start() throws IOException {
        start(BcSimulatorConfig.defaults());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String orders() {
        return "companies(" + company.id() + ")/salesOrders";
    }

    private static ObjectNode order(final String externalDocumentNumber) {
        final ObjectNode order = BcTestClient.MAPPER.createObjectNode();
        order.put("externalDocumentNumber", externalDocumentNumber).put("customerNumber", "C10000");
        final ArrayNode lines = order.putArray("salesOrderLines");
        lines.addObject().put("lineType", "Item").put("lineObjectNumber", "1000").put("quantity", 2);
        lines.addObject().put("lineType", "Item").put("lineObjectNumber", "1001").put("quantity", 1);
        return order;
    }

    @Test
    void tokenFlowIssuesBearerTokensThatExpire() throws Exception {
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
        start(BcSimulatorConfig.defaults().withClock(clock).withTokenLifetime(Duration.ofSeconds(60)));
        final BcSimulatorConfig config = simulator.config();
        final String form = "grant_type=client_credentials&client_id=" + config.clientId() + "&client_secret=" + config.clientSecret()
                + "&scope=" + BcTestClient.encode(EntraTokenIssuer.BC_SCOPE);
        final HttpResponse<String> issued = BcTestClient.form(simulator.tokenUrl(base), form);
        assertEquals(200, issued.statusCode());
        final JsonNode token = BcTestClient.MAPPER.readTree(issued.body());
        assertEquals("Bearer", token.path("token_type").asText());
        assertEquals(60, token.path("expires_in").asInt());

        final HttpResponse<String> wrongSecret = BcTestClient.form(simulator.tokenUrl(base), form.replace(config.clientSecret(), "nope"));
        assertEquals(401, wrongSecret.statusCode());
        assertEquals("invalid_client", BcTestClient.MAPPER.readTree(wrongSecret.body()).path("error").asText());
        assertTrue(BcTestClient.MAPPER.readTree(wrongSecret.body()).path("error_description").asText().startsWith("AADSTS7000215"));

        client.token(null);
        final BcTestClient.Reply anonymous = client.get("companies");
        assertEquals(401, anonymous.status());
        assertEquals("Authentication_InvalidCredentials", anonymous.errorCode());

        client.token(token.path("access_token").asText());
        final BcTestClient.Reply companies = client.get("companies");
        assertEquals(200, companies.status());
        assertEquals("CRONUS FR", companies.json().path("value").get(0).path("name").asText());

        clock.advance(Duration.ofSeconds(61));
        final BcTestClient.Reply expired = client.get("companies");
        assertEquals(401, expired.status());
        assertTrue(expired.header("WWW-Authenticate").contains("invalid_token"));
    }

    @Test
    void deepInsertCreatesOrderAndLinesWithTotals() throws Exception {
        start();
        final BcTestClient.Reply created = client.post(orders(), order("SHOP-1001"));
        assertEquals(201, created.status(), created.json().toString());
        final JsonNode body = created.json();
        assertEquals("S-ORD101001", body.path("number").asText());
        assertEquals("SHOP-1001", body.path("externalDocumentNumber").asText());
        assertEquals("Adatum Corporation", body.path("customerName").asText());
        assertEquals(0, new BigDecimal("25.50").compareTo(body.path("totalAmountExcludingTax").decimalValue()));
        assertEquals(0, new BigDecimal("5.10").compareTo(body.path("totalTaxAmount").decimalValue()));
        assertEquals(0, new BigDecimal("30.60").compareTo(body.path("totalAmountIncludingTax").decimalValue()));
        assertTrue(body.path("@odata.etag").asText().startsWith("W/\""));
        final JsonNode lines = body.path("salesOrderLines");
        assertEquals(2, lines.size());
        assertEquals(10000, lines.get(0).path("sequence").asInt());
        assertEquals("Bicycle", lines.get(0).path("description").asText());
        assertEquals(0, new BigDecimal("20.00").compareTo(lines.get(0).path("amountExcludingTax").decimalValue()));
        assertTrue(created.header("Location").endsWith("salesOrders(" + body.path("id").asText() + ")"));

        final BcTestClient.Reply read = client.get(orders() + "(" + body.path("id").asText() + ")?$expand=salesOrderLines");
        assertEquals(200, read.status());
        assertEquals(2, read.json().path("salesOrderLines").size());
        final BcTestClient.Reply navigation = client.get(orders() + "(" + body.path("id").asText() + ")/salesOrderLines");
        assertEquals(2, navigation.json().path("value").size());

        // Deep insert is atomic: a bad second line leaves nothing behind and gives its number back.
        final ObjectNode bad = order("SHOP-1002");
        ((ObjectNode) bad.path("salesOrderLines").get(1)).put("lineObjectNumber", "NOPE");
        final BcTestClient.Reply rejected = client.post(orders(), bad);
        assertEquals(400, rejected.status());
        assertEquals("Application_DialogException", rejected.errorCode());
        assertTrue(rejected.json().path("error").path("message").asText().contains("The Item does not exist"));
        assertEquals(1, company.salesOrders().size());
        assertEquals(2, company.salesOrders().get(0).path("salesOrderLines").size());
        assertEquals("S-ORD101002", client.post(orders(), order("SHOP-1003")).json().path("number").asText());
    }

    @Test
    void unknownCustomerIsRejected() throws Exception {
        start();
        final ObjectNode order = order("SHOP-1");
        order.put("customerNumber", "C99999");
        final BcTestClient.Reply reply = client.post(orders(), order);
        assertEquals(400, reply.status());
        assertEquals("Application_DialogException", reply.errorCode());
        assertTrue(reply.json().path("error").path("message").asText().contains("No.='C99999'"));
        assertTrue(reply.json().path("error").path("message").asText().contains("CorrelationId"));
        assertEquals(0, company.salesOrders().size());

        company.putCustomer(BcTestClient.MAPPER.createObjectNode().put("number", "C10000").put("blocked", "All"));
        final BcTestClient.Reply blocked = client.post(orders(), order("SHOP-2"));
        assertEquals(400, blocked.status());
        assertTrue(blocked.json().path("error").path("message").asText().contains("is blocked with type All"));
    }

    @Test
    void filtersFindOrdersByExternalDocumentNumber() throws Exception {
        start();
        for (int i = 1; i <= 6; i++) {
            assertEquals(201, client.post(orders(), order("SHOP-" + i)).status());
        }
        final BcTestClient.Reply in = client.get(orders() + "?$filter=" + BcTestClient.encode("externalDocumentNumber in ('SHOP-2','SHOP-5','SHOP-9')"));
        assertEquals(200, in.status(), in.json().toString());
        assertEquals(Set.of("SHOP-2", "SHOP-5"), references(in.json()));

        final BcTestClient.Reply or = client.get(orders() + "?$filter=" + BcTestClient.encode(
                "externalDocumentNumber eq 'SHOP-1' or externalDocumentNumber eq 'SHOP-3' or externalDocumentNumber eq 'SHOP-6'"));
        assertEquals(Set.of("SHOP-1", "SHOP-3", "SHOP-6"), references(or.json()));

        final BcTestClient.Reply grouped = client.get(orders() + "?$filter=" + BcTestClient.encode(
                "(externalDocumentNumber eq 'SHOP-1' or externalDocumentNumber eq 'SHOP-2') and totalAmountIncludingTax gt 30 and number ne 'S-ORD101002'"));
        assertEquals(Set.of("SHOP-1"), references(grouped.json()));

        final String since = company.salesOrders().get(2).path("lastModifiedDateTime").asText();
        final BcTestClient.Reply dates = client.get(orders() + "?$filter=" + BcTestClient.encode("lastModifiedDateTime ge " + since)
                + "&$select=externalDocumentNumber,number&$orderby=number%20desc&$top=2");
        assertEquals(2, dates.json().path("value").size());
        assertEquals("SHOP-6", dates.json().path("value").get(0).path("externalDocumentNumber").asText());
        assertFalse(dates.json().path("value").get(0).has("customerNumber"));

        final BcTestClient.Reply unknown = client.get(orders() + "?$filter=" + BcTestClient.encode("trackingNumber eq 'X'"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().path("error").path("message").asText().contains("Could not find a property named 'trackingNumber'"));
    }

    private static Set<String> references(final JsonNode page) {
        final Set<String> references = new HashSet<>();
        page.path("value").forEach(order -> references.add(order.path("externalDocumentNumber").asText()));
        return references;
    }

    @Test
    void pagingFollowsNextLinks() throws Exception {
        start();
        for (int i = 0; i < 25; i++) {
            company.createSalesOrder(order("PAGE-" + i));
        }
        final List<String> ids = new ArrayList<>();
        String next = orders() + "?$select=id,number";
        int pages = 0;
        while (next != null) {
            final BcTestClient.Reply page = client.get(next, Map.of("Prefer", "odata.maxpagesize=10"));
            assertEquals(200, page.status());
            assertTrue(page.json().path("@odata.context").asText().contains("$metadata#companies("));
            page.json().path("value").forEach(order -> ids.add(order.path("id").asText()));
            next = page.json().hasNonNull("@odata.nextLink") ? page.json().path("@odata.nextLink").asText() : null;
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(25, ids.size());
        assertEquals(25, new HashSet<>(ids).size());
    }

    @Test
    void batchRunsOperationsIndependently() throws Exception {
        start();
        final ObjectNode batch = BcTestClient.MAPPER.createObjectNode();
        final ArrayNode requests = batch.putArray("requests");
        for (int i = 1; i <= 3; i++) {
            final ObjectNode body = order("BATCH-" + i);
            if (i == 2) {
                body.put("customerNumber", "UNKNOWN");
            }
            requests.addObject().put("id", String.valueOf(i)).put("method", "POST").put("url", orders())
                    .set("body", body);
        }
        requests.addObject().put("id", "4").put("method", "GET").put("url", orders() + "?$filter=externalDocumentNumber%20eq%20'BATCH-1'");
        final BcTestClient.Reply reply = client.post("$batch", batch);
        assertEquals(200, reply.status(), reply.json().toString());
        final JsonNode responses = reply.json().path("responses");
        assertEquals(List.of(201, 400, 201, 200), List.of(responses.get(0).path("status").asInt(), responses.get(1).path("status").asInt(),
                responses.get(2).path("status").asInt(), responses.get(3).path("status").asInt()));
        assertEquals("2", responses.get(1).path("id").asText());
        assertEquals("Application_DialogException", responses.get(1).path("body").path("error").path("code").asText());
        assertEquals(1, responses.get(3).path("body").path("value").size());
        assertEquals(2, company.salesOrders().size());
        assertEquals(1, stats.get("bc.batch.requests"));
        assertEquals(3, stats.get("bc.requests.salesOrders.POST"));
    }

    @Test
    void snapshotBatchRollsBackEverythingOnFailure() throws Exception {
        start();
        final ObjectNode batch = BcTestClient.MAPPER.createObjectNode();
        final ArrayNode requests = batch.putArray("requests");
        for (int i = 1; i <= 3; i++) {
            final ObjectNode body = order("ATOMIC-" + i);
            if (i == 3) {
                body.put("externalDocumentNumber", "X".repeat(36));
            }
            requests.addObject().put("id", "op" + i).put("method", "POST").put("url", orders()).set("body", body);
        }
        final BcTestClient.Reply failed = client.send("POST", "$batch", batch, Map.of("Isolation", "snapshot"));
        assertEquals(200, failed.status());
        for (final JsonNode response : failed.json().path("responses")) {
            assertEquals(400, response.path("status").asInt());
            assertEquals("Application_StringExceededLength", response.path("body").path("error").path("code").asText());
        }
        assertEquals(0, company.salesOrders().size());
        assertEquals(0, stats.get("bc.salesOrders"));

        ((ObjectNode) requests.get(2).path("body")).put("externalDocumentNumber", "ATOMIC-3");
        final BcTestClient.Reply passed = client.send("POST", "$batch", batch, Map.of("Isolation", "snapshot"));
        passed.json().path("responses").forEach(response -> assertEquals(201, response.path("status").asInt()));
        assertEquals(3, company.salesOrders().size());
        assertEquals("S-ORD101001", company.salesOrders().get(0).path("number").asText());

        final ObjectNode tooBig = BcTestClient.MAPPER.createObjectNode();
        final ArrayNode many = tooBig.putArray("requests");
        for (int i = 0; i < 101; i++) {
            many.addObject().put("id", String.valueOf(i)).put("method", "GET").put("url", "companies");
        }
        assertEquals(400, client.post("$batch", tooBig).status());
    }

    @Test
    void patchNeedsCurrentEtag() throws Exception {
        start();
        final JsonNode created = client.post(orders(), order("ETAG-1")).json();
        final String url = orders() + "(" + created.path("id").asText() + ")";
        final String etag = created.path("@odata.etag").asText();
        final ObjectNode change = BcTestClient.MAPPER.createObjectNode().put("shipToName", "Warehouse 7");

        final BcTestClient.Reply missing = client.send("PATCH", url, change, Map.of());
        assertEquals(400, missing.status());
        assertEquals("BadRequest_InvalidToken", missing.errorCode());

        final BcTestClient.Reply patched = client.send("PATCH", url, change, Map.of("If-Match", etag));
        assertEquals(200, patched.status(), patched.json().toString());
        assertEquals("Warehouse 7", patched.json().path("shipToName").asText());
        assertNotEquals(etag, patched.json().path("@odata.etag").asText());

        final BcTestClient.Reply stale = client.send("PATCH", url, change, Map.of("If-Match", etag));
        assertEquals(409, stale.status());
        assertEquals("Request_EntityChanged", stale.errorCode());

        final BcTestClient.Reply deleted = client.send("DELETE", url, null, Map.of("If-Match", patched.json().path("@odata.etag").asText()));
        assertEquals(204, deleted.status());
        assertEquals(404, client.get(url).status());
        assertEquals(0, company.salesOrders().size());
    }

    @Test
    void shipAndInvoiceMovesTheOrderToPostedDocuments() throws Exception {
        start();
        final JsonNode created = client.post(orders(), order("SHIP-1")).json();
        final JsonNode invoice = company.shipAndInvoice(created.path("number").asText());
        assertEquals("S-INV103001", invoice.path("number").asText());
        assertEquals("SHIP-1", invoice.path("externalDocumentNumber").asText());
        assertEquals(created.path("number").asText(), invoice.path("orderNumber").asText());
        assertEquals(0, company.salesOrders().size());
        assertEquals(1, company.salesShipments().size());
        assertEquals("SHIP-1", company.salesShipments().get(0).path("externalDocumentNumber").asText());
        assertEquals(2, company.salesShipments().get(0).path("salesShipmentLines").size());
        assertEquals(0, new BigDecimal("48").compareTo(company.items().get(0).path("inventory").decimalValue()));
        assertEquals(0, stats.get("bc.salesOrders"));
        assertEquals(1, stats.get("bc.salesInvoices"));
        assertEquals(1, stats.get("bc.salesShipments"));
        assertEquals(0, stats.get("bc.duplicates"));

        final BcTestClient.Reply posted = client.get("companies(" + company.id() + ")/salesInvoices?$filter="
                + BcTestClient.encode("externalDocumentNumber eq 'SHIP-1'") + "&$expand=salesInvoiceLines");
        assertEquals(1, posted.json().path("value").size());
        assertEquals(2, posted.json().path("value").get(0).path("salesInvoiceLines").size());
        assertEquals(405, client.post("companies(" + company.id() + ")/salesShipments", BcTestClient.MAPPER.createObjectNode()).status());
        // Posted documents keep Code semantics: a client's lower-case key finds them as it finds open orders.
        final BcTestClient.Reply shipped = client.get("companies(" + company.id() + ")/salesShipments?$filter="
                + BcTestClient.encode("externalDocumentNumber in ('ship-1')"));
        assertEquals(1, shipped.json().path("value").size());
    }

    @Test
    void duplicateExternalDocumentNumbersAreAcceptedAndCounted() throws Exception {
        start();
        assertEquals(201, client.post(orders(), order("DUP-1")).status());
        assertEquals(201, client.post(orders(), order("DUP-1")).status());
        assertEquals(201, client.post(orders(), order("DUP-2")).status());
        assertEquals(1, stats.get("bc.duplicates"));
        company.shipAndInvoice("S-ORD101001");
        assertEquals(1, stats.get("bc.duplicates"));
        assertEquals(201, client.post(orders(), order("DUP-1")).status());
        assertEquals(2, stats.get("bc.duplicates"));
    }

    @Test
    void duplicateKeysAreRejected() throws Exception {
        start();
        final ObjectNode customer = BcTestClient.MAPPER.createObjectNode().put("number", "C10000").put("displayName", "Again");
        final BcTestClient.Reply reply = client.post("companies(" + company.id() + ")/customers", customer);
        assertEquals(400, reply.status());
        assertEquals("Internal_EntityWithSameKeyExists", reply.errorCode());
        final ObjectNode fresh = BcTestClient.MAPPER.createObjectNode().put("displayName", "New Customer");
        final BcTestClient.Reply created = client.post("companies(" + company.id() + ")/customers", fresh);
        assertEquals(201, created.status());
        assertFalse(created.json().path("number").asText().isEmpty());
    }

    @Test
    void customerNumbersEnteredByHandNeedManualNumbers() throws Exception {
        start();
        final ObjectNode numbered = BcTestClient.MAPPER.createObjectNode().put("number", "SHOP-7398465798423").put("displayName", "Shop Buyer");
        company.manualCustomerNumbers(false);
        final BcTestClient.Reply refused = client.post("companies(" + company.id() + ")/customers", numbered);
        assertEquals(400, refused.status());
        assertEquals("Application_DialogException", refused.errorCode());
        company.manualCustomerNumbers(true);
        final BcTestClient.Reply created = client.post("companies(" + company.id() + ")/customers", numbered);
        assertEquals(201, created.status());
        assertEquals("SHOP-7398465798423", created.json().path("number").asText());
        final BcTestClient.Reply again = client.post("companies(" + company.id() + ")/customers", numbered);
        assertEquals("Internal_EntityWithSameKeyExists", again.errorCode(), "the number is the Customer table's key");
    }

    @Test
    void stringsLongerThanTheFieldAreRejected() throws Exception {
        start();
        final ObjectNode order = order("X".repeat(36));
        final BcTestClient.Reply tooLong = client.post(orders(), order);
        assertEquals(400, tooLong.status());
        assertEquals("Application_StringExceededLength", tooLong.errorCode());
        assertTrue(tooLong.json().path("error").path("message").asText()
                .startsWith("The length of the string is 36, but it must be less than or equal to 35 characters."));

        final ObjectNode city = order("CITY-1");
        city.put("shipToCity", "C".repeat(31));
        assertEquals("Application_StringExceededLength", client.post(orders(), city).errorCode());
        final ObjectNode name = order("NAME-1");
        name.put("shipToName", "N".repeat(100));
        assertEquals(201, client.post(orders(), name).status());
        final ObjectNode unknown = order("PROP-1");
        unknown.put("trackingNumber", "1Z999");
        assertEquals(400, client.post(orders(), unknown).status());
        // Code fields are stored upper-cased.
        assertEquals("LOWER-1", client.post(orders(), order("lower-1")).json().path("externalDocumentNumber").asText());
    }

    @Test
    void requestWindowAnswers429WhenSpent() throws Exception {
        start(BcSimulatorConfig.defaults().withRateLimit(Duration.ofSeconds(30), 5).withRetryAfter(RetryAfterPolicy.ALWAYS));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, client.get("companies").status());
        }
        final BcTestClient.Reply throttled = client.get("companies");
        assertEquals(429, throttled.status());
        assertEquals("Application_TooManyRequests", throttled.errorCode());
        final long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertEquals(1, stats.get("bc.throttled"));
    }

    @Test
    void requestWindowSlides() throws Exception {
        start(BcSimulatorConfig.defaults().withRateLimit(Duration.ofMillis(600), 3).withRetryAfter(RetryAfterPolicy.NEVER));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get("companies").status());
        }
        final BcTestClient.Reply throttled = client.get("companies");
        assertEquals(429, throttled.status());
        assertNull(throttled.header("Retry-After"));
        Thread.sleep(700);
        assertEquals(200, client.get("companies").status());
    }

    @Test
    void concurrencyIsCappedAndTheRestQueued() throws Exception {
        start();
        injector.plan(FaultPlan.NONE.withLatency(Duration.ofMillis(300)));
        final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        final List<Future<BcTestClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(pool.submit(() -> client.get("companies")));
        }
        for (final Future<BcTestClient.Reply> reply : replies) {
            assertEquals(200, reply.get().status());
        }
        pool.shutdown();
        final long peak = stats.get("bc.concurrent.peak");
        assertTrue(peak <= 5, "peak " + peak);
        assertTrue(peak >= 2, "the requests did overlap: peak " + peak);
    }

    @Test
    void customApiPageServesRowsWithQueryOptions() throws Exception {
        start();
        final BcCustomPage page = simulator.registerCustomPage("contoso", "shipping", "v1.0", "shipmentTrackings", List.of(
                BcField.text("trackingNumber", 50), BcField.text("carrier", 50), BcField.code("orderNumber", 20),
                BcField.code("externalDocumentNumber", 35)));
        company.addCustomRow(page, Map.of("trackingNumber", "6A15602676300", "carrier", "Colissimo", "orderNumber", "S-ORD101001",
                "externalDocumentNumber", "SHOP-1"));
        company.addCustomRow(page, Map.of("trackingNumber", "1Z999AA10123456784", "carrier", "UPS", "orderNumber", "S-ORD101002",
                "externalDocumentNumber", "SHOP-2"));
        final BcTestClient custom = new BcTestClient(simulator.customApiUrl(base, page), simulator.issueToken());
        final String url = "companies(" + company.id() + ")/shipmentTrackings";
        final BcTestClient.Reply all = custom.get(url);
        assertEquals(200, all.status(), all.json().toString());
        assertEquals(2, all.json().path("value").size());
        assertNotNull(all.json().path("value").get(0).path("lastModifiedDateTime").asText(null));
        final BcTestClient.Reply filtered = custom.get(url + "?$filter=" + BcTestClient.encode("carrier eq 'UPS' or orderNumber in ('S-ORD109999')")
                + "&$select=trackingNumber");
        assertEquals(1, filtered.json().path("value").size());
        assertEquals("1Z999AA10123456784", filtered.json().path("value").get(0).path("trackingNumber").asText());
        assertFalse(filtered.json().path("value").get(0).has("carrier"));
        assertEquals(405, custom.post(url, BcTestClient.MAPPER.createObjectNode()).status());
        assertEquals(404, custom.get("companies(" + company.id() + ")/unknownPage").status());
    }

    @Test
    void faultAfterCommitLosesTheAcknowledgementButKeepsTheOrder() throws Exception {
        start();
        injector.plan(new FaultPlan(1.0, false, true, false, false, false, Duration.ZERO, Duration.ofSeconds(1), true));
        int failures = 0;
        for (int i = 0; i < 10; i++) {
            final int status = client.post(orders(), order("LOST-" + i)).status();
            assertTrue(status == 500 || status == 503, "status " + status);
            failures++;
        }
        final int kept = company.salesOrders().size();
        assertEquals(10, failures);
        assertTrue(kept > 0 && kept < 10, "orders kept after a lost acknowledgement: " + kept);
        assertEquals(kept, stats.get("bc.faults.afterCommit"));
    }

    @Test
    void injectedFaultsBreakResponsesTheWayNetworksDo() throws Exception {
        start();
        injector.plan(new FaultPlan(1.0, true, false, false, false, false, Duration.ZERO, Duration.ofMillis(200), false));
        final BcTestClient.Reply throttled = client.get("companies");
        assertEquals(429, throttled.status());
        assertEquals("Application_TooManyRequests", throttled.errorCode());

        injector.plan(new FaultPlan(1.0, false, false, true, false, false, Duration.ZERO, Duration.ofMillis(200), false));
        assertThrows(IOException.class, () -> client.get("companies"));

        injector.plan(new FaultPlan(1.0, false, false, false, true, false, Duration.ZERO, Duration.ofMillis(200), false));
        assertThrows(IOException.class, () -> client.get("companies"));

        injector.plan(new FaultPlan(1.0, false, false, false, false, true, Duration.ZERO, Duration.ofMillis(200), false));
        final HttpResponse<String> malformed = client.raw("GET", "companies", null, Map.of());
        assertEquals(200, malformed.statusCode());
        assertThrows(IOException.class, () -> BcTestClient.MAPPER.readTree(malformed.body()));

        injector.plan(FaultPlan.NONE);
        assertEquals(200, client.get("companies").status());
        // The JDK client retries an idempotent GET once when the connection drops, so the hold may be served twice.
        assertTrue(stats.get("faults.TIMEOUT") >= 1);
    }

    @Test
    void batchCanCountEachOperationAgainstTheWindow() throws Exception {
        start(BcSimulatorConfig.defaults().withRateLimit(Duration.ofMinutes(1), 10).withBatchCountsAsOne(false));
        final ObjectNode batch = BcTestClient.MAPPER.createObjectNode();
        final ArrayNode requests = batch.putArray("requests");
        for (int i = 0; i < 8; i++) {
            requests.addObject().put("id", String.valueOf(i)).put("method", "GET").put("url", "companies");
        }
        assertEquals(200, client.post("$batch", batch).status());
        assertEquals(8, stats.get("bc.window.used"));
        assertEquals(429, client.post("$batch", batch).status());
        assertEquals(200, client.get("companies").status());
    }

    @Test
    void pagesAreKeyedSoChangesBetweenPagesShiftNothing() throws Exception {
        start();
        for (int i = 0; i < 10; i++) {
            company.createSalesOrder(order("KEY-" + i));
        }
        final Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=4");
        final BcTestClient.Reply first = client.get(orders() + "?$orderby=externalDocumentNumber%20desc&$select=externalDocumentNumber", prefer);
        assertEquals(List.of("KEY-9", "KEY-8", "KEY-7", "KEY-6"), orderedReferences(first.json()));
        assertEquals("odata.maxpagesize=4", first.header("Preference-Applied"));
        // Delete a row of the first page: an offset token would now skip KEY-5.
        final JsonNode deleted = first.json().path("value").get(0);
        final String id = company.salesOrders().stream().filter(o -> o.path("externalDocumentNumber").asText().equals("KEY-9"))
                .findFirst().orElseThrow().path("id").asText();
        assertEquals(204, client.send("DELETE", orders() + "(" + id + ")", null, Map.of("If-Match", "*")).status());
        assertNotNull(deleted);
        final BcTestClient.Reply second = client.get(first.json().path("@odata.nextLink").asText(), prefer);
        assertEquals(200, second.status(), second.json().toString());
        assertEquals(List.of("KEY-5", "KEY-4", "KEY-3", "KEY-2"), orderedReferences(second.json()));
        final BcTestClient.Reply third = client.get(second.json().path("@odata.nextLink").asText(), prefer);
        assertEquals(List.of("KEY-1", "KEY-0"), orderedReferences(third.json()));
        assertFalse(third.json().has("@odata.nextLink"));
        assertEquals(400, client.get(orders() + "?$skiptoken=garbage").status());
    }

    private static List<String> orderedReferences(final JsonNode page) {
        final List<String> references = new ArrayList<>();
        page.path("value").forEach(order -> references.add(order.path("externalDocumentNumber").asText()));
        return references;
    }

    @Test
    void expandTakesNestedOptionsAndTheCustomer() throws Exception {
        start();
        client.post(orders(), order("EXP-1"));
        final BcTestClient.Reply reply = client.get(orders() + "?$select=number&$expand="
                + BcTestClient.encode("salesOrderLines($select=lineObjectNumber,quantity;$filter=quantity gt 1),customer($select=number,email)"));
        assertEquals(200, reply.status(), reply.json().toString());
        final JsonNode order = reply.json().path("value").get(0);
        assertEquals(1, order.path("salesOrderLines").size());
        assertEquals("1000", order.path("salesOrderLines").get(0).path("lineObjectNumber").asText());
        assertFalse(order.path("salesOrderLines").get(0).has("unitPrice"));
        assertEquals("buyer@adatum.example", order.path("customer").path("email").asText());
        assertEquals(400, client.get(orders() + "?$expand=shipments").status());
    }

    @Test
    void boundActionPostsTheOrderAndInventoryChangesAreVisible() throws Exception {
        start();
        final JsonNode created = client.post(orders(), order("ACTION-1")).json();
        final String action = orders() + "(" + created.path("id").asText() + ")/Microsoft.NAV.shipAndInvoice";
        assertEquals(204, client.post(action, null).status());
        assertEquals(0, company.salesOrders().size());
        assertEquals("ACTION-1", company.salesInvoices().get(0).path("externalDocumentNumber").asText());
        assertEquals(404, client.post(action, null).status());

        final String before = company.items().get(1).path("lastModifiedDateTime").asText();
        company.setInventory("1001", new BigDecimal("7"));
        final BcTestClient.Reply changed = client.get("companies(" + company.id() + ")/items?$filter="
                + BcTestClient.encode("inventory eq 7 and lastModifiedDateTime eq " + before));
        assertEquals(1, changed.json().path("value").size());
        assertEquals("1001", changed.json().path("value").get(0).path("number").asText());

        final String invoice = "companies(" + company.id() + ")/salesInvoices(" + company.salesInvoices().get(0).path("id").asText() + ")";
        assertEquals(404, client.post(orders() + "(" + created.path("id").asText() + ")/Microsoft.NAV.post", null).status(),
                "salesOrders has no bound action 'post'");
        final BcTestClient.Reply notSimulated = client.post(invoice + "/Microsoft.NAV.post", null);
        assertEquals(501, notSimulated.status(), "the page declares Post, the simulator does not do it");
        assertEquals(404, client.post(invoice + "/Microsoft.NAV.shipAndInvoice", null).status());
    }

    @Test
    void stockByLocationIsTheLedgerSummedPerItemAndLocation() throws Exception {
        start();
        final JsonNode lyon = company.putLocation("lyon", "Entrepôt Lyon");
        company.putLocation("IDF", "Entrepôt Île-de-France");
        company.postItemJournal("1000", new BigDecimal("30"), "LYON");
        company.receivePurchase("1000", new BigDecimal("12"), "IDF", "V1");
        final ObjectNode shipped = order("LOC-1");
        ((ObjectNode) shipped.get("salesOrderLines").get(0)).put("locationId", lyon.path("id").asText());
        final JsonNode created = client.post(orders(), shipped).json();
        assertEquals(204, client.post(orders() + "(" + created.path("id").asText() + ")/Microsoft.NAV.shipAndInvoice", null).status());
        assertEquals(Map.of("", new BigDecimal("50"), "LYON", new BigDecimal("28"), "IDF", new BigDecimal("12")),
                company.inventoryByLocation("1000"));
        assertEquals(0, new BigDecimal("90").compareTo(company.items().get(0).path("inventory").decimalValue()), "the total stays the sum");

        final String query = simulator.customApiUrl(base, BcStockByLocation.PAGE) + "companies(" + company.id() + ")/itemStockByLocations";
        final BcTestClient.Reply located = client.get(query + "?$filter=" + BcTestClient.encode("itemNumber eq '1000' and locationCode ne ''")
                + "&$select=itemNumber,locationCode,inventory");
        assertEquals(200, located.status(), located.json().toString());
        final Map<String, BigDecimal> rows = new HashMap<>();
        located.json().path("value").forEach(row -> rows.put(row.path("locationCode").asText(), row.path("inventory").decimalValue()));
        assertEquals(Map.of("LYON", new BigDecimal("28"), "IDF", new BigDecimal("12")), rows);
        assertEquals(405, client.post(query, BcTestClient.MAPPER.createObjectNode()).status());
        assertEquals(400, client.post(orders(), order("LOC-2").put("colour", "x")).status());
        assertThrows(BcApiError.class, () -> company.postItemJournal("1000", BigDecimal.ONE, "NOWHERE"), "unknown location");
    }

    @Test
    void writesToReadOnlyOrUnknownFieldsAreRefusedAsBcDoes() throws Exception {
        start();
        final ObjectNode withStatus = order("RO-1").put("status", "Open");
        final BcTestClient.Reply status = client.post(orders(), withStatus);
        assertEquals(400, status.status());
        assertEquals("BadRequest", status.errorCode());
        assertTrue(status.json().path("error").path("message").asText().startsWith("Control 'status' is read-only."),
                status.json().toString());
        assertTrue(status.json().path("error").path("message").asText().contains("CorrelationId"));

        final BcTestClient.Reply billTo = client.post(orders(), order("RO-2").put("billToCity", "Lyon"));
        assertEquals(400, billTo.status());
        assertTrue(billTo.json().path("error").path("message").asText().startsWith("Control 'billToCity' is read-only."));

        final ObjectNode computedLine = order("RO-3");
        ((ObjectNode) computedLine.get("salesOrderLines").get(0)).put("amountIncludingTax", 12);
        final BcTestClient.Reply line = client.post(orders(), computedLine);
        assertEquals(400, line.status());
        assertTrue(line.json().path("error").path("message").asText().startsWith("Control 'amountIncludingTax' is read-only."));

        final ObjectNode dimensions = order("RO-6");
        dimensions.putArray("dimensionSetLines").addObject().put("code", "AREA");
        assertEquals(501, client.post(orders(), dimensions).status(), "a part of the page the simulator does not deep-insert");

        final BcTestClient.Reply unknown = client.post(orders(), order("RO-4").put("colour", "red"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().path("error").path("message").asText()
                .startsWith("The property 'colour' does not exist on type 'Microsoft.NAV.salesOrder'."));
        assertEquals(0, company.salesOrders().size(), "a refused deep insert leaves nothing behind");

        final String customer = "companies(" + company.id() + ")/customers(" + company.customers().get(0).path("id").asText() + ")";
        final BcTestClient.Reply balance = client.send("PATCH", customer, BcTestClient.MAPPER.createObjectNode().put("balanceDue", 0),
                Map.of("If-Match", "*"));
        assertEquals(400, balance.status());
        assertTrue(balance.json().path("error").path("message").asText().startsWith("Control 'balanceDue' is read-only."));
        assertEquals(201, client.post(orders(), order("RO-5")).status());
    }

    @Test
    void stockMovesOnlyThroughTheItemLedgerAndNeverTouchesTheItem() throws Exception {
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
        start(BcSimulatorConfig.defaults().withClock(clock));
        final String items = "companies(" + company.id() + ")/items";
        final JsonNode before = client.get(items + "?$filter=" + BcTestClient.encode("number eq '1000'")).json().path("value").get(0);
        final String since = before.path("lastModifiedDateTime").asText();
        final int openingEntries = company.itemLedgerEntries().size();
        assertEquals(2, openingEntries, "the seeded stock is one adjustment per item");

        clock.advance(Duration.ofMinutes(5));
        final JsonNode created = client.post(orders(), order("STOCK-1")).json();
        assertEquals(204, client.post(orders() + "(" + created.path("id").asText() + ")/Microsoft.NAV.shipAndInvoice", null).status());
        clock.advance(Duration.ofMinutes(5));
        company.receivePurchase("1000", new BigDecimal("10"), "", "V1000");
        company.postItemJournal("1000", new BigDecimal("-3"), "");
        company.setInventory("1001", new BigDecimal("7"));

        final JsonNode after = client.get(items + "?$filter=" + BcTestClient.encode("number eq '1000'")).json().path("value").get(0);
        assertEquals(0, new BigDecimal("55").compareTo(after.path("inventory").decimalValue()), "50 - 2 shipped + 10 received - 3 adjusted");
        assertEquals(since, after.path("lastModifiedDateTime").asText());
        assertEquals(before.path("@odata.etag").asText(), after.path("@odata.etag").asText());
        assertEquals(0, client.get(items + "?$filter=" + BcTestClient.encode("lastModifiedDateTime gt " + since)).json().path("value").size(),
                "an incremental read of items does not see stock movements");

        final JsonNode moved = client.get("companies(" + company.id() + ")/itemLedgerEntries?$filter="
                + BcTestClient.encode("entryNumber gt " + openingEntries) + "&$orderby=entryNumber").json().path("value");
        assertEquals(5, moved.size(), moved.toString());
        assertEquals("Sale", moved.get(0).path("entryType").asText());
        assertEquals("Sales Shipment", moved.get(0).path("documentType").asText());
        assertEquals(company.salesShipments().get(0).path("number").asText(), moved.get(0).path("documentNumber").asText());
        assertEquals("C10000", moved.get(0).path("sourceNumber").asText());
        assertEquals(0, new BigDecimal("-2").compareTo(moved.get(0).path("quantity").decimalValue()));
        assertEquals("Purchase", moved.get(2).path("entryType").asText());
        assertEquals("Negative Adjmt.", moved.get(3).path("entryType").asText());
        assertEquals(0, new BigDecimal("-12").compareTo(moved.get(4).path("quantity").decimalValue()), "1001: 20 - 1 shipped, counted 7");
        for (final JsonNode item : company.items()) {
            final BigDecimal sum = company.itemLedgerEntries().stream()
                    .filter(e -> e.path("itemNumber").asText().equals(item.path("number").asText()))
                    .map(e -> e.path("quantity").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, sum.compareTo(item.path("inventory").decimalValue()), "inventory is the sum of the ledger");
        }
        assertEquals(405, client.post("companies(" + company.id() + ")/itemLedgerEntries", BcTestClient.MAPPER.createObjectNode()).status());

        final BcTestClient.Reply insert = client.post(items, BcTestClient.MAPPER.createObjectNode().put("number", "2000").put("inventory", 5));
        assertEquals(400, insert.status());
        assertTrue(insert.json().path("error").path("message").asText().startsWith("Inventory cannot be changed during on insert."));

        clock.advance(Duration.ofMinutes(5));
        final BcTestClient.Reply patched = client.send("PATCH", items + "(" + after.path("id").asText() + ")",
                BcTestClient.MAPPER.createObjectNode().put("inventory", 60), Map.of("If-Match", after.path("@odata.etag").asText()));
        assertEquals(200, patched.status(), patched.json().toString());
        assertEquals(0, new BigDecimal("60").compareTo(patched.json().path("inventory").decimalValue()));
        assertNotEquals(since, patched.json().path("lastModifiedDateTime").asText(), "the page modifies the item after posting");
        final List<JsonNode> ledger = company.itemLedgerEntries();
        assertEquals("Positive Adjmt.", ledger.get(ledger.size() - 1).path("entryType").asText());
        assertEquals(0, new BigDecimal("5").compareTo(ledger.get(ledger.size() - 1).path("quantity").decimalValue()));
    }

    @Test
    void aFacadeCanRouteExchangesItself() throws Exception {
        stats = new SandboxStats();
        injector = new FaultInjector(FaultPlan.NONE, 7L, stats);
        simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(), injector, stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            if (simulator.handles(exchange.getRequestURI().getPath())) {
                simulator.handle(exchange);
            } else {
                exchange.sendResponseHeaders(418, -1);
                exchange.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        simulator.createCompany("ROUTED");
        final BcSimulatorConfig config = simulator.config();
        final HttpResponse<String> token = BcTestClient.form(simulator.tokenUrl(base), "grant_type=client_credentials&client_id="
                + config.clientId() + "&client_secret=" + config.clientSecret() + "&scope=" + BcTestClient.encode(EntraTokenIssuer.BC_SCOPE));
        assertEquals(200, token.statusCode());
        final BcTestClient routed = new BcTestClient(simulator.apiUrl(base), BcTestClient.MAPPER.readTree(token.body()).path("access_token").asText());
        assertEquals("ROUTED", routed.get("companies").json().path("value").get(0).path("name").asText());
        assertEquals(418, routed.raw("GET", base + "/admin/api/2026-04/graphql.json", null, Map.of()).statusCode());
    }

    @Test
    void parallelWritersGetUniqueContiguousNumbers() throws Exception {
        start();
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        final List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            final int thread = t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    final ObjectNode body = order("PAR-" + thread + "-" + i);
                    if (i % 10 == 9) {
                        ((ObjectNode) body.path("salesOrderLines").get(1)).put("lineObjectNumber", "MISSING");
                        assertThrows(BcApiError.class, () -> company.createSalesOrder(body));
                    } else {
                        company.createSalesOrder(body);
                    }
                }
                return null;
            }));
        }
        for (final Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        final List<JsonNode> all = company.salesOrders();
        assertEquals(720, all.size());
        final Set<String> numbers = new HashSet<>();
        all.forEach(order -> numbers.add(order.path("number").asText()));
        for (int n = 101001; n <= 101720; n++) {
            assertTrue(numbers.contains("S-ORD" + n), "missing S-ORD" + n);
        }
        assertEquals(1440, all.stream().mapToInt(order -> order.path("salesOrderLines").size()).sum());
    }

    @Test
    void queuedRequestsGiveUpWith503AfterTheQueueTimeout() throws Exception {
        start(BcSimulatorConfig.defaults().withConcurrency(1, Duration.ofMillis(150)));
        injector.plan(FaultPlan.NONE.withLatency(Duration.ofMillis(800)));
        final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        final List<Future<BcTestClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(pool.submit(() -> client.get("companies")));
        }
        final List<Integer> statuses = new ArrayList<>();
        for (final Future<BcTestClient.Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(2, statuses.stream().filter(status -> status == 503).count(), statuses.toString());
        assertEquals(2, stats.get("bc.queueTimeouts"));
    }
}
