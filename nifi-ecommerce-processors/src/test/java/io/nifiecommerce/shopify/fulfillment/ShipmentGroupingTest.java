package io.nifiecommerce.shopify.fulfillment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShipmentGroupingTest {

    private static ShipmentEvent event(final int index, final String order, final String number, final String url, final String status,
                                       final String time, final ShipmentLine... lines) {
        return new ShipmentEvent(index, OrderReference.name(order), List.of(number), "Colissimo", url == null ? List.of() : List.of(url),
                List.of(lines), null, status, null, time == null ? null : Instant.parse(time));
    }

    @Test
    void eventsOfOneOrderFoldIntoOneShipmentWhoseLatestEventDecides() {
        final List<ShipmentEvent> events = List.of(
                event(0, "#1001", "P1", "https://t/old", "IN_TRANSIT", "2026-11-20T10:00:00Z"),
                event(1, "1001", "P1", "https://t/new", "PENDING", "2026-11-20T08:00:00Z"),
                event(2, "#1001", "P2", null, "PENDING", "2026-11-20T09:00:00Z"),
                event(3, "#1002", "Q1", null, "CANCELLED", null));

        final List<ShipmentGrouping.Group> groups = new ShipmentGrouping(true, StatusPolicy.SHIPPED).group(events);

        assertEquals(2, groups.size());
        final ShipmentGrouping.Group first = groups.getFirst();
        assertEquals(List.of(0, 1, 2), first.recordIndexes());
        assertEquals(List.of("P1", "P2"), first.shipment().trackingNumbers());
        // P1's latest event (10:00) carries the old URL even though its record comes first
        assertEquals("https://t/old", first.shipment().tracking().getFirst().url());
        assertNull(first.shipment().tracking().get(1).url());
        assertTrue(first.admitted(), "P1 is in transit");
        assertFalse(groups.get(1).admitted(), "cancelled never calls for a fulfillment");
    }

    @Test
    void withoutGroupingEveryRecordIsItsOwnShipment() {
        final List<ShipmentEvent> events = List.of(event(0, "#1001", "P1", null, null, null), event(1, "#1001", "P1", null, null, null));
        assertEquals(2, new ShipmentGrouping(false, StatusPolicy.FINAL).group(events).size());
        assertTrue(new ShipmentGrouping(false, StatusPolicy.FINAL).group(events).getFirst().admitted(), "no status: an ERP shipment");
    }

    @Test
    void shipmentsWithLinesStaySeparatePerTrackingNumber() {
        final List<ShipmentEvent> events = List.of(
                event(0, "#1001", "P1", null, null, null, ShipmentLine.ofSku("A", 1)),
                event(1, "#1001", "P2", null, null, null, ShipmentLine.ofSku("B", 1)),
                event(2, "#1001", "P1", null, null, null, ShipmentLine.ofSku("A", 1)));
        final List<ShipmentGrouping.Group> groups = new ShipmentGrouping(true, StatusPolicy.FIRST_EVENT).group(events);
        assertEquals(List.of(List.of(0, 2), List.of(1)), groups.stream().map(ShipmentGrouping.Group::recordIndexes).toList());
    }

    @Test
    void statusPolicies() {
        assertTrue(StatusPolicy.FIRST_EVENT.admits("PENDING", false));
        assertFalse(StatusPolicy.SHIPPED.admits("PENDING", false));
        assertTrue(StatusPolicy.SHIPPED.admits("out_for_delivery", false));
        assertFalse(StatusPolicy.FINAL.admits("IN_TRANSIT", false));
        assertTrue(StatusPolicy.FINAL.admits("RETURNED_TO_SENDER", true));
        assertTrue(StatusPolicy.FINAL.admits("DELIVERED", null));
        assertFalse(StatusPolicy.FIRST_EVENT.admits("CANCELLED", true));
    }

    @Test
    void orderReferences() {
        assertEquals("name:#1001", OrderReference.name("#1001").nameQuery());
        assertEquals("name:\"Web 1001\"", OrderReference.name("Web 1001").nameQuery());
        assertTrue(OrderReference.name("1001").matchesName("#1001"));
        assertFalse(OrderReference.name("1001").matchesName("#10011"));
        assertEquals("gid://shopify/Order/42", OrderReference.id("42").gid());
        assertEquals(OrderReference.name("#AB1").key(), OrderReference.name("ab1").key());
    }
}
