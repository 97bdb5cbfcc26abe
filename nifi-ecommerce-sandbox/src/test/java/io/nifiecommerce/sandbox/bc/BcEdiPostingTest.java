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

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What posting the 3PL's confirmations needs from the simulator: Qty. to Ship / Qty. to Receive kept and validated as BC
 * does, bc-extension's shippableSalesOrders (PATCH tracking, ship without invoicing, partial shipments) and
 * receivablePurchaseOrders (receive without invoicing), Microsoft's purchaseOrders and purchaseReceipts, and the item
 * ledger moved by each posting.
 */
class BcEdiPostingTest {

    private static final Path EXTENSION = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference")).getParent()
            .resolve("bc-extension").resolve("src");

    private HttpServer server;
    private BusinessCentralSimulator simulator;
    private BcCompany company;
    private BcTestClient api;
    private BcTestClient edi;

    @BeforeEach
    void start() throws IOException {
        final SandboxStats stats = new SandboxStats();
        simulator = new BusinessCentralSimulator(BcSimulatorConfig.defaults(), new FaultInjector(FaultPlan.NONE, 7L, stats), stats);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        simulator.mount(server);
        server.start();
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();
        company = simulator.createCompany("CRONUS FR");
        company.putCustomer("C10000", "Adatum Corporation", "buyer@adatum.example", null);
        company.putItem("1000", "Bicycle", "03012345678900", new BigDecimal("10.00"), new BigDecimal("50"));
        company.putItem("1001", "Helmet", "", new BigDecimal("5.50"), new BigDecimal("20"));
        final String token = simulator.issueToken();
        api = new BcTestClient(simulator.apiUrl(base), token);
        edi = new BcTestClient(simulator.customApiUrl(base, BcEdiExtension.SHIPPABLE_SALES_ORDERS), token);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theExtensionPagesAreTheRepositorysSource() throws IOException {
        assertEquals(Files.readString(EXTENSION.resolve(BcEdiExtension.SHIPPABLE_SOURCE)), BcEdiExtension.source(BcEdiExtension.SHIPPABLE_SOURCE));
        assertEquals(Files.readString(EXTENSION.resolve(BcEdiExtension.RECEIVABLE_SOURCE)), BcEdiExtension.source(BcEdiExtension.RECEIVABLE_SOURCE));
        assertEquals("nifiEcommerce/edi/v1.0", BcEdiExtension.SHIPPABLE_SALES_ORDERS.route());
        assertEquals(List.of("Ship"), BcEdiExtension.SHIPPABLE_PAGE.boundActions());
        assertEquals(List.of("Receive"), BcEdiExtension.RECEIVABLE_PAGE.boundActions());
        assertEquals(List.of("vendorShipmentNumber"),
                BcEdiExtension.RECEIVABLE_PAGE.fields().stream().filter(AlPage.Field::writable).map(AlPage.Field::name).toList());
        assertEquals(Files.readString(EXTENSION.resolve(BcEdiExtension.POSTED_RECEIPTS_SOURCE)),
                BcEdiExtension.source(BcEdiExtension.POSTED_RECEIPTS_SOURCE));
        assertEquals(List.of(), BcEdiExtension.POSTED_RECEIPTS_PAGE.fields().stream().filter(AlPage.Field::writable).toList());
        assertFalse(BcEdiExtension.POSTED_RECEIPTS_PAGE.modifyAllowed() || BcEdiExtension.POSTED_RECEIPTS_PAGE.insertAllowed());
        assertEquals(Files.readString(EXTENSION.resolve(BcEdiExtension.ADJUSTMENTS_SOURCE)), BcEdiExtension.source(BcEdiExtension.ADJUSTMENTS_SOURCE));
        assertEquals("itemJournalAdjustments", BcEdiExtension.ADJUSTMENTS_PAGE.entitySetName());
        assertEquals(List.of("itemNumber", "quantity", "locationCode", "documentNumber"),
                BcEdiExtension.ADJUSTMENTS_PAGE.fields().stream().filter(AlPage.Field::writable).map(AlPage.Field::name).toList());
    }

    @Test
    void anItemJournalAdjustmentPostsIntoTheLedgerOncePerItemAndDocument() throws Exception {
        final String adjustments = "itemJournalAdjustments";
        final BcTestClient.Reply down = edi.post(companyPath(adjustments), BcTestClient.MAPPER.readTree("""
                {"itemNumber":"1000","quantity":-3,"documentNumber":"INVRPT-77"}"""));
        assertEquals(201, down.status(), down.raw().body());
        assertEquals("Negative Adjmt.", down.json().path("entryType").asText());
        assertTrue(down.json().path("posted").asBoolean());
        assertEquals(0, new BigDecimal("47").compareTo(inventory("1000")));

        // the same report delivered again: answered, nothing posted
        final BcTestClient.Reply again = edi.post(companyPath(adjustments), BcTestClient.MAPPER.readTree("""
                {"itemNumber":"1000","quantity":-3,"documentNumber":"INVRPT-77"}"""));
        assertEquals(201, again.status());
        assertEquals(false, again.json().path("posted").asBoolean());
        assertEquals(0, new BigDecimal("47").compareTo(inventory("1000")));

        assertEquals(201, edi.post(companyPath(adjustments), BcTestClient.MAPPER.readTree("""
                {"itemNumber":"1001","quantity":4,"documentNumber":"INVRPT-77"}""")).status(), "another item of the same report");
        assertEquals(0, new BigDecimal("24").compareTo(inventory("1001")));
        final JsonNode entry = api.get(companyPath("itemLedgerEntries?$filter=documentNumber%20eq%20'INVRPT-77'")).json().path("value").get(0);
        assertEquals("Negative Adjmt.", entry.path("entryType").asText());

        assertEquals(400, edi.post(companyPath(adjustments), BcTestClient.MAPPER.readTree("""
                {"itemNumber":"1000","quantity":1,"documentNumber":"X","entryType":"Sale"}""")).status(), "entryType is read-only");
        assertEquals(400, edi.post(companyPath(adjustments), BcTestClient.MAPPER.readTree("""
                {"itemNumber":"1000","quantity":1}""")).status(), "no document number, no exactly once");
        assertEquals(404, edi.post(companyPath(adjustments), BcTestClient.MAPPER.readTree("""
                {"itemNumber":"NOPE","quantity":1,"documentNumber":"X"}""")).status());
    }

    private BigDecimal inventory(final String itemNumber) throws Exception {
        return api.get(companyPath("items?$filter=number%20eq%20'" + itemNumber + "'")).json().path("value").get(0).path("inventory").decimalValue();
    }

    @Test
    void aPartialShipmentPostsWhatTheLinesSayWithoutInvoicing() throws Exception {
        final JsonNode order = order();
        final String orderId = order.path("id").asText();
        final JsonNode bicycles = order.path("salesOrderLines").get(0);
        final JsonNode helmets = order.path("salesOrderLines").get(1);

        // Qty. to Ship: validated against what is outstanding, and kept (not reset) by a PATCH that does not change Quantity
        final BcTestClient.Reply tooMany = patch(api, "salesOrderLines(" + bicycles.path("id").asText() + ")", "{\"shipQuantity\":6}",
                bicycles.path("@odata.etag").asText());
        assertEquals(400, tooMany.status());
        assertEquals("You cannot ship more than 5 units.", message(tooMany));
        assertEquals(200, patch(api, "salesOrderLines(" + bicycles.path("id").asText() + ")", "{\"shipQuantity\":2}",
                bicycles.path("@odata.etag").asText()).status());
        assertEquals(200, patch(api, "salesOrderLines(" + helmets.path("id").asText() + ")", "{\"shipQuantity\":0}",
                helmets.path("@odata.etag").asText()).status());

        final String view = "shippableSalesOrders(" + orderId + ")";
        final BcTestClient.Reply viewed = edi.get(companyPath(view));
        assertEquals(200, viewed.status());
        assertEquals(order.path("number").asText(), viewed.json().path("number").asText());
        assertEquals("PO-77", viewed.json().path("externalDocumentNumber").asText());
        assertEquals(400, patch(edi, view, "{\"status\":\"Open\"}", "*").status(), "status is read-only on the extension's page");
        assertEquals(200, patch(edi, view, "{\"packageTrackingNumber\":\"6A12345678901\"}", "*").status());
        assertEquals(204, edi.post(companyPath(view + "/Microsoft.NAV.ship"), null).status());

        final JsonNode shipment = company.salesShipments().get(0);
        assertEquals(order.path("number").asText(), shipment.path("orderNumber").asText());
        assertEquals(1, shipment.path("salesShipmentLines").size(), "only the line shipped");
        assertEquals(0, new BigDecimal("2").compareTo(shipment.path("salesShipmentLines").get(0).path("quantity").decimalValue()));
        assertEquals(Map.of(shipment.path("number").asText(), "6A12345678901"), company.shipmentTrackingNumbers());
        assertEquals(List.of(), company.salesInvoices(), "shipped, not invoiced");
        assertEquals(0, new BigDecimal("48").compareTo(company.inventoryByLocation("1000").values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));

        final JsonNode after = api.get(companyPath("salesOrders(" + orderId + ")?$expand=salesOrderLines")).json();
        assertEquals("Open", after.path("status").asText(), "posting releases the order");
        final JsonNode line = after.path("salesOrderLines").get(0);
        assertEquals(0, new BigDecimal("2").compareTo(line.path("shippedQuantity").decimalValue()));
        assertEquals(0, new BigDecimal("3").compareTo(line.path("shipQuantity").decimalValue()), "Qty. to Ship reset to what is left");
        assertEquals(false, after.path("fullyShipped").asBoolean());

        // the rest, then nothing left to post
        assertEquals(204, edi.post(companyPath(view + "/Microsoft.NAV.ship"), null).status());
        assertEquals(2, company.salesShipments().size());
        final JsonNode shipped = api.get(companyPath("salesOrders(" + orderId + ")")).json();
        assertTrue(shipped.path("fullyShipped").asBoolean(), "fully shipped, still to invoice: the order stays");
        final BcTestClient.Reply nothing = edi.post(companyPath(view + "/Microsoft.NAV.ship"), null);
        assertEquals(400, nothing.status());
        assertEquals("There is nothing to post.", message(nothing));
    }

    @Test
    void shipAndInvoiceOfAPartOfTheOrderInvoicesThatPartAndKeepsTheOrder() throws Exception {
        final JsonNode order = order();
        final JsonNode helmets = order.path("salesOrderLines").get(1);
        patch(api, "salesOrderLines(" + helmets.path("id").asText() + ")", "{\"shipQuantity\":0}", helmets.path("@odata.etag").asText());
        assertEquals(204, api.post(companyPath("salesOrders(" + order.path("id").asText() + ")/Microsoft.NAV.shipAndInvoice"), null).status());
        final JsonNode invoice = company.salesInvoices().get(0);
        assertEquals(0, new BigDecimal("50.00").compareTo(invoice.path("totalAmountExcludingTax").decimalValue()), "5 bicycles at 10.00");
        assertEquals(1, company.salesOrders().size(), "the helmets are still to ship");
    }

    @Test
    void aPurchaseReceiptPostsTheQuantityToReceiveIntoStock() throws Exception {
        final JsonNode purchase = company.createPurchaseOrder("Fabrikam", BcTestClient.MAPPER.readTree("""
                {"vendorNumber":"V20000","purchaseOrderLines":[{"lineObjectNumber":"1000","quantity":10,"directUnitCost":6.5}]}"""));
        final String number = purchase.path("number").asText();
        final JsonNode read = api.get(companyPath("purchaseOrders?$filter=number%20eq%20'" + number + "'&$expand=purchaseOrderLines"))
                .json().path("value").get(0);
        assertEquals("V20000", read.path("vendorNumber").asText());
        final JsonNode line = read.path("purchaseOrderLines").get(0);
        assertEquals(0, new BigDecimal("10").compareTo(line.path("receiveQuantity").decimalValue()));
        assertEquals(0, new BigDecimal("65.00").compareTo(line.path("amountExcludingTax").decimalValue()));

        final String path = "purchaseOrderLines(" + line.path("id").asText() + ")";
        final BcTestClient.Reply tooMany = patch(api, path, "{\"receiveQuantity\":11}", line.path("@odata.etag").asText());
        assertEquals("You cannot receive more than 10 units.", message(tooMany));
        assertEquals(200, patch(api, path, "{\"receiveQuantity\":7}", line.path("@odata.etag").asText()).status());
        final String receivable = "receivablePurchaseOrders(" + read.path("id").asText() + ")";
        assertEquals(400, patch(edi, receivable, "{\"number\":\"X\"}", "*").status(), "only Vendor Shipment No. is editable");
        final BcTestClient.Reply marked = patch(edi, receivable, "{\"vendorShipmentNumber\":\"rc-9001\"}", "*");
        assertEquals(200, marked.status(), marked.raw().body());
        assertEquals("RC-9001", marked.json().path("vendorShipmentNumber").asText(), "a Code field: upper case");
        assertEquals(204, edi.post(companyPath(receivable + "/Microsoft.NAV.receive"), null).status());
        final JsonNode posted = edi.get(companyPath("postedPurchaseReceipts?$filter=orderNumber%20eq%20'" + number
                + "'%20and%20vendorShipmentNumber%20eq%20'RC-9001'")).json().path("value");
        assertEquals(1, posted.size(), "Purch.-Post copied the mark onto the posted receipt");
        assertEquals(405, patch(edi, "postedPurchaseReceipts(" + posted.get(0).path("id").asText() + ")",
                "{\"vendorShipmentNumber\":\"X\"}", "*").status(), "posted receipts are read-only");
        assertEquals(number, api.get(companyPath("purchaseReceipts(" + posted.get(0).path("id").asText() + ")")).json()
                .path("orderNumber").asText(), "the same id as API v2.0's purchaseReceipts");

        final JsonNode receipt = api.get(companyPath("purchaseReceipts?$expand=purchaseReceiptLines")).json().path("value").get(0);
        assertEquals(number, receipt.path("orderNumber").asText());
        assertEquals(0, new BigDecimal("7").compareTo(receipt.path("purchaseReceiptLines").get(0).path("quantity").decimalValue()));
        assertEquals(0, new BigDecimal("57").compareTo(company.inventoryByLocation("1000").values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        final JsonNode after = api.get(companyPath(path)).json();
        assertEquals(0, new BigDecimal("7").compareTo(after.path("receivedQuantity").decimalValue()));
        assertEquals(0, new BigDecimal("3").compareTo(after.path("receiveQuantity").decimalValue()));

        // the rest received and invoiced: the first 7 are still to invoice, so the order stays, fully received
        assertEquals(204, api.post(companyPath("purchaseOrders(" + read.path("id").asText() + ")/Microsoft.NAV.receiveAndInvoice"), null).status());
        assertTrue(company.purchaseOrders().get(0).path("fullyReceived").asBoolean());
        assertEquals(2, company.purchaseReceipts().size());
        assertEquals(501, api.post(companyPath("purchaseOrders"), BcTestClient.MAPPER.readTree("{\"vendorNumber\":\"V20000\"}")).status(),
                "creating purchase orders through the API is not simulated (no vendors)");
    }

    private JsonNode order() {
        final ObjectNode body = BcTestClient.MAPPER.createObjectNode();
        body.put("externalDocumentNumber", "PO-77").put("customerNumber", "C10000");
        final ArrayNode lines = body.putArray("salesOrderLines");
        lines.addObject().put("lineType", "Item").put("lineObjectNumber", "1000").put("quantity", 5);
        lines.addObject().put("lineType", "Item").put("lineObjectNumber", "1001").put("quantity", 3);
        final String number = company.createSalesOrder(body).path("number").asText();
        company.releaseSalesOrder(number);
        try {
            return api.get(companyPath("salesOrders?$filter=number%20eq%20'" + number + "'&$expand=salesOrderLines")).json().path("value").get(0);
        } catch (final IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String companyPath(final String rest) {
        return "companies(" + company.id() + ")/" + rest;
    }

    private BcTestClient.Reply patch(final BcTestClient client, final String path, final String body, final String etag) throws Exception {
        return client.send("PATCH", companyPath(path), BcTestClient.MAPPER.readTree(body), Map.of("If-Match", etag));
    }

    private static String message(final BcTestClient.Reply reply) {
        return reply.json().path("error").path("message").asText().replaceFirst(" CorrelationId: .*", "");
    }
}
