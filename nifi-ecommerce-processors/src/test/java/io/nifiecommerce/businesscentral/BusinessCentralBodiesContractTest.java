package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.RetryPolicy;
import io.nifiecommerce.mirakl.MarketplaceBookings;
import io.nifiecommerce.mirakl.PeriodSettlement;
import io.nifiecommerce.http.Sleeper;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.order.RefundLine;
import io.nifiecommerce.order.RefundShipping;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.edi.ThreePlPosting;
import io.nifiecommerce.sandbox.bc.BcEdiExtension;
import io.nifiecommerce.sandbox.bc.BcPageContract;
import io.nifiecommerce.edi.StockAdjustments;
import io.nifiecommerce.edi.StockReconciliation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every body the bundle sends to Business Central, checked against Microsoft's page definition of
 * its entity set (reference/bc-api-v2.0-pages, via the sandbox's {@link BcPageContract}): only fields
 * the page has and lets a client write, parts only where the page has them.
 */
class BusinessCentralBodiesContractTest {

    private static final Address LONG_ADDRESS = new Address("Marie-Hélène de La Tour d'Auvergne", "Établissements Dupont & Fils SARL",
            "12 rue de la Paix, escalier C, 3e étage, porte gauche, code 1234A", "Bâtiment B", "Saint-Rémy-de-Provence", "Bouches-du-Rhône",
            "13210", "FR", "+33 4 90 00 00 00");

    private StubBusinessCentral bc;

    @BeforeEach
    void start() throws Exception {
        bc = new StubBusinessCentral();
        bc.customer("WEB", "shop@example.com", null).customer("B2B-42", "buyer@acme.example", "FR12345678901");
        for (int i = 1; i <= 3; i++) {
            bc.item("SKU-" + i, "0000000000" + i);
        }
    }

    @AfterEach
    void stop() {
        bc.close();
    }

    /** Orders of every shape the mapper handles: B2C and B2B, taxes in or out, both price bases, discounts, shipping, currency. */
    private static List<Order> everyShape() {
        final List<Order> orders = new ArrayList<>();
        orders.add(TestOrders.b2c("#1", 3));
        final List<OrderLine> discounted = List.of(TestOrders.line("SKU-1", 3, "19.99", "5.00", "0.20"), TestOrders.line("SKU-2", 1, "7.10", "0.00", "0.055"));
        orders.add(TestOrders.order("#2", Segment.B2B, TestOrders.company("B2B-42", "FR12345678901"), false, discounted,
                List.of(TestOrders.shipping("12.00", "2.00", "0.20")), new BigDecimal("3.00")));
        orders.add(TestOrders.order("#3", Segment.B2C, null, true, discounted, List.of(TestOrders.shipping("0.00", "0.00", "0.20")),
                new BigDecimal("4.00")));
        final Order base = TestOrders.b2c("#4", 2);
        orders.add(new Order(base.source(), base.sourceId(), "#4", base.segment(), base.channel(), base.createdAt(), base.updatedAt(),
                base.processedAt(), base.cancelledAt(), "USD", base.taxesIncluded(), base.financialStatus(), base.fulfillmentStatus(),
                "PO-77", base.tags(), "new.buyer@example.org", base.note(), base.customer(), base.company(), LONG_ADDRESS, LONG_ADDRESS,
                base.lines(), base.shippingLines(), base.subtotalPrice(), base.totalDiscounts(), base.totalShipping(), base.totalTax(),
                base.totalPrice()));
        return orders;
    }

    @Test
    void mappedSalesOrdersUseOnlyWritableFieldsOfTheSalesOrderPages() {
        for (final PriceBasis basis : PriceBasis.values()) {
            final SalesOrderMapper mapper = new SalesOrderMapper(new MappingOptions("Account", "7010", basis, "EUR", "${name}"));
            for (final Order order : everyShape()) {
                final ObjectNode body = mapper.map(order, "WEB", order.lines().stream().map(OrderLine::sku).toList()).body();
                assertEquals(List.of(), BcPageContract.violations("salesOrders", body, BcPageContract.Write.INSERT),
                        basis + " " + order.name() + ": " + body);
            }
        }
    }

    @Test
    void mappedCreditMemosUseOnlyWritableFieldsOfTheCreditMemoPages() {
        final Refund refund = new Refund("shopify", "gid://shopify/Refund/77", "gid://shopify/Order/1", "#1", false, "2026-08-20T10:00:00Z",
                "EUR", true, "damaged", List.of(new RefundLine("gid://shopify/LineItem/1", "SKU-1", null, "Product 1", 2, new BigDecimal("39.98"),
                new BigDecimal("6.66"), "RETURN", "gid://shopify/Location/1")), List.of(new RefundShipping(new BigDecimal("4.90"),
                new BigDecimal("0.82"))), new BigDecimal("44.88"));
        for (final PriceBasis basis : PriceBasis.values()) {
            final CreditMemoMapper mapper = new CreditMemoMapper(new SalesOrderMapper(new MappingOptions("Account", "7010", basis, "EUR", "${name}")));
            final ObjectNode body = mapper.map(refund, "WEB", "00000000-0000-0000-0000-000000000001", List.of("SKU-1"));
            assertEquals(List.of(), BcPageContract.violations("salesCreditMemos", body, BcPageContract.Write.INSERT), basis + ": " + body);
            assertEquals("REFUND-77", body.path("externalDocumentNumber").asText());
            assertEquals(2, body.path("salesCreditMemoLines").size(), "the item and the shipping refunded");
        }
    }

    /** With customers numbered by BC's series (no prefix) and by the Shopify customer (a prefix: the body carries the number). */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "SHOP-")
    void everyBodyTheSubmitterSendsObeysItsPage(final String customerNumberPrefix) {
        final BusinessCentralClient client = SalesOrderSubmitterTest.client(bc);
        final BatchedLookup lookup = new BatchedLookup(client, StubBusinessCentral.COMPANY_ID);
        final CustomerPolicy createByEmail = new CustomerPolicy(List.of(CustomerMatch.EMAIL, CustomerMatch.CREATE),
                List.of(CustomerMatch.EXTERNAL_ID, CustomerMatch.TAX_REGISTRATION_NUMBER), null, null, null, customerNumberPrefix);
        final SalesOrderSubmitter submitter = new SalesOrderSubmitter(client, StubBusinessCentral.COMPANY_ID,
                new SalesOrderMapper(new MappingOptions("Account", "7010", PriceBasis.AS_GIVEN, "EUR", "${name}")),
                new ExistingDocuments(lookup), new CustomerResolver(client, lookup, StubBusinessCentral.COMPANY_ID, createByEmail),
                new ItemResolver(ItemReference.SKU_IS_ITEM_NUMBER, lookup, Optional::of), 100, true, true,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)), Sleeper.SYSTEM);
        final List<OrderOutcome> outcomes = submitter.submit(everyShape());
        assertTrue(outcomes.stream().allMatch(o -> o.status() == OrderOutcome.Status.CREATED), outcomes.toString());

        final List<StubBusinessCentral.Write> writes = bc.writes();
        assertEquals(Set.of("salesOrders", "customers"), writes.stream().map(StubBusinessCentral.Write::entitySet).collect(Collectors.toSet()),
                "the run sent orders and created customers");
        for (final StubBusinessCentral.Write write : writes) {
            final BcPageContract.Write kind = write.method().equals("POST") ? BcPageContract.Write.INSERT : BcPageContract.Write.MODIFY;
            assertEquals(List.of(), BcPageContract.violations(write.entitySet(), write.body(), kind), write.method() + " " + write.entitySet());
        }
        assertEquals(customerNumberPrefix == null ? "" : "SHOP-1", writes.stream().filter(w -> w.entitySet().equals("customers")).findFirst()
                .orElseThrow().body().path("number").asText(), "the created customer's number");
    }

    @Test
    void theCheckRefusesWhatBusinessCentralRefuses() {
        final ObjectNode body = new SalesOrderMapper(new MappingOptions("Account", "7010", PriceBasis.AS_GIVEN, "EUR", "${name}"))
                .map(TestOrders.b2c("#9", 1), "WEB", List.of("SKU-1")).body();
        body.put("billToCity", "Paris");
        ((ObjectNode) body.get("salesOrderLines").get(0)).put("netAmount", 1);
        final List<String> violations = BcPageContract.violations("salesOrders", body, BcPageContract.Write.INSERT);
        assertEquals(2, violations.size(), violations.toString());
        assertFalse(BcPageContract.violations("customers", bc.records("customers").get(0), BcPageContract.Write.INSERT).isEmpty(),
                "a stored customer (id, lastModifiedDateTime...) is not a valid body");
    }

    /** Marketplace accounting: the purchase invoice of an operator invoice, the credit memo of its credit note, the journal lines of a period settlement. */
    @Test
    void marketplaceInvoicesAndSettlementLinesUseOnlyWritableFieldsOfTheirPages() {
        final MarketplaceBookings bookings = new MarketplaceBookings(null, StubBusinessCentral.COMPANY_ID, "fnac-darty",
                new MarketplaceBookings.Accounts("MKT-FNAC", "V-FNAC", "6226", "BNP", "4678", "MARKETPL"));
        final PeriodSettlement.Document invoice = new PeriodSettlement.Document("1001", "AUTO_INVOICE", "2026-11-21T00:00:00Z",
                "2026-12-21T00:00:00Z", "EUR", new BigDecimal("17.91"), new BigDecimal("21.49"), new BigDecimal("3.58"));
        assertEquals(List.of(), BcPageContract.violations("purchaseInvoices", bookings.purchaseInvoiceBody(invoice), BcPageContract.Write.INSERT));
        final PeriodSettlement settlement = new PeriodSettlement("fnac-darty", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-11T00:00:00Z"), "EUR", 3, new BigDecimal("134.10"), new BigDecimal("-10.00"),
                new BigDecimal("-21.49"), new BigDecimal("-5.00"), new BigDecimal("12.00"), new BigDecimal("-100.00"),
                new BigDecimal("9.61"), Map.of(), List.of("1001"), List.of(invoice));
        final PeriodSettlement.Document credit = new PeriodSettlement.Document("1002", "MANUAL_CREDIT", "2026-11-21T00:00:00Z", null, "EUR",
                new BigDecimal("10.00"), new BigDecimal("12.00"), new BigDecimal("2.00"));
        assertEquals(List.of(), BcPageContract.violations("purchaseCreditMemos", bookings.purchaseCreditMemoBody(credit), BcPageContract.Write.INSERT));
        final List<ObjectNode> lines = bookings.journalLineBodies(settlement);
        assertEquals(4, lines.size(), "customer, vendor, bank and the clearing account for what stays on the marketplace");
        assertEquals(0, lines.stream().map(line -> line.path("amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add).signum());
        for (final ObjectNode line : lines) {
            assertEquals(List.of(), BcPageContract.violations("journalLines", line, BcPageContract.Write.INSERT), line.toString());
            assertTrue(line.path("documentNumber").asText().length() <= 20);
        }
    }

    @Test
    void theChannelDimensionLineUsesOnlyWritableFieldsOfItsPage() {
        assertEquals(List.of(), BcPageContract.violations("dimensionSetLines", DocumentDimensions.body("canal", "fnac-darty"),
                BcPageContract.Write.INSERT));
    }

    /** The 3PL stock adjustment goes to bc-extension's own page (the sandbox's copy is kept identical to bc-extension/src). */
    @Test
    void theStockAdjustmentUsesOnlyWritableFieldsOfTheExtensionsPage() {
        final ObjectNode body = StockAdjustments.body(new StockReconciliation.Difference("1896-S", "5412345000020", new BigDecimal("50"),
                new BigDecimal("42")), "INV-5001");
        assertEquals(List.of(), BcPageContract.violations(BcEdiExtension.ADJUSTMENTS_PAGE, body, BcPageContract.Write.INSERT));
        assertEquals(StockAdjustments.ENTITY_SET, BcEdiExtension.ADJUSTMENTS_PAGE.entitySetName());
        assertFalse(BcPageContract.violations(BcEdiExtension.ADJUSTMENTS_PAGE, body.deepCopy().put("entryType", "Sale"),
                BcPageContract.Write.INSERT).isEmpty(), "entryType follows the sign of quantity: read-only");
    }

    /** The marks put on an order before the 3PL's shipment is posted go to bc-extension's shippableSalesOrders. */
    @Test
    void theShipmentMarksUseOnlyWritableFieldsOfTheExtensionsPage() {
        final ObjectNode body = ThreePlPosting.shipmentMarks("6A12345678901", "DN-7001");
        assertEquals(List.of(), BcPageContract.violations(BcEdiExtension.SHIPPABLE_PAGE, body, BcPageContract.Write.MODIFY));
        assertFalse(BcPageContract.violations(BcEdiExtension.SHIPPABLE_PAGE, body.deepCopy().put("outstandingQuantity", 1),
                BcPageContract.Write.MODIFY).isEmpty(), "a field the page does not expose is refused");
    }

    /** The mark put on a purchase order before the 3PL's receipt is posted goes to bc-extension's receivablePurchaseOrders. */
    @Test
    void theReceiptMarkUsesOnlyWritableFieldsOfTheExtensionsPage() {
        final ObjectNode body = ThreePlPosting.receiptMarks("RC-9001");
        assertEquals(List.of(), BcPageContract.violations(BcEdiExtension.RECEIVABLE_PAGE, body, BcPageContract.Write.MODIFY));
        assertFalse(BcPageContract.violations(BcEdiExtension.RECEIVABLE_PAGE, body.deepCopy().put("number", "106001"),
                BcPageContract.Write.MODIFY).isEmpty(), "the order's number is read-only");
        assertFalse(BcPageContract.violations(BcEdiExtension.POSTED_RECEIPTS_PAGE, body, BcPageContract.Write.MODIFY).isEmpty(),
                "the posted receipt's copy is read-only, as posted documents are");
    }
}
