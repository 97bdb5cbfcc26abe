package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShipmentPostingTest {

    private static Map<String, Object> line(final String id, final int sequence, final String item, final int quantity, final int shipped) {
        return Map.of("id", id, "@odata.etag", "W/\"" + id + "\"", "sequence", sequence, "lineType", "Item", "lineObjectNumber", item,
                "quantity", quantity, "shippedQuantity", shipped);
    }

    static Map<String, Object> salesOrder() {
        return Map.of("id", "o-1", "number", "S-ORD101001", "salesOrderLines", List.of(
                line("l-1", 10000, "1896-S", 2, 0),
                Map.of("id", "l-c", "sequence", 15000, "lineType", "Comment", "quantity", 0),
                line("l-2", 20000, "1900-S", 4, 0),
                line("l-3", 30000, "1920-S", 1, 1)));
    }

    private static ShipmentConfirmation partialDesadv() {
        return ShipmentConfirmationReader.read(new ByteArrayInputStream(
                ShipmentConfirmationReaderTest.PARTIAL_DESADV.getBytes(StandardCharsets.UTF_8))).get(0);
    }

    @Test
    void aPartialShipmentSetsQtyToShipOnEveryOpenLine() {
        final ShipmentPosting.Plan plan = ShipmentPosting.plan(partialDesadv(), salesOrder(), Map.of());
        assertEquals("o-1", plan.orderId());
        assertEquals(List.of("l-1", "l-2"), plan.updates().stream().map(ShipmentPosting.LineUpdate::lineId).toList());
        // line 10000: 1 of 2 shipped now; line 20000 (matched by item, the 3PL did not echo 20000 as a number it knows) ships 4
        assertEquals(new BigDecimal("1"), plan.updates().get(0).shipQuantity());
        assertEquals(new BigDecimal("4"), plan.updates().get(1).shipQuantity());
        assertEquals("W/\"l-1\"", plan.updates().get(0).etag());
        assertEquals(new BigDecimal("5"), plan.totalShipped());
    }

    @Test
    void linesTheThreePlDidNotShipGetZero() {
        final ShipmentConfirmation one = new ShipmentConfirmation("945", "1", "1", "SHP", "S-ORD101001", null, null, "UPSN", List.of(),
                List.of(new ShipmentConfirmation.Line(null, null, "5412345000020", new BigDecimal("2"), null, null, null)));
        final ShipmentPosting.Plan plan = ShipmentPosting.plan(one, salesOrder(), Map.of("5412345000020", "1896-S"));
        assertEquals(new BigDecimal("2"), plan.updates().get(0).shipQuantity());
        assertEquals(BigDecimal.ZERO, plan.updates().get(1).shipQuantity());
    }

    @Test
    void overShipmentUnknownLinesAndAnotherOrderAreRefused() {
        final ShipmentConfirmation tooMuch = new ShipmentConfirmation("945", "1", "1", "SHP", "S-ORD101001", null, null, null, List.of(),
                List.of(new ShipmentConfirmation.Line(20000, "1900-S", null, new BigDecimal("5"), null, null, null)));
        assertEquals("OVER_SHIPMENT", assertThrows(ShipmentPostingException.class, () -> ShipmentPosting.plan(tooMuch, salesOrder(), Map.of())).code());
        final ShipmentConfirmation unknown = new ShipmentConfirmation("945", "1", "1", "SHP", "S-ORD101001", null, null, null, List.of(),
                List.of(new ShipmentConfirmation.Line(null, "9999", null, new BigDecimal("1"), null, null, null)));
        assertEquals("UNMATCHED_LINE", assertThrows(ShipmentPostingException.class, () -> ShipmentPosting.plan(unknown, salesOrder(), Map.of())).code());
        final ShipmentConfirmation other = new ShipmentConfirmation("945", "1", "1", "SHP", "S-ORD999", null, null, null, List.of(), List.of());
        assertEquals("MISMATCHED_ORDER", assertThrows(ShipmentPostingException.class, () -> ShipmentPosting.plan(other, salesOrder(), Map.of())).code());
    }

    @Test
    void everyPatchBodyIsEditableOnMicrosoftsSalesOrderLinesPage() {
        final BcApiPage page = BcApiPage.load("APIV2SalesOrderLines.Page.al");
        assertEquals("salesOrderLines", page.entitySet());
        for (final ShipmentPosting.LineUpdate update : ShipmentPosting.plan(partialDesadv(), salesOrder(), Map.of()).updates()) {
            for (final String field : update.body().keySet()) {
                assertTrue(page.has(field), field + " is not a field of salesOrderLines");
                assertTrue(page.isEditable(field), field + " is read-only on salesOrderLines");
            }
        }
        // the parser does see read-only fields: shipping what BC computes is refused by the page
        assertTrue(page.has("amountIncludingTax"));
        assertFalse(page.isEditable("amountIncludingTax"));
        assertTrue(page.has("shippedQuantity"));
    }
}
