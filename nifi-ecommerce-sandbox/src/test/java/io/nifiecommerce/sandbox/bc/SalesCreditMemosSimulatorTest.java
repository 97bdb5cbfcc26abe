package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** salesCreditMemos as the page APIV2SalesCreditMemos defines them: deep insert, read-only fields, invoiceId, and order deletes. */
class SalesCreditMemosSimulatorTest {

    private HttpServer server;
    private BcCompany company;
    private BcTestClient client;

    @BeforeEach
    void start() throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.NONE, 7L, stats), stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        company = simulator.createCompany("CRONUS FR");
        company.putCustomer("C10000", "Adatum Corporation", "buyer@adatum.example", null);
        company.putItem("1000", "Bicycle", null, new BigDecimal("10.00"), new BigDecimal("50"));
        client = new BcTestClient(simulator.apiUrl("http://127.0.0.1:" + server.getAddress().getPort()), simulator.issueToken());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String set(final String entitySet) {
        return "companies(" + company.id() + ")/" + entitySet;
    }

    private static ObjectNode memo(final String reference, final String invoiceId) {
        final ObjectNode memo = BcTestClient.MAPPER.createObjectNode();
        memo.put("externalDocumentNumber", reference).put("customerNumber", "C10000");
        if (invoiceId != null) {
            memo.put("invoiceId", invoiceId);
        }
        final ArrayNode lines = memo.putArray("salesCreditMemoLines");
        lines.addObject().put("lineType", "Item").put("lineObjectNumber", "1000").put("quantity", 1).put("unitPrice", 10);
        return memo;
    }

    private String invoicedOrder() throws Exception {
        final ObjectNode order = BcTestClient.MAPPER.createObjectNode().put("externalDocumentNumber", "#1").put("customerNumber", "C10000");
        order.putArray("salesOrderLines").addObject().put("lineType", "Item").put("lineObjectNumber", "1000").put("quantity", 2);
        final JsonNode created = client.post(set("salesOrders"), order).json();
        return company.shipAndInvoice(created.path("number").asText()).path("id").asText();
    }

    @Test
    void aCreditMemoIsDeepInsertedAgainstItsInvoice() throws Exception {
        final String invoiceId = invoicedOrder();
        final BcTestClient.Reply created = client.post(set("salesCreditMemos"), memo("REFUND-1", invoiceId));
        assertEquals(201, created.status(), created.raw().body());
        assertTrue(created.json().path("number").asText().startsWith("S-CR"), created.raw().body());
        assertEquals(company.salesInvoices().get(0).path("number").asText(), created.json().path("invoiceNumber").asText());
        assertEquals("Draft", created.json().path("status").asText());
        final JsonNode read = client.get(set("salesCreditMemos") + "?$filter=externalDocumentNumber%20eq%20'REFUND-1'&$expand=salesCreditMemoLines").json();
        assertEquals(1, read.path("value").size());
        assertEquals(0, new BigDecimal("10.00").compareTo(read.path("value").get(0).path("totalAmountExcludingTax").decimalValue()));
        assertEquals(1, read.path("value").get(0).path("salesCreditMemoLines").size());
    }

    @Test
    void anUnknownInvoiceAndReadOnlyFieldsAreRefusedAsBcDoes() throws Exception {
        final BcTestClient.Reply unknown = client.post(set("salesCreditMemos"), memo("REFUND-2", "00000000-0000-0000-0000-00000000abcd"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.raw().body().contains("does not match to an Invoice"), unknown.raw().body());
        final BcTestClient.Reply readOnly = client.post(set("salesCreditMemos"), memo("REFUND-3", null).put("status", "Open"));
        assertEquals(400, readOnly.status(), readOnly.raw().body());
        assertEquals(0, company.salesCreditMemos().size());
    }

    @Test
    void aCreditMemoIsDeletedWithItsLines() throws Exception {
        final JsonNode created = client.post(set("salesCreditMemos"), memo("REFUND-4", null)).json();
        final BcTestClient.Reply deleted = client.send("DELETE", set("salesCreditMemos") + "(" + created.path("id").asText() + ")", null,
                java.util.Map.of("If-Match", "*"));
        assertEquals(204, deleted.status(), deleted.raw().body());
        assertEquals(0, company.salesCreditMemos().size());
    }
}
