package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShippingOrderWriterTest {

    static final EdiPartner EDIFACT_3PL = new EdiPartner(EdiSyntax.EDIFACT, "5412345000013", "14", "5490000000017", "14", false);
    static final EdiPartner X12_3PL = new EdiPartner(EdiSyntax.X12, "RETAILER", "ZZ", "WAREHOUSE3PL", "ZZ", false);
    private static final LocalDateTime PREPARED = LocalDateTime.of(2026, 12, 6, 9, 30);

    static ShippingOrder order() {
        return new ShippingOrder("S-ORD101001", "#1001", LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 8), "C00010",
                new ShippingOrder.ShipTo("Jeanne Martin", "Jeanne Martin", "12 rue de l'Église", "Bât. B+C", "Lyon", null, "69002", "FR",
                        "+33 4 00 00 00 00", null),
                List.of(new ShippingOrder.Line(10000, "1896-S", "5412345000020", "ATHENS Desk, a long description that goes over 35 chars",
                                new BigDecimal("2"), "PCS"),
                        new ShippingOrder.Line(20000, "1900-S", null, "PARIS Guest Chair", new BigDecimal("4.00"), null)));
    }

    private static String write(final ShippingMessage message, final EdiPartner partner, final ShippingOrder order) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ShippingOrderWriter(message, partner, false).write(order, PREPARED, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ordersD96aHasAValidEnvelopeAndTheLines() {
        final String edi = write(ShippingMessage.EDIFACT_ORDERS_D96A, EDIFACT_3PL, order());
        final EdiInterchange interchange = EnvelopeAssertions.parseValid(edi);
        assertEquals("5412345000013", interchange.senderId());
        assertEquals("5490000000017", interchange.receiverId());
        final EdiMessage message = interchange.messages().get(0);
        assertEquals("ORDERS", message.type());
        assertEquals("D96A", message.version());
        assertEquals("EAN008", message.association());
        final List<EdiSegment> lines = message.segments().stream().filter(s -> "LIN".equals(s.tag())).toList();
        assertEquals(2, lines.size());
        assertEquals("10000", lines.get(0).element(1));
        assertEquals("5412345000020", lines.get(0).component(3, 1));
        final EdiSegment nad = message.segments().stream().filter(s -> "NAD".equals(s.tag())).findFirst().orElseThrow();
        // the release character protects ' and + in values: they come back intact
        assertEquals("12 rue de l'Église", nad.component(5, 1));
        assertEquals("Bât. B+C", nad.component(5, 2));
        final List<String> quantities = message.segments().stream().filter(s -> "QTY".equals(s.tag())).map(s -> s.component(1, 2)).toList();
        assertEquals(List.of("2", "4"), quantities);
        assertTrue(edi.contains("CNT+2:2'"));
        assertTrue(edi.contains("\nDTM+137:20261205:102'\nDTM+2:20261208:102'\nRFF+CR:#1001'\n"), edi);
        assertTrue(edi.contains("\nBGM+220+S-ORD101001+9'\n"), edi);
        assertTrue(edi.contains("\nQTY+21:2:PCS'\n"), edi);
    }

    @Test
    void x12940HasAValidEnvelopeAndTheLines() {
        final String edi = write(ShippingMessage.X12_940_4010, X12_3PL, order());
        final EdiInterchange interchange = EnvelopeAssertions.parseValid(edi);
        assertEquals(EdiSyntax.X12, interchange.syntax());
        assertEquals("OW", interchange.groupFunction());
        assertEquals(Long.parseLong(interchange.controlReference()), Long.parseLong(interchange.groupReference()));
        final EdiMessage message = interchange.messages().get(0);
        assertEquals("940", message.type());
        assertEquals("004010", message.version());
        final List<EdiSegment> w01 = message.segments().stream().filter(s -> "W01".equals(s.tag())).toList();
        assertEquals("2", w01.get(0).element(1));
        assertEquals("EA", w01.get(0).element(2));
        assertEquals("1896-S", w01.get(0).element(5));
        assertEquals("EN", w01.get(0).element(6));
        assertEquals("5412345000020", w01.get(0).element(7));
        assertTrue(edi.contains("W76*6~"));
        assertTrue(edi.startsWith("ISA*00*          *00*          *ZZ*RETAILER       *ZZ*WAREHOUSE3PL   *261206*0930*U*00401*"));
    }

    @Test
    void theSameVersionIsWrittenIdenticallyAndAChangeGetsANewControlNumber() {
        final String first = write(ShippingMessage.X12_940_4010, X12_3PL, order());
        assertEquals(first, write(ShippingMessage.X12_940_4010, X12_3PL, order()));
        final ShippingOrder o = order();
        final ShippingOrder changed = new ShippingOrder(o.orderNumber(), o.externalDocumentNumber(), o.orderDate(), o.requestedDeliveryDate(),
                o.customerNumber(), o.shipTo(), List.of(o.lines().get(0)));
        assertNotEquals(o.version(), changed.version());
        final ShippingOrderWriter writer = new ShippingOrderWriter(ShippingMessage.X12_940_4010, X12_3PL, false);
        assertNotEquals(writer.controlNumber(o), writer.controlNumber(changed));
        assertEquals(o.version(), order().version());
    }

    /** A partial shipment that ships a line completely: that line leaves the instruction, the version stays. */
    @Test
    void aLineShippedCompletelyLeavesWhatToPickNotTheVersion() {
        final java.util.Map<String, Object> line1 = new java.util.HashMap<>(java.util.Map.of("sequence", 10000, "lineType", "Item",
                "lineObjectNumber", "1896-S", "quantity", "2", "shippedQuantity", "0"));
        final java.util.Map<String, Object> line2 = new java.util.HashMap<>(java.util.Map.of("sequence", 20000, "lineType", "Item",
                "lineObjectNumber", "1900-S", "quantity", "4", "shippedQuantity", "0"));
        final java.util.Map<String, Object> salesOrder = new java.util.HashMap<>(java.util.Map.of("number", "S-ORD101001",
                "orderDate", "2026-12-05", "status", "Open", "salesOrderLines", List.of(line1, line2)));
        final ShippingOrder before = new SalesOrderShippingMapper("Open").map(salesOrder).orElseThrow();
        line2.put("shippedQuantity", "4");
        line1.put("shippedQuantity", "1");
        final ShippingOrder after = new SalesOrderShippingMapper("Open").map(salesOrder).orElseThrow();
        assertEquals(before.version(), after.version());
        assertEquals(List.of("1896-S"), after.toPick().stream().map(ShippingOrder.Line::itemNumber).toList());
        final String edi = write(ShippingMessage.EDIFACT_ORDERS_D96A, EDIFACT_3PL, after);
        assertTrue(edi.contains("QTY+21:1") && !edi.contains("1900-S") && edi.contains("CNT+2:1"), edi);
        line1.put("shippedQuantity", "2");
        assertTrue(new SalesOrderShippingMapper("Open").map(salesOrder).isEmpty(), "nothing left to ship: no instruction");
    }

    /** X12 004010 has no release character: a value holding a separator is refused, named, rather than written broken. */
    @Test
    void x12RefusesAValueHoldingASeparatorThatEdifactEscapes() {
        final ShippingOrder o = order();
        for (final String name : List.of("Dupont*Fils", "Dupont~Fils", "Dupont:Fils")) {
            final ShippingOrder awkward = new ShippingOrder(o.orderNumber(), o.externalDocumentNumber(), o.orderDate(),
                    o.requestedDeliveryDate(), o.customerNumber(), new ShippingOrder.ShipTo(name, null, "1 quai Perrache", null, "Lyon", null,
                    "69002", "FR", null, null), o.lines());
            final EdiWriteException refused = assertThrows(EdiWriteException.class, () -> write(ShippingMessage.X12_940_4010, X12_3PL, awkward));
            assertTrue(refused.getMessage().startsWith("X12 has no release character: N1-02 '" + name + "' contains the "), refused.getMessage());
            final EdiInterchange edifact = EnvelopeAssertions.parseValid(write(ShippingMessage.EDIFACT_ORDERS_D96A, EDIFACT_3PL, awkward));
            final EdiSegment nad = edifact.messages().get(0).segments().stream().filter(s -> "NAD".equals(s.tag())).findFirst().orElseThrow();
            assertEquals(name, nad.component(4, 1), "escaped in EDIFACT, read back intact");
        }
    }

    @Test
    void aReferenceTooLongIsRefusedNotCut() {
        final ShippingOrder o = order();
        final ShippingOrder tooLong = new ShippingOrder("X".repeat(23), null, o.orderDate(), null, null, o.shipTo(), o.lines());
        assertThrows(EdiWriteException.class, () -> write(ShippingMessage.X12_940_4010, X12_3PL, tooLong));
    }

    @Test
    void theMessageMustMatchThePartnersSyntax() {
        assertThrows(IllegalArgumentException.class, () -> new ShippingOrderWriter(ShippingMessage.X12_940_4010, EDIFACT_3PL, false));
    }
}
