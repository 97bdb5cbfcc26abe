package io.nifiecommerce.edi;

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

class ShipmentConfirmationReaderTest {

    /** A 3PL's DESADV for a partial shipment in two pallets, with lots and the carrier's tracking number. */
    static final String PARTIAL_DESADV = """
            UNB+UNOC:3+5490000000017:14+5412345000013:14+261207:1015+DN7001'
            UNH+1+DESADV:D:96A:UN:EAN005'
            BGM+351+DN-7001+9'
            DTM+137:20261207:102'
            DTM+11:20261207:102'
            RFF+ON:S-ORD101001'
            RFF+CR:#1001'
            TDT+20++30++GLS:172:9:GLS'
            RFF+CN:ZK4XWJ6Q'
            CPS+1'
            CPS+2+1'
            PAC+1++201'
            PCI+33E'
            GIN+BJ+354123450000000014'
            LIN+10000++5412345000020:EN'
            PIA+5+1896-S:SA'
            QTY+12:1'
            QTY+21:2'
            PCI+36E'
            GIN+BX+LOT-A1'
            CPS+3+1'
            PAC+1++201'
            PCI+33E'
            GIN+BJ+354123450000000021'
            LIN+20000'
            PIA+5+1900-S:SA'
            QTY+12:4'
            CNT+2:2'
            UNT+28+1'
            UNZ+1+DN7001'
            """;

    private static List<ShipmentConfirmation> read(final String edi) {
        return ShipmentConfirmationReader.read(new ByteArrayInputStream(edi.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void partialDesadvWithPackagesLotsAndTracking() {
        final ShipmentConfirmation confirmation = read(PARTIAL_DESADV).get(0);
        assertEquals("DESADV", confirmation.messageType());
        assertEquals("DN-7001", confirmation.shipmentId());
        assertEquals("S-ORD101001", confirmation.orderNumber());
        assertEquals("#1001", confirmation.customerReference());
        assertEquals(LocalDate.of(2026, 12, 7), confirmation.shipDate());
        assertEquals("GLS", confirmation.carrier());
        assertEquals(List.of("ZK4XWJ6Q"), confirmation.trackingNumbers());
        assertEquals(2, confirmation.lines().size());
        final ShipmentConfirmation.Line first = confirmation.lines().get(0);
        assertEquals(10000, first.lineNumber());
        assertEquals("1896-S", first.itemNumber());
        assertEquals("5412345000020", first.gtin());
        assertEquals(new BigDecimal("1"), first.quantityShipped());
        assertEquals(new BigDecimal("2"), first.quantityOrdered());
        assertEquals("LOT-A1", first.lot());
        assertEquals("354123450000000014", first.sscc());
        final ShipmentConfirmation.Line second = confirmation.lines().get(1);
        assertEquals("354123450000000021", second.sscc());
        assertNull(second.lot());
    }

    @Test
    void thirdPartyDesadvFromWikipedia() {
        final List<ShipmentConfirmation> confirmations = ShipmentConfirmationReader.read(ExchangeSamples.open("edi2json/desadv-d96a-ean005.edi"));
        assertEquals(1, confirmations.size());
        final ShipmentConfirmation c = confirmations.get(0);
        assertEquals("509671432", c.orderNumber());
        assertEquals(LocalDate.of(2005, 8, 5), c.shipDate());
        assertEquals(1, c.lines().size());
        assertEquals("8022628900014", c.lines().get(0).gtin());
        assertEquals("90001", c.lines().get(0).itemNumber());
        assertEquals(0, new BigDecimal("66").compareTo(c.lines().get(0).quantityShipped()));
    }

    @Test
    void thirdPartyBookDistributorDesadv() {
        // php-edifact's D96A DESADV: syntax level 1, UNH version "0" (not "D"), LIN without item id, ISBNs in PIA+5
        // without a code qualifier, line references RFF+LI after QTY
        final List<ShipmentConfirmation> confirmations = ShipmentConfirmationReader.read(ExchangeSamples.open("php-edifact/D96ADESADV.edi"));
        assertEquals(1, confirmations.size());
        final ShipmentConfirmation c = confirmations.get(0);
        assertEquals("Y02197250", c.shipmentId());
        assertEquals("6877871", c.orderNumber());
        assertEquals(LocalDate.of(2016, 7, 26), c.shipDate());
        assertEquals(2, c.lines().size());
        assertEquals("9780738507330", c.lines().get(0).gtin(), "an ISBN-13 without a code is a GTIN (valid GS1 check digit)");
        assertEquals("9781568361871", c.lines().get(1).gtin());
        assertEquals(0, BigDecimal.ONE.compareTo(c.lines().get(1).quantityShipped()));
    }

    @Test
    void thirdPartyMinimal945CountsItsSegmentsWrong() {
        // published with SE*4 for five segments (ST, W06, LX, W12, SE)
        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class,
                () -> ShipmentConfirmationReader.read(ExchangeSamples.open("x12-types/945-4010-serialized.edi")));
        assertEquals("SE", e.segment());
        assertEquals(7, e.segmentPosition());
        assertTrue(e.getMessage().contains("control count does not match"), e.getMessage());
    }

    @Test
    void thirdParty945WithABadEnvelopeIsRefusedWithTheSegment() {
        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class,
                () -> ShipmentConfirmationReader.read(ExchangeSamples.open("x12-types/945-4010-parse-1.edi")));
        assertTrue(e.getMessage().contains(e.segment()), e.getMessage());
    }

    static final String SHIPPING_ADVICE = """
                ISA*00*          *00*          *ZZ*WAREHOUSE3PL   *ZZ*RETAILER       *261207*1015*U*00401*000000077*0*P*>~
                GS*SW*WAREHOUSE3PL*RETAILER*20261207*1015*77*X*004010~
                ST*945*0001~
                W06*P*S-ORD101001*20261207*SHP-88**#1001~
                G62*11*20261207~
                W27*M*UPSN~
                N9*CN*1Z999AA10123456784~
                LX*1~
                MAN*GM*00354123450000000014~
                W12*CP*2*1*1*EA**SK*1896-S*LOT-A1~
                N9*LI*10000~
                W03*1~
                SE*11*0001~
                GE*1*77~
                IEA*1*000000077~
                """;

    @Test
    void a945WithLotSsccAndTracking() {
        final ShipmentConfirmation c = read(SHIPPING_ADVICE).get(0);
        assertEquals("UPSN", c.carrier());
        assertEquals("SHP-88", c.shipmentId());
        assertEquals("#1001", c.customerReference());
        assertEquals(List.of("1Z999AA10123456784"), c.trackingNumbers());
        final ShipmentConfirmation.Line line = c.lines().get(0);
        assertEquals(10000, line.lineNumber());
        assertEquals("1896-S", line.itemNumber());
        assertEquals("LOT-A1", line.lot());
        assertEquals("00354123450000000014", line.sscc());
        assertEquals(new BigDecimal("1"), line.quantityShipped());
    }

    @Test
    void aWrongSegmentCountNamesTheTrailer() {
        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> read(PARTIAL_DESADV.replace("UNT+28+1", "UNT+27+1")));
        assertEquals("UNT", e.segment());
        assertEquals(29, e.segmentPosition());
    }

    @Test
    void aBadQuantityNamesTheSegment() {
        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> read(PARTIAL_DESADV.replace("QTY+12:4'", "QTY+12:four'")));
        assertEquals("QTY", e.segment());
    }

    @Test
    void acknowledgmentsParseBackAndQuoteTheReceivedReferences() {
        final EdiInterchange desadv = EdiInterchangeReader.read(new ByteArrayInputStream(PARTIAL_DESADV.getBytes(StandardCharsets.UTF_8))).get(0);
        final ByteArrayOutputStream contrl = new ByteArrayOutputStream();
        new AcknowledgmentWriter(false).write(desadv, LocalDateTime.of(2026, 12, 7, 10, 20), contrl);
        final EdiInterchange ack = EnvelopeAssertions.parseValid(contrl.toString(StandardCharsets.UTF_8));
        assertEquals("5412345000013", ack.senderId());
        assertEquals("5490000000017", ack.receiverId());
        final EdiMessage message = ack.messages().get(0);
        assertEquals("CONTRL", message.type());
        final EdiSegment uci = message.segments().get(1);
        assertEquals("UCI", uci.tag());
        assertEquals("DN7001", uci.element(1));
        assertEquals("7", uci.element(4));
        assertEquals("DESADV", message.segments().get(2).component(2, 1));

        final EdiInterchange shippingAdvice = EdiInterchangeReader.read(new ByteArrayInputStream(
                SHIPPING_ADVICE.getBytes(StandardCharsets.UTF_8))).get(0);
        final ByteArrayOutputStream fa = new ByteArrayOutputStream();
        new AcknowledgmentWriter(false).write(shippingAdvice, LocalDateTime.of(2026, 12, 7, 10, 20), fa);
        final String text = fa.toString(StandardCharsets.UTF_8);
        final EdiInterchange ack997 = EnvelopeAssertions.parseValid(text);
        assertEquals("FA", ack997.groupFunction());
        assertTrue(text.contains("AK1*SW*77~"), text);
        assertTrue(text.contains("AK2*945*0001~"), text);
        assertTrue(text.contains("AK9*A*1*1*1~"), text);
        final ByteArrayOutputStream again = new ByteArrayOutputStream();
        new AcknowledgmentWriter(false).write(shippingAdvice, LocalDateTime.of(2026, 12, 7, 10, 20), again);
        assertEquals(text, again.toString(StandardCharsets.UTF_8));
    }
}
