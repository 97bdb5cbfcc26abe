package io.nifiecommerce.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.businesscentral.BasicCredentials;
import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import io.nifiecommerce.businesscentral.RequestGovernor;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.tracking.SharedReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posting against a small HTTP stub of BC: the requests, their bodies, and each body against its page definition. */
class ThreePlPostingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COMPANY = "c0";

    record Request(String method, String path, String ifMatch, JsonNode body) {
    }

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String orders;
    private volatile String purchaseOrders;
    private volatile String shipments = "{\"value\":[]}";
    private volatile String markedReceipts = "{\"value\":[]}";
    private volatile String receipts = "{\"value\":[]}";

    @BeforeEach
    void start() throws IOException {
        orders = MAPPER.writeValueAsString(Map.of("value", List.of(ShipmentPostingTest.salesOrder())));
        purchaseOrders = MAPPER.writeValueAsString(Map.of("value", List.of(ReceiptAdviceTest.purchaseOrder())));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            final byte[] in = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("If-Match"), in.length == 0 ? null : MAPPER.readTree(in)));
            final byte[] out;
            final int status;
            if ("GET".equals(exchange.getRequestMethod())) {
                final String uri = exchange.getRequestURI().toString();
                out = (uri.contains("/salesShipments") ? shipments : uri.contains("/postedPurchaseReceipts") ? markedReceipts
                        : uri.contains("/purchaseReceipts") ? receipts : uri.contains("S-ORD101001") ? orders : uri.contains("106001") ? purchaseOrders : "{\"value\":[]}")
                        .getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else if ("PATCH".equals(exchange.getRequestMethod())) {
                out = "{}".getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                out = new byte[0];
                status = 204;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ThreePlPosting poster(final PostingAction action) {
        final String root = "http://127.0.0.1:" + server.getAddress().getPort();
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)), RetryPolicy.NONE);
        final BusinessCentralClient client = new BusinessCentralClient(new BusinessCentralEndpoint(root, BusinessCentralEndpoint.STANDARD_ROUTE),
                new BasicCredentials("user", "key"), new RequestGovernor(5, 6000, Duration.ofMinutes(5)), transport, Duration.ofSeconds(5));
        return new ThreePlPosting(client, COMPANY, action);
    }

    private static ShipmentConfirmation desadv() {
        return ShipmentConfirmationReader.read(new ByteArrayInputStream(
                ShipmentConfirmationReaderTest.PARTIAL_DESADV.getBytes(StandardCharsets.UTF_8))).get(0);
    }

    @Test
    void withTheExtensionLinesArePatchedThenTheShipmentPostedWithoutInvoice() {
        final ThreePlPosting.Posted posted = poster(PostingAction.SHIP_EXTENSION).post(desadv(), Map.of());
        assertFalse(posted.alreadyPosted());
        final List<String> calls = new ArrayList<>(requests.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals("GET /api/v2.0/companies(c0)/salesShipments?$filter=orderNumber%20eq%20%27S-ORD101001%27%20and%20"
                + "customerPurchaseOrderReference%20eq%20%27DN-7001%27&$expand=salesShipmentLines", calls.remove(0), "first, the shipment already posted?");
        requests.remove(0);
        assertEquals(2, calls.stream().filter(c -> c.contains("salesOrderLines(")).count());
        assertTrue(calls.get(0).startsWith("GET /api/v2.0/companies(c0)/salesOrders?$filter=number%20eq%20%27S-ORD101001%27&$expand=salesOrderLines"),
                calls.get(0));
        assertEquals("PATCH /api/v2.0/companies(c0)/salesOrderLines(l-1)", calls.get(1));
        assertEquals("PATCH /api/v2.0/companies(c0)/salesOrderLines(l-2)", calls.get(2));
        assertEquals("PATCH /api/nifiEcommerce/edi/v1.0/companies(c0)/shippableSalesOrders(o-1)", calls.get(3));
        assertEquals("POST /api/nifiEcommerce/edi/v1.0/companies(c0)/shippableSalesOrders(o-1)/Microsoft.NAV.ship", calls.get(4));
        assertEquals("W/\"l-1\"", requests.get(1).ifMatch());
        assertEquals(1, requests.get(1).body().path("shipQuantity").asInt());
        assertEquals("ZK4XWJ6Q", requests.get(3).body().path("packageTrackingNumber").asText());
        assertEquals("DN-7001", requests.get(3).body().path("yourReference").asText(), "the 3PL's shipment id marks the posted shipment");

        // every body sent is checked against the page it targets: Microsoft's lines page, our extension's page
        final BcApiPage lines = BcApiPage.load("APIV2SalesOrderLines.Page.al");
        final BcApiPage extension = BcApiPage.load(SharedReference.dir().resolveSibling("bc-extension").resolve("src/ShippableSalesOrders.Page.al"));
        assertEquals("shippableSalesOrders", extension.entitySet());
        for (final Request request : requests) {
            if (request.body() == null || request.body().isEmpty()) {
                continue;
            }
            final BcApiPage page = request.path().contains("salesOrderLines") ? lines : extension;
            request.body().fieldNames().forEachRemaining(field -> assertTrue(page.has(field) && page.isEditable(field),
                    field + " is not an editable field of " + page.entitySet()));
        }
    }

    @Test
    void aShipmentBcAlreadyHoldsIsNotPostedAgain() throws IOException {
        shipments = MAPPER.writeValueAsString(Map.of("value", List.of(Map.of("number", "S-SHPT102001", "orderNumber", "S-ORD101001",
                "customerPurchaseOrderReference", "DN-7001", "salesShipmentLines", List.of(Map.of("quantity", 1), Map.of("quantity", 4))))));
        final ThreePlPosting.Posted posted = poster(PostingAction.SHIP_EXTENSION).post(desadv(), Map.of());
        assertTrue(posted.alreadyPosted());
        assertEquals("S-SHPT102001", posted.documentNumber());
        assertEquals(0, new BigDecimal("5").compareTo(posted.quantity()));
        assertEquals(List.of("GET"), requests.stream().map(Request::method).toList(), "nothing written");
    }

    @Test
    void aShipmentUnderTheSameMarkWithOtherQuantitiesGoesToAPerson() throws IOException {
        shipments = MAPPER.writeValueAsString(Map.of("value", List.of(Map.of("number", "S-SHPT102001", "orderNumber", "S-ORD101001",
                "customerPurchaseOrderReference", "DN-7001", "salesShipmentLines", List.of(Map.of("quantity", 2))))));
        assertEquals("POSTED_QUANTITY_MISMATCH", assertThrows(ShipmentPostingException.class,
                () -> poster(PostingAction.SHIP_EXTENSION).post(desadv(), Map.of())).code());
        assertEquals(List.of("GET"), requests.stream().map(Request::method).toList(), "nothing written");
    }

    @Test
    void aLongShipmentIdIsMarkedByItsDigest() {
        final ShipmentConfirmation d = desadv();
        final ShipmentConfirmation longId = new ShipmentConfirmation(d.messageType(), d.interchangeReference(), d.messageReference(),
                "X".repeat(40), d.orderNumber(), d.customerReference(), d.shipDate(), d.carrier(), d.trackingNumbers(), d.lines());
        final String reference = ThreePlPosting.shipmentReference(longId);
        assertEquals(35, reference.length());
        assertTrue(reference.startsWith("3PL-"));
        assertEquals(reference, ThreePlPosting.shipmentReference(longId), "the same for every delivery");
    }

    @Test
    void withTheStandardApiTheBoundActionIsShipAndInvoice() {
        poster(PostingAction.SHIP_AND_INVOICE).post(desadv(), Map.of());
        final Request last = requests.get(requests.size() - 1);
        assertEquals("/api/v2.0/companies(c0)/salesOrders(o-1)/Microsoft.NAV.shipAndInvoice", last.path());
        // the bound action exists on Microsoft's salesOrders page
        assertTrue(SharedReferenceText.salesOrdersPage().contains("procedure ShipAndInvoice(var ActionContext: WebServiceActionContext)"));
    }

    @Test
    void anUnknownOrderWritesNothing() {
        final ShipmentConfirmation other = new ShipmentConfirmation("945", "1", "1", "SHP", "S-ORD999", null, null, null, List.of(), List.of());
        assertEquals("ORDER_NOT_FOUND", assertThrows(ShipmentPostingException.class,
                () -> poster(PostingAction.SHIP_EXTENSION).post(other, Map.of())).code());
        assertTrue(requests.stream().allMatch(r -> "GET".equals(r.method())));
    }

    @Test
    void aReceiptReceivesOnlyTheAvailableQuantitiesThenPostsWithoutInvoice() {
        final ReceiptAdvice receipt = ReceiptAdviceReader.read(new ByteArrayInputStream(ReceiptAdviceTest.RECADV.getBytes(StandardCharsets.UTF_8)),
                EdiInterchangeReader.Strictness.STRICT).get(0);
        assertFalse(poster(PostingAction.SHIP_EXTENSION).post(receipt).alreadyPosted());
        final List<String> calls = new ArrayList<>(requests.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals("GET /api/nifiEcommerce/edi/v1.0/companies(c0)/postedPurchaseReceipts?$filter=orderNumber%20eq%20%27106001%27%20and%20"
                + "vendorShipmentNumber%20eq%20%27" + ThreePlPosting.receiptReference(receipt) + "%27", calls.remove(0), "first, the receipt already posted?");
        requests.remove(0);
        assertTrue(calls.get(0).startsWith("GET /api/v2.0/companies(c0)/purchaseOrders?$filter=number%20eq%20%27106001%27&$expand=purchaseOrderLines"),
                calls.get(0));
        assertEquals("PATCH /api/v2.0/companies(c0)/purchaseOrderLines(pl-1)", calls.get(1));
        assertEquals(96, requests.get(1).body().path("receiveQuantity").asInt());
        assertEquals(40, requests.get(2).body().path("receiveQuantity").asInt());
        assertEquals("PATCH /api/nifiEcommerce/edi/v1.0/companies(c0)/receivablePurchaseOrders(p-1)", calls.get(3));
        assertEquals(ThreePlPosting.receiptReference(receipt), requests.get(3).body().path("vendorShipmentNumber").asText(),
                "the 3PL's receipt number marks the posted receipt");
        assertEquals("POST /api/nifiEcommerce/edi/v1.0/companies(c0)/receivablePurchaseOrders(p-1)/Microsoft.NAV.receive", calls.get(4));
        final BcApiPage lines = BcApiPage.load("APIV2PurchaseOrderLines.Page.al");
        for (final Request request : requests.subList(1, 3)) {
            request.body().fieldNames().forEachRemaining(field -> assertTrue(lines.has(field) && lines.isEditable(field), field));
        }
        final BcApiPage extension = BcApiPage.load(SharedReference.dir().resolveSibling("bc-extension").resolve("src/ReceivablePurchaseOrders.Page.al"));
        assertEquals("receivablePurchaseOrders", extension.entitySet());
        assertTrue(extension.has("vendorShipmentNumber") && extension.isEditable("vendorShipmentNumber"));
    }

    @Test
    void aReceiptBcAlreadyHoldsIsNotPostedAgain() throws IOException {
        final ReceiptAdvice receipt = ReceiptAdviceReader.read(new ByteArrayInputStream(ReceiptAdviceTest.RECADV.getBytes(StandardCharsets.UTF_8)),
                EdiInterchangeReader.Strictness.STRICT).get(0);
        markedReceipts = MAPPER.writeValueAsString(Map.of("value", List.of(Map.of("id", "r-1", "number", "107001"))));
        receipts = MAPPER.writeValueAsString(Map.of("value", List.of(
                Map.of("id", "r-0", "number", "107000", "orderNumber", "106001", "purchaseReceiptLines", List.of(Map.of("quantity", 3))),
                Map.of("id", "r-1", "number", "107001", "orderNumber", "106001",
                        "purchaseReceiptLines", List.of(Map.of("quantity", 96), Map.of("quantity", 40))))));
        final ThreePlPosting.Posted posted = poster(PostingAction.SHIP_EXTENSION).post(receipt);
        assertTrue(posted.alreadyPosted());
        assertEquals("107001", posted.documentNumber(), "only the receipt carrying the mark");
        assertEquals(0, new BigDecimal("136").compareTo(posted.quantity()));
        assertEquals(List.of("GET", "GET"), requests.stream().map(Request::method).toList(), "nothing written");

        receipts = MAPPER.writeValueAsString(Map.of("value", List.of(Map.of("id", "r-1", "number", "107001", "orderNumber", "106001",
                "purchaseReceiptLines", List.of(Map.of("quantity", 96))))));
        assertEquals("POSTED_QUANTITY_MISMATCH", assertThrows(ShipmentPostingException.class,
                () -> poster(PostingAction.SHIP_EXTENSION).post(receipt)).code());
    }

    @Test
    void aReceiptNumberIsMarkedInCapitalsAsBcKeepsACodeField() {
        final ReceiptAdvice receipt = new ReceiptAdvice("RECADV", "1", "1", "rc-9001", "106001", null, List.of());
        assertEquals("RC-9001", ThreePlPosting.receiptReference(receipt));
        final String digest = ThreePlPosting.receiptReference(new ReceiptAdvice("RECADV", "1", "1", "r".repeat(40), "106001", null, List.of()));
        assertEquals(35, digest.length());
        assertEquals(digest.toUpperCase(java.util.Locale.ROOT), digest);
    }

    /** Microsoft's salesOrders page text. */
    static final class SharedReferenceText {
        static String salesOrdersPage() {
            try {
                return java.nio.file.Files.readString(SharedReference.dir().resolve("bc-api-v2.0-pages/APIV2SalesOrders.Page.al"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
