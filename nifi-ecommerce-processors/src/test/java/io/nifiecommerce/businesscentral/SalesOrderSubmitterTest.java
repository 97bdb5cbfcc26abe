package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.HttpClientFactory;
import io.nifiecommerce.http.HttpTransport;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SalesOrderSubmitterTest {

    private StubBusinessCentral bc;
    private BusinessCentralClient client;

    @BeforeEach
    void start() throws Exception {
        bc = new StubBusinessCentral();
        bc.customer("WEB", "shop@example.com", null).customer("B2B-42", "buyer@acme.example", "FR12345678901")
                .customer("C-JEANNE", "Jeanne@Example.com", null);
        for (int i = 1; i <= 5; i++) {
            bc.item("SKU-" + i, "0000000000" + i);
        }
        client = client(bc);
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    static BusinessCentralClient client(final StubBusinessCentral bc) {
        final HttpTransport transport = new HttpTransport(HttpClientFactory.create(Duration.ofSeconds(5)),
                new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(100)));
        final Credentials token = new ClientCredentialsToken(bc.baseUrl(), StubBusinessCentral.TENANT, "client", "secret", null, transport,
                Duration.ofSeconds(5), Clock.systemUTC());
        return new BusinessCentralClient(bc.endpoint(), token, new RequestGovernor(5, 6000, Duration.ofMinutes(5)), transport, Duration.ofSeconds(10));
    }

    private SalesOrderSubmitter submitter(final CustomerPolicy policy, final ItemReference reference, final boolean atomic) {
        final BatchedLookup lookup = new BatchedLookup(client, StubBusinessCentral.COMPANY_ID);
        return new SalesOrderSubmitter(client, StubBusinessCentral.COMPANY_ID,
                new SalesOrderMapper(new MappingOptions("Account", "7010", PriceBasis.AS_GIVEN, "EUR", "${name}")), new ExistingDocuments(lookup),
                new CustomerResolver(client, lookup, StubBusinessCentral.COMPANY_ID, policy),
                new ItemResolver(reference, lookup, sku -> Optional.of(sku.replace("ART-", "SKU-"))), 100, atomic, true,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)), Sleeper.SYSTEM);
    }

    private SalesOrderSubmitter submitter() {
        return submitter(CustomerPolicy.defaultCustomers("WEB", null), ItemReference.SKU_IS_ITEM_NUMBER, false);
    }

    private static List<Order> orders(final int count, final int from) {
        return IntStream.range(from, from + count).mapToObj(i -> TestOrders.b2c("#" + i, 3)).toList();
    }

    @Test
    void createsOrdersInFewRequestsAndNeverTwice() {
        final List<OrderOutcome> first = submitter().submit(orders(250, 1000));
        assertTrue(first.stream().allMatch(o -> o.status() == OrderOutcome.Status.CREATED), summary(first));
        assertEquals(250, bc.records("salesOrders").size());
        assertTrue(first.stream().allMatch(o -> o.number() != null && o.id() != null));
        // 1 dedupe $batch (3 sets x 7 chunks) + 3 create $batches
        assertEquals(4, bc.apiRequests(), "requests for 250 orders");
        final ObjectNode created = bc.records("salesOrders").stream()
                .filter(o -> o.path("externalDocumentNumber").asText().equals("#1000")).findFirst().orElseThrow();
        assertEquals(first.get(0).number(), created.path("number").asText());
        assertEquals(4, created.path("salesOrderLines").size(), "three items and shipping in one deep insert");

        final List<OrderOutcome> replay = submitter().submit(orders(250, 1000));
        assertTrue(replay.stream().allMatch(o -> o.status() == OrderOutcome.Status.ALREADY_PRESENT), summary(replay));
        assertEquals(250, bc.records("salesOrders").size(), "nothing created twice");
        assertEquals(first.get(7).number(), replay.get(7).number());
    }

    @Test
    void invoicedAndShippedOrdersCountAsPresent() {
        bc.document("salesInvoices", "PSI-1", "#1");
        bc.document("salesShipments", "PSS-2", "#2");
        final List<OrderOutcome> outcomes = submitter().submit(orders(3, 1));
        assertEquals(OrderOutcome.Status.ALREADY_PRESENT, outcomes.get(0).status());
        assertEquals("salesInvoices", outcomes.get(0).documentType());
        assertEquals("PSI-1", outcomes.get(0).number());
        assertEquals("salesShipments", outcomes.get(1).documentType());
        assertEquals(OrderOutcome.Status.CREATED, outcomes.get(2).status());
        assertEquals(1, bc.records("salesOrders").size());
    }

    @Test
    void oneBadOrderDoesNotFailTheOthers() {
        final List<Order> orders = new ArrayList<>(orders(4, 1));
        final Order good = orders.get(1);
        final List<OrderLine> lines = new ArrayList<>(good.lines());
        lines.set(0, TestOrders.line("NO-SUCH-ITEM", 1, "19.99", "0.00", "0.20"));
        orders.set(1, TestOrders.order("#bad", Segment.B2C, null, true, lines, good.shippingLines(), BigDecimal.ZERO));
        final List<OrderOutcome> outcomes = submitter().submit(orders);
        assertEquals(OrderOutcome.Status.FAILED, outcomes.get(1).status());
        assertEquals("Application_DialogException", outcomes.get(1).errorCode());
        assertTrue(outcomes.get(1).errorMessage().contains("NO-SUCH-ITEM"));
        assertEquals(3, outcomes.stream().filter(o -> o.status() == OrderOutcome.Status.CREATED).count());
        assertEquals(3, bc.records("salesOrders").size());
    }

    @Test
    void atomicBatchRollsBackTogether() {
        final List<Order> orders = new ArrayList<>(orders(3, 1));
        final Order good = orders.get(2);
        final List<OrderLine> lines = new ArrayList<>(good.lines());
        lines.set(0, TestOrders.line("NO-SUCH-ITEM", 1, "19.99", "0.00", "0.20"));
        orders.set(2, TestOrders.order("#bad", Segment.B2C, null, true, lines, good.shippingLines(), BigDecimal.ZERO));
        final List<OrderOutcome> outcomes = submitter(CustomerPolicy.defaultCustomers("WEB", null), ItemReference.SKU_IS_ITEM_NUMBER, true).submit(orders);
        assertEquals("Application_DialogException", outcomes.get(2).errorCode());
        assertEquals(SalesOrderSubmitter.BATCH_ROLLED_BACK, outcomes.get(0).errorCode());
        assertEquals(SalesOrderSubmitter.BATCH_ROLLED_BACK, outcomes.get(1).errorCode());
        assertEquals(0, bc.records("salesOrders").size());
    }

    @Test
    void lostAnswerIsRecheckedAndNothingIsCreatedTwice() {
        bc.loseNextBatchAnswers(1);
        final List<OrderOutcome> outcomes = submitter().submit(orders(150, 1));
        assertEquals(150, outcomes.stream().filter(OrderOutcome::isSuccess).count(), summary(outcomes));
        assertEquals(150, bc.records("salesOrders").size(), "each order exactly once");
        assertEquals(150, bc.records("salesOrders").stream().map(o -> o.path("externalDocumentNumber").asText()).distinct().count());
        final long recovered = outcomes.stream().filter(o -> o.status() == OrderOutcome.Status.ALREADY_PRESENT).count();
        assertTrue(recovered == 100 || recovered == 50, "the batch whose answer was lost (of 100 or of 50) is found on re-check, not resent: " + recovered);
    }

    @Test
    void stormOf429IsRiddenOut() {
        bc.throttleNext(4);
        final List<OrderOutcome> outcomes = submitter().submit(orders(120, 1));
        assertTrue(outcomes.stream().allMatch(o -> o.status() == OrderOutcome.Status.CREATED), summary(outcomes));
        assertEquals(4, bc.throttledCount());
        assertEquals(4, client.governor().throttledCount(), "every 429 slowed the shared governor");
        assertEquals(120, bc.records("salesOrders").size());
    }

    @Test
    void endlessThrottlingEndsInRetryNotLoss() {
        bc.throttleNext(1000);
        final List<OrderOutcome> outcomes = submitter().submit(orders(5, 1));
        assertTrue(outcomes.stream().allMatch(o -> o.status() == OrderOutcome.Status.RETRY), summary(outcomes));
        assertEquals(0, bc.records("salesOrders").size());
    }

    @Test
    void expiredTokenIsRenewedOnceMidRun() {
        submitter().submit(orders(10, 1));
        final long tokensBefore = bc.tokenRequests();
        bc.expireTokens();
        final List<OrderOutcome> outcomes = submitter().submit(orders(10, 100));
        assertTrue(outcomes.stream().allMatch(o -> o.status() == OrderOutcome.Status.CREATED), summary(outcomes));
        assertEquals(tokensBefore + 1, bc.tokenRequests());
        assertEquals(1, bc.unauthorizedCount());
    }

    @Test
    void serverRefusingInGetsAnOrChain() {
        bc.refuseIn(true);
        bc.document("salesInvoices", "PSI-1", "#1");
        final BatchedLookup lookup = new BatchedLookup(client, StubBusinessCentral.COMPANY_ID);
        final Map<String, ExistingDocument> found = new ExistingDocuments(lookup).find(List.of("#1", "#2", "O'Brien"));
        assertEquals(Map.of("#1", found.get("#1")), found);
        assertEquals("PSI-1", found.get("#1").number());
        assertTrue(!lookup.inOperatorAccepted());
    }

    @Test
    void repeatedOrderInOneInputIsCreatedOnce() {
        final List<Order> orders = List.of(TestOrders.b2c("#7", 1), TestOrders.b2c("#8", 1), TestOrders.b2c("#7", 1));
        final List<OrderOutcome> outcomes = submitter().submit(orders);
        assertEquals(OrderOutcome.Status.CREATED, outcomes.get(0).status());
        assertEquals(OrderOutcome.Status.ALREADY_PRESENT, outcomes.get(2).status());
        assertEquals(outcomes.get(0).number(), outcomes.get(2).number());
        assertEquals(2, bc.records("salesOrders").size());
    }

    @Test
    void customersAreFoundByEmailCompanyOrCreated() {
        final CustomerPolicy policy = new CustomerPolicy(List.of(CustomerMatch.EMAIL, CustomerMatch.CREATE),
                List.of(CustomerMatch.EXTERNAL_ID, CustomerMatch.TAX_REGISTRATION_NUMBER), null, null,
                (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("salespersonCode", "PS"));
        final Order jeanne = TestOrders.b2c("#1", 1); // jeanne@example.com, stored as Jeanne@Example.com
        final Order stranger = withEmail(TestOrders.b2c("#2", 1), "new.buyer@example.org");
        final Order byNumber = TestOrders.order("#3", Segment.B2B, TestOrders.company("B2B-42", null), false, jeanne.lines(), List.of(), BigDecimal.ZERO);
        final Order byVat = TestOrders.order("#4", Segment.B2B, TestOrders.company("UNKNOWN", "FR12345678901"), false, jeanne.lines(), List.of(), BigDecimal.ZERO);
        final Order unknown = TestOrders.order("#5", Segment.B2B, TestOrders.company("NOPE", "XX"), false, jeanne.lines(), List.of(), BigDecimal.ZERO);
        final List<OrderOutcome> outcomes = submitter(policy, ItemReference.SKU_IS_ITEM_NUMBER, false)
                .submit(List.of(jeanne, stranger, byNumber, byVat, unknown));
        final Map<String, String> customerOf = bc.records("salesOrders").stream().collect(Collectors.toMap(
                o -> o.path("externalDocumentNumber").asText(), o -> o.path("customerNumber").asText()));
        assertEquals("C-JEANNE", customerOf.get("#1"), outcomes.toString());
        assertEquals("B2B-42", customerOf.get("#3"));
        assertEquals("B2B-42", customerOf.get("#4"));
        final ObjectNode created = bc.records("customers").stream().filter(c -> "new.buyer@example.org".equals(c.path("email").asText())).findFirst().orElseThrow();
        assertEquals(created.path("number").asText(), customerOf.get("#2"));
        assertEquals("PS", created.path("salespersonCode").asText(), "the template is applied");
        assertEquals(OrderOutcome.Status.FAILED, outcomes.get(4).status());
        assertEquals(CustomerResolver.UNKNOWN_CUSTOMER, outcomes.get(4).errorCode());
    }

    @Test
    void itemsAreFoundByGtinOrByAnExternalMapping() {
        final List<OrderLine> lines = List.of(new OrderLine("1", "shop-sku", "00000000002", "T", 1, new BigDecimal("5.00"), BigDecimal.ZERO,
                new BigDecimal("0.83"), new BigDecimal("0.2")), new OrderLine("2", "shop-sku-9", "99999", "T", 1, new BigDecimal("5.00"),
                BigDecimal.ZERO, new BigDecimal("0.83"), new BigDecimal("0.2")));
        final Order known = TestOrders.order("#g1", Segment.B2C, null, true, lines.subList(0, 1), List.of(), BigDecimal.ZERO);
        final Order unknownGtin = TestOrders.order("#g2", Segment.B2C, null, true, lines, List.of(), BigDecimal.ZERO);
        final List<OrderOutcome> outcomes = submitter(CustomerPolicy.defaultCustomers("WEB", null), ItemReference.GTIN, false).submit(List.of(known, unknownGtin));
        assertEquals(OrderOutcome.Status.CREATED, outcomes.get(0).status(), summary(outcomes));
        assertEquals("SKU-2", bc.records("salesOrders").get(0).path("salesOrderLines").get(0).path("lineObjectNumber").asText());
        assertEquals(ItemResolver.UNKNOWN_ITEM, outcomes.get(1).errorCode());
        assertTrue(outcomes.get(1).errorMessage().contains("99999"));

        final Order mapped = TestOrders.order("#m1", Segment.B2C, null, true, List.of(TestOrders.line("ART-3", 1, "1.00", "0.00", "0")), List.of(), BigDecimal.ZERO);
        final OrderOutcome outcome = submitter(CustomerPolicy.defaultCustomers("WEB", null), ItemReference.LOOKUP, false).submit(List.of(mapped)).get(0);
        assertEquals(OrderOutcome.Status.CREATED, outcome.status());
        assertNotNull(bc.records("salesOrders").stream().filter(o -> o.path("salesOrderLines").get(0).path("lineObjectNumber").asText().equals("SKU-3"))
                .findFirst().orElse(null));
    }

    private static Order withEmail(final Order o, final String email) {
        return new Order(o.source(), o.sourceId(), o.name(), o.segment(), o.channel(), o.createdAt(), o.updatedAt(), o.processedAt(), null,
                o.currency(), o.taxesIncluded(), null, null, null, null, email, null, null, null, o.billingAddress(), o.shippingAddress(),
                o.lines(), o.shippingLines(), o.subtotalPrice(), o.totalDiscounts(), o.totalShipping(), o.totalTax(), o.totalPrice());
    }

    private static String summary(final List<OrderOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(o -> o.status() + " " + o.errorCode(), Collectors.counting())).toString();
    }
}
