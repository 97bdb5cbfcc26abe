package io.nifiecommerce.edi;

import io.nifiecommerce.order.Order;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetailOrderTest {

    static final String GLN_TABLE = """
            gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode
            5400110000009,C-HYPER,,Hyper Centrale d'achats,1 Avenue du Port,,Bruxelles,1000,BE
            5412345000176,C-SUPER,,"Super, Achats",Rue Haute 5,,Namur,5000,BE
            5412345000183,,DEP-NORD,Super Dépôt Nord,Zoning Nord 12,,Liège,4000,BE
            """;

    /** An EANCOM D.01B order from a supermarket buyer to its own depot, with prices. */
    static final String ORDERS_D01B = """
            UNA:+.? '
            UNB+UNOC:3+5412345000176:14+5412345000013:14+261206:0800+ORD555'
            UNH+1+ORDERS:D:01B:UN:EAN010'
            BGM+220+PO-555+9'
            DTM+137:20261206:102'
            DTM+2:20261209:102'
            NAD+BY+5412345000176::9'
            NAD+DP+5412345000183::9'
            NAD+SU+5412345000013::9'
            CUX+2:EUR:9'
            LIN+1++5412345000020:EN'
            QTY+21:12'
            PRI+AAA:149.5'
            LIN+2++5412345000037:EN'
            PIA+1+1900-S:SA'
            IMD+F++:::PARIS Guest Chair'
            QTY+21:48'
            PRI+AAA:55'
            UNS+S'
            CNT+2:2'
            UNT+19+1'
            UNZ+1+ORD555'
            """;

    private static List<RetailOrder> read(final String edi) {
        return RetailOrderReader.read(new ByteArrayInputStream(edi.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eancomD01bOrderBecomesACanonicalB2bOrder() {
        final RetailOrder order = read(ORDERS_D01B).get(0);
        assertEquals("PO-555", order.orderNumber());
        assertEquals("5412345000176", order.buyerGln());
        assertEquals("5412345000183", order.deliveryGln());
        assertEquals("D01B/EAN010", order.version());
        assertEquals(LocalDate.of(2026, 12, 9), order.requestedDeliveryDate());
        assertEquals("5412345000176:PO-555", order.key());

        final Order canonical = new RetailOrderMapper(PartyDirectory.parse(GLN_TABLE), "EUR").map(order);
        assertEquals("eancom", canonical.source());
        assertEquals("5412345000176:PO-555", canonical.sourceId());
        assertEquals("PO-555", canonical.name());
        assertEquals("PO-555", canonical.poNumber());
        assertEquals("C-SUPER", canonical.company().externalId());
        assertEquals("DEP-NORD", canonical.company().locationExternalId());
        assertEquals("Super Dépôt Nord", canonical.shippingAddress().name());
        assertEquals("Liège", canonical.shippingAddress().city());
        assertEquals("Super, Achats", canonical.billingAddress().name());
        assertEquals(2, canonical.lines().size());
        assertEquals("5412345000037", canonical.lines().get(1).gtin());
        assertEquals("1900-S", canonical.lines().get(1).sku());
        assertEquals(48, canonical.lines().get(1).quantity());
        assertEquals(0, new BigDecimal("4434").compareTo(canonical.subtotalPrice()));
        assertEquals("EUR", canonical.currency());
    }

    @Test
    void thirdPartyEancomOrderFromStaedi() {
        // published with a UNG association code over an..6 plus an extra component (tolerable), and UNT+21 for 18
        // segments (never tolerated): refused both ways, naming the segment
        final EdiSyntaxException strict = assertThrows(EdiSyntaxException.class,
                () -> RetailOrderReader.read(ExchangeSamples.open("staedi/orders-with-group.edi")));
        assertEquals("UNG", strict.segment());
        assertEquals(2, strict.segmentPosition());
        final EdiSyntaxException tolerant = assertThrows(EdiSyntaxException.class, () -> RetailOrderReader.read(
                ExchangeSamples.open("staedi/orders-with-group.edi"), EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT));
        assertEquals("UNT", tolerant.segment());
        assertEquals(20, tolerant.segmentPosition());
        // its message content, once the count is corrected, is read in full
        final String corrected = new String(readAll("staedi/orders-with-group.edi"), StandardCharsets.UTF_8).replace("UNT+21+1", "UNT+18+1");
        final List<RetailOrder> orders = RetailOrderReader.read(new ByteArrayInputStream(corrected.getBytes(StandardCharsets.UTF_8)),
                EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT);
        assertEquals(1, orders.size());
        final RetailOrder order = orders.get(0);
        assertEquals("C1441747", order.orderNumber());
        assertEquals("5400110000009", order.buyerGln());
        assertNull(order.deliveryGln());
        assertEquals("5013546107732", order.supplierGln());
        assertEquals("5400111864181", order.lines().get(0).gtin());
        assertEquals("8641800", order.lines().get(0).buyerItem());
        assertEquals(new BigDecimal("288"), order.lines().get(0).quantity());
        assertEquals(new BigDecimal("12.80"), order.lines().get(0).unitPrice());
        final Order canonical = new RetailOrderMapper(PartyDirectory.parse(GLN_TABLE), "EUR").map(order);
        // no NAD+DP: delivered to the buyer
        assertEquals("5400110000009", canonical.company().locationId());
        assertEquals("C-HYPER", canonical.company().externalId());
    }

    @Test
    void thirdPartyOrderWithAMismatchedUnzIsRefusedEvenWhenTolerant() {
        // UNB 0020 is 1, UNZ repeats 1234567: a structural fault, never tolerated
        for (final EdiInterchangeReader.Strictness strictness : EdiInterchangeReader.Strictness.values()) {
            final EdiSyntaxException e = assertThrows(EdiSyntaxException.class,
                    () -> RetailOrderReader.read(ExchangeSamples.open("pydifact/wikipedia_de.edi"), strictness));
            assertEquals("UNZ", e.segment());
            assertEquals(12, e.segmentPosition());
        }
    }

    @Test
    void anOrderWithoutBuyerGlnIsRefusedWithTheReason() {
        final String edi = new String(readAll("pydifact/wikipedia_de.edi"), StandardCharsets.UTF_8).replace("UNZ+1+1234567", "UNZ+1+1");
        final RetailOrder order = read(edi).get(0);
        assertEquals("B10001", order.orderNumber());
        assertEquals("Bestellername", order.buyerName());
        final RetailOrderException e = assertThrows(RetailOrderException.class,
                () -> new RetailOrderMapper(PartyDirectory.parse(GLN_TABLE), "EUR").map(order));
        assertEquals("NO_BUYER_GLN", e.code());
        assertTrue(e.getMessage().contains("Bestellername"), e.getMessage());
    }

    @Test
    void thirdPartyOrdersPublishedWithoutUnzAreMalformed() {
        // order.edi: UNOA:4 with a 6-digit date (syntax 4 wants 8), and no UNZ; order2.edi: no UNZ
        final EdiSyntaxException date = assertThrows(EdiSyntaxException.class, () -> RetailOrderReader.read(ExchangeSamples.open("pydifact/order.edi")));
        assertEquals("UNB", date.segment());
        for (final String sample : List.of("pydifact/order.edi", "pydifact/order2.edi")) {
            final EdiSyntaxException e = assertThrows(EdiSyntaxException.class,
                    () -> RetailOrderReader.read(ExchangeSamples.open(sample), EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT));
            assertTrue(e.getMessage().contains("UN"), sample + ": " + e.getMessage());
        }
    }

    private static byte[] readAll(final String sample) {
        try (var in = ExchangeSamples.open(sample)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unknownGlnNoPriceAndReplacementsAreRefused() {
        final RetailOrderMapper mapper = new RetailOrderMapper(PartyDirectory.parse(GLN_TABLE), "EUR");
        assertEquals("UNKNOWN_BUYER", assertThrows(RetailOrderException.class,
                () -> mapper.map(read(ORDERS_D01B.replace("NAD+BY+5412345000176", "NAD+BY+5499999999999")).get(0))).code());
        assertEquals("NO_PRICE", assertThrows(RetailOrderException.class,
                () -> mapper.map(read(ORDERS_D01B.replace("PRI+AAA:55'\n", "").replace("UNT+19", "UNT+18")).get(0))).code());
        assertEquals("FUNCTION", assertThrows(RetailOrderException.class,
                () -> mapper.map(read(ORDERS_D01B.replace("BGM+220+PO-555+9", "BGM+220+PO-555+5")).get(0))).code());
    }

    @Test
    void ordrspParsesBackAndSaysWhatHappensToEachLine() {
        final Order canonical = new RetailOrderMapper(PartyDirectory.parse(GLN_TABLE), "EUR").map(read(ORDERS_D01B).get(0));
        final EdiPartner us = new EdiPartner(EdiSyntax.EDIFACT, "5412345000013", "14", "5412345000176", "14", false);
        final OrderResponse accepted = OrderResponse.of(canonical, OrderResponse.Status.ACCEPTED);
        final String edi = write(us, accepted);
        final EdiInterchange interchange = EnvelopeAssertions.parseValid(edi);
        final EdiMessage message = interchange.messages().get(0);
        assertEquals("ORDRSP", message.type());
        assertTrue(edi.contains("BGM+231+RPO-555+29'"), edi);
        assertTrue(edi.contains("RFF+ON:PO-555'"), edi);
        assertTrue(edi.contains("LIN+2+5+5412345000037:EN'"), edi);
        assertEquals(edi, write(us, accepted));

        final OrderResponse mixed = new OrderResponse("PO-555", null, "5412345000176", null, List.of(
                new OrderResponse.Line("1", "5412345000020", new BigDecimal("12"), new BigDecimal("10"), OrderResponse.Status.CHANGED),
                new OrderResponse.Line("2", "5412345000037", new BigDecimal("48"), BigDecimal.ZERO, OrderResponse.Status.REFUSED)));
        final String changed = write(us, mixed);
        EnvelopeAssertions.parseValid(changed);
        assertTrue(changed.contains("BGM+231+RPO-555+4'"), changed);
        assertTrue(changed.contains("LIN+1+3+5412345000020:EN'\nQTY+21:12'\nQTY+113:10'"), changed);
        assertEquals("27", OrderResponse.of(canonical, OrderResponse.Status.REFUSED).responseCode());
    }

    private static String write(final EdiPartner us, final OrderResponse response) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OrderResponseWriter(us).write(response, LocalDateTime.of(2026, 12, 6, 8, 5), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
