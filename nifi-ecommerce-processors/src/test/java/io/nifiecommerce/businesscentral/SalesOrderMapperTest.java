package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SalesOrderMapperTest {

    private static final MappingOptions AS_GIVEN = new MappingOptions("Account", "7010", PriceBasis.AS_GIVEN, "EUR", "${name}");
    private static final MappingOptions EXCLUDING = new MappingOptions("Account", "7010", PriceBasis.EXCLUDING_TAX, "EUR", "${name}");

    @Test
    void taxIncludedOrderWithDiscountsReconcilesToTheCentAsGiven() {
        final Order order = TestOrders.order("#1001", Segment.B2C, null, true,
                List.of(TestOrders.line("A", 3, "19.99", "6.00", "0.20"), TestOrders.line("B", 1, "7.33", "0.37", "0.055")),
                List.of(TestOrders.shipping("4.90", "1.00", "0.20")), new BigDecimal("2.50"));
        final SalesOrderDraft draft = new SalesOrderMapper(AS_GIVEN).map(order, "C1", List.of("1000", "1001"));

        assertEquals(new BigDecimal("0.00"), draft.reconciliationDifference());
        assertEquals(order.totalPrice(), sumOfLines(draft.body()).subtract(draft.body().path("discountAmount").decimalValue()));
        assertEquals(new BigDecimal("2.50"), draft.body().path("discountAmount").decimalValue(), "unallocated order discount on the header");
        final JsonNode shipping = draft.body().path("salesOrderLines").get(2);
        assertEquals("Account", shipping.path("lineType").asText());
        assertEquals("7010", shipping.path("lineObjectNumber").asText());
        assertEquals("1.00", shipping.path("discountAmount").decimalValue().toPlainString());
    }

    @Test
    void taxIncludedOrderConvertedToExcludingTaxReconcilesWithTheOrderTax() {
        final Order order = TestOrders.order("#1002", Segment.B2C, null, true,
                List.of(TestOrders.line("A", 3, "19.99", "6.00", "0.20"), TestOrders.line("B", 7, "0.99", "0.00", "0.055")),
                List.of(TestOrders.shipping("4.90", "0.00", "0.20")), BigDecimal.ZERO);
        final SalesOrderDraft draft = new SalesOrderMapper(EXCLUDING).map(order, "C1", List.of("1000", "1001"));

        assertTrue(draft.reconciles(), () -> "difference " + draft.reconciliationDifference());
        assertEquals(order.totalPrice(), sumOfLines(draft.body()).add(order.totalTax()));
        for (int i = 0; i < order.lines().size(); i++) {
            final OrderLine line = order.lines().get(i);
            final JsonNode sent = draft.body().path("salesOrderLines").get(i);
            assertEquals(line.netAmount().subtract(line.taxAmount()), lineAmount(sent), "line " + i + " net of tax");
            assertTrue(sent.path("discountAmount").decimalValue().signum() >= 0, "never a negative discount");
        }
        // 19.99 incl. 20 % is 16.66 (rounded up to the cent): 3 x 16.66 - discount = 59.97 - 6.00 - tax
        assertEquals("16.66", draft.body().path("salesOrderLines").get(0).path("unitPrice").decimalValue().toPlainString());
    }

    @Test
    void taxExcludedOrderIsSentAsGivenAndTaxAddsUp() {
        final Order order = TestOrders.order("#1003", Segment.B2C, null, false,
                List.of(TestOrders.line("A", 2, "10.00", "1.50", "0.0825")), List.of(TestOrders.shipping("5.00", "0.00", "0")), BigDecimal.ZERO);
        for (final MappingOptions options : List.of(AS_GIVEN, EXCLUDING)) {
            final SalesOrderDraft draft = new SalesOrderMapper(options).map(order, "C1", List.of("1000"));
            assertEquals("10.00", draft.body().path("salesOrderLines").get(0).path("unitPrice").decimalValue().setScale(2).toPlainString());
            assertTrue(draft.reconciles(), options.priceBasis() + ": " + draft.reconciliationDifference());
            assertEquals(order.totalPrice(), sumOfLines(draft.body()).add(order.totalTax()));
        }
    }

    @Test
    void mismatchedTotalIsReported() {
        final Order base = TestOrders.b2c("#1004", 2);
        final Order wrong = new Order(base.source(), base.sourceId(), base.name(), base.segment(), base.channel(), base.createdAt(), base.updatedAt(),
                base.processedAt(), null, "EUR", true, null, null, null, null, null, null, base.customer(), null, base.billingAddress(),
                base.shippingAddress(), base.lines(), base.shippingLines(), base.subtotalPrice(), base.totalDiscounts(), base.totalShipping(),
                base.totalTax(), base.totalPrice().add(new BigDecimal("0.01")));
        final SalesOrderDraft draft = new SalesOrderMapper(AS_GIVEN).map(wrong, "C1", List.of("1", "2"));
        assertFalse(draft.reconciles());
        assertEquals(new BigDecimal("0.01"), draft.reconciliationDifference());
    }

    /** Random orders (quantities, prices, discounts, rates, order-level discounts) reconcile to the cent on both bases. */
    @Property(tries = 300)
    void everyOrderReconcilesToTheCent(@ForAll final long seed, @ForAll @IntRange(min = 1, max = 8) final int lineCount) {
        final Random random = new Random(seed);
        final String[] rates = {"0", "0.055", "0.07", "0.10", "0.19", "0.20", "0.21", "0.25"};
        final List<OrderLine> lines = new ArrayList<>();
        final List<String> items = new ArrayList<>();
        for (int i = 0; i < lineCount; i++) {
            final long quantity = 1 + random.nextInt(12);
            final BigDecimal unit = BigDecimal.valueOf(1 + random.nextInt(50_000), 2);
            final BigDecimal gross = unit.multiply(BigDecimal.valueOf(quantity));
            final BigDecimal discount = random.nextBoolean() ? BigDecimal.ZERO
                    : gross.multiply(BigDecimal.valueOf(random.nextInt(101), 2)).setScale(2, java.math.RoundingMode.DOWN);
            lines.add(TestOrders.line("S" + i, quantity, unit.toPlainString(), discount.toPlainString(), rates[random.nextInt(rates.length)]));
            items.add("I" + i);
        }
        final List<ShippingLine> shipping = random.nextBoolean() ? List.of()
                : List.of(TestOrders.shipping(BigDecimal.valueOf(random.nextInt(2000), 2).toPlainString(), "0.00", rates[random.nextInt(rates.length)]));
        final boolean included = random.nextBoolean();
        final BigDecimal orderDiscount = BigDecimal.valueOf(random.nextInt(3) == 0 ? random.nextInt(500) : 0, 2);
        final Order order = TestOrders.order("#" + seed, Segment.B2C, null, included, lines, shipping, orderDiscount);
        for (final MappingOptions options : List.of(AS_GIVEN, EXCLUDING)) {
            final SalesOrderDraft draft = new SalesOrderMapper(options).map(order, "C1", items);
            final boolean sentWithoutTax = options.priceBasis() == PriceBasis.EXCLUDING_TAX || !included;
            final BigDecimal headerDiscount = draft.body().path("discountAmount").decimalValue();
            final BigDecimal documentTotal = sumOfLines(draft.body()).subtract(headerDiscount).add(sentWithoutTax ? order.totalTax() : BigDecimal.ZERO);
            assertEquals(draft.documentTotal(), documentTotal.setScale(2));
            for (final JsonNode line : draft.body().path("salesOrderLines")) {
                assertTrue(line.path("discountAmount").decimalValue().signum() >= 0, "negative discount " + line);
            }
            if (options.priceBasis() == PriceBasis.AS_GIVEN || orderDiscount.signum() == 0) {
                assertEquals(0, order.totalPrice().compareTo(documentTotal), options.priceBasis() + " " + draft.body());
            } else {
                // a header discount converted to tax-excluded is proportional to the order's tax: within a cent per rate rounding
                assertTrue(order.totalPrice().subtract(documentTotal).abs().compareTo(orderDiscount) <= 0);
            }
        }
    }

    @Test
    void longValuesAreTruncatedAndReportedNotRefused() {
        final String longStreet = "Résidence des Érables, escalier C, " + String.join("", Collections.nCopies(10, "appartement 42 "));
        final Address address = new Address("Zoé Lefèvre-Saint-Éxupéry", null, longStreet, "Lieu-dit " + "x".repeat(60),
                "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson", "Marne", "51290-CEDEX-0000000000000", "FR", "+33 3 26 00 00 00 00 00 00 00 00 00 00");
        final Order base = TestOrders.b2c("#" + "9".repeat(40), 1);
        final Order order = new Order(base.source(), base.sourceId(), base.name(), base.segment(), base.channel(), base.createdAt(),
                base.updatedAt(), base.processedAt(), null, "EUR", true, null, null, null, null, "a".repeat(90) + "@example.com", null,
                base.customer(), null, address, address, base.lines(), base.shippingLines(), base.subtotalPrice(), base.totalDiscounts(),
                base.totalShipping(), base.totalTax(), base.totalPrice());
        final SalesOrderDraft draft = new SalesOrderMapper(AS_GIVEN).map(order, "C1", List.of("1000"));
        final ObjectNode body = draft.body();

        assertEquals(35, body.path("externalDocumentNumber").asText().length());
        assertEquals(100, body.path("shipToAddressLine1").asText().length());
        assertEquals(50, body.path("shipToAddressLine2").asText().length());
        assertEquals(30, body.path("shipToCity").asText().length());
        assertEquals(20, body.path("shipToPostCode").asText().length());
        assertEquals(80, body.path("email").asText().length());
        assertTrue(body.path("shipToAddressLine1").asText().startsWith("Résidence des Érables"));
        assertTrue(draft.truncatedFields().containsAll(List.of("externalDocumentNumber", "shipToAddressLine1", "shipToCity", "shipToPostCode",
                "email", "sellToAddressLine1")), draft.truncatedFields().toString());
        assertTrue(draft.reconciles(), "truncation never touches amounts");
    }

    @Test
    void accentsAreComposedBeforeCountingAndSurrogatesAreNotSplit() {
        final List<String> cut = new ArrayList<>();
        final String decomposed = "Cafe\u0301 de l'Ope\u0301ra";
        assertEquals("Café de l'Opéra", FieldLength.fit(decomposed, 15, "name", cut));
        assertTrue(cut.isEmpty(), "composed it fits");
        final String emoji = "ab\uD83D\uDE00cd";
        assertEquals("ab", FieldLength.fit(emoji, 3, "name", cut));
        assertEquals(List.of("name"), cut);
    }

    @Test
    void localCurrencyIsBlankAndForeignCurrencyIsKept() {
        final Order eur = TestOrders.b2c("#1", 1);
        assertEquals("", new SalesOrderMapper(AS_GIVEN).map(eur, "C1", List.of("1")).body().path("currencyCode").asText());
        final Order usd = new Order(eur.source(), eur.sourceId(), eur.name(), eur.segment(), eur.channel(), eur.createdAt(), eur.updatedAt(),
                eur.processedAt(), null, "usd", true, null, null, null, null, null, null, null, null, null, null, eur.lines(), List.of(),
                null, null, null, null, null);
        final ObjectNode body = new SalesOrderMapper(AS_GIVEN).map(usd, "C1", List.of("1")).body();
        assertEquals("USD", body.path("currencyCode").asText());
        assertEquals("2026-08-18", body.path("orderDate").asText(), "the date as the shop saw it, in its offset");
    }

    @Test
    void externalDocumentNumberFollowsTheTemplate() {
        final Order order = TestOrders.b2c("#1001", 1);
        assertEquals("#1001", new SalesOrderMapper(AS_GIVEN).externalDocumentNumber(order));
        final MappingOptions custom = new MappingOptions("Account", "", PriceBasis.AS_GIVEN, "EUR", "${source}-${number}");
        assertEquals("shopify-1001", new SalesOrderMapper(custom).externalDocumentNumber(order));
        final MappingOptions unknown = new MappingOptions("Account", "", PriceBasis.AS_GIVEN, "EUR", "${nothing}");
        assertEquals("#1001", new SalesOrderMapper(unknown).externalDocumentNumber(order), "an empty rendering falls back to the name");
    }

    @Test
    void shippingIsLeftOutWithoutANumberAndCanBeAnItemCharge() {
        final Order order = TestOrders.b2c("#1", 1);
        assertEquals(1, new SalesOrderMapper(new MappingOptions("Account", "", PriceBasis.AS_GIVEN, "EUR", null)).map(order, "C", List.of("1"))
                .body().path("salesOrderLines").size());
        final JsonNode charge = new SalesOrderMapper(new MappingOptions("Charge", "P-FREIGHT", PriceBasis.AS_GIVEN, "EUR", null))
                .map(order, "C", List.of("1")).body().path("salesOrderLines").get(1);
        assertEquals("Charge", charge.path("lineType").asText());
        assertEquals("P-FREIGHT", charge.path("lineObjectNumber").asText());
        assertEquals("4.90", charge.path("unitPrice").decimalValue().toPlainString());
    }

    private static BigDecimal sumOfLines(final JsonNode body) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode line : body.path("salesOrderLines")) {
            sum = sum.add(lineAmount(line));
        }
        return sum.setScale(2);
    }

    private static BigDecimal lineAmount(final JsonNode line) {
        return line.path("unitPrice").decimalValue().multiply(line.path("quantity").decimalValue()).subtract(line.path("discountAmount").decimalValue())
                .setScale(2);
    }
}
