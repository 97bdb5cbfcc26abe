package io.nifiecommerce.shopify.fulfillment;

import io.nifiecommerce.shopify.fulfillment.FulfillmentOutcome.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FulfillmentPlannerTest {

    private static final String PARIS = "gid://shopify/Location/1";
    private static final String LYON = "gid://shopify/Location/2";

    private final FulfillmentPlanner planner = new FulfillmentPlanner();

    private static FulfillmentOrder fo(final String id, final String status, final String location, final FulfillmentOrder.Line... lines) {
        return new FulfillmentOrder(id, status, location, location.equals(PARIS) ? "Paris" : "Lyon", List.of(lines));
    }

    private static FulfillmentOrder.Line line(final String id, final int remaining, final String sku) {
        return new FulfillmentOrder.Line(id, remaining, "gid://shopify/LineItem/" + id, sku);
    }

    private static FulfillableOrder order(final FulfillmentOrder... fulfillmentOrders) {
        return new FulfillableOrder("gid://shopify/Order/9", "#1001", List.of(fulfillmentOrders), List.of());
    }

    private static Shipment whole(final String location) {
        return new Shipment(OrderReference.name("#1001"), List.of("6A15602676300"), "Colissimo", List.of(), List.of(), location);
    }

    private static Shipment lines(final String location, final ShipmentLine... lines) {
        return new Shipment(OrderReference.name("#1001"), List.of("6A15602676300"), "Colissimo", List.of(), List.of(lines), location);
    }

    @Test
    void wholeShipmentGroupsFulfillmentOrdersByLocation() {
        final FulfillableOrder order = order(
                fo("FO1", "OPEN", PARIS, line("L1", 2, "A")),
                fo("FO2", "OPEN", LYON, line("L2", 1, "B")),
                fo("FO3", "IN_PROGRESS", PARIS, line("L3", 1, "C")),
                fo("FO4", "CLOSED", LYON, line("L4", 0, "D")));

        final FulfillmentPlan plan = planner.plan(whole(null), order);

        assertTrue(plan.accepted());
        assertEquals(2, plan.groups().size());
        assertEquals(PARIS, plan.groups().get(0).locationId());
        assertEquals(List.of("FO1", "FO3"), plan.groups().get(0).parts().stream().map(FulfillmentPlan.Part::fulfillmentOrderId).toList());
        assertTrue(plan.groups().get(0).parts().stream().allMatch(FulfillmentPlan.Part::whole));
        assertEquals(LYON, plan.groups().get(1).locationId());
        assertEquals(List.of("FO2"), plan.groups().get(1).parts().stream().map(FulfillmentPlan.Part::fulfillmentOrderId).toList());
    }

    @Test
    void locationNarrowsWholeShipmentByIdNumberOrName() {
        final FulfillableOrder order = order(fo("FO1", "OPEN", PARIS, line("L1", 2, "A")), fo("FO2", "OPEN", LYON, line("L2", 1, "B")));
        for (final String location : List.of(LYON, "2", "lyon")) {
            final FulfillmentPlan plan = planner.plan(whole(location), order);
            assertEquals(1, plan.groups().size(), location);
            assertEquals("FO2", plan.groups().getFirst().parts().getFirst().fulfillmentOrderId(), location);
        }
    }

    @Test
    void partialQuantitiesAreDrawnAcrossFulfillmentOrders() {
        final FulfillableOrder order = order(
                fo("FO1", "OPEN", PARIS, line("L1", 2, "A"), line("L2", 5, "B")),
                fo("FO2", "OPEN", PARIS, line("L3", 3, "A")));

        final FulfillmentPlan plan = planner.plan(lines(null, ShipmentLine.ofSku("A", 4),
                ShipmentLine.ofLineItem("gid://shopify/LineItem/L2", 1)), order);

        assertTrue(plan.accepted(), () -> String.valueOf(plan.rejection()));
        assertEquals(1, plan.groups().size());
        final List<FulfillmentPlan.Part> parts = plan.groups().getFirst().parts();
        assertEquals(new FulfillmentPlan.Part("FO1", Map.of("L1", 2, "L2", 1)), parts.get(0));
        assertEquals(new FulfillmentPlan.Part("FO2", Map.of("L3", 2)), parts.get(1));
    }

    @Test
    void partialShipmentSpanningLocationsMakesOneGroupPerLocation() {
        final FulfillableOrder order = order(fo("FO1", "OPEN", PARIS, line("L1", 1, "A")), fo("FO2", "OPEN", LYON, line("L2", 1, "A")));
        final FulfillmentPlan plan = planner.plan(lines(null, ShipmentLine.ofSku("A", 2)), order);
        assertEquals(List.of(PARIS, LYON), plan.groups().stream().map(FulfillmentPlan.Group::locationId).toList());
    }

    @Test
    void nothingLeftIsRejected() {
        final FulfillableOrder order = order(fo("FO1", "CLOSED", PARIS, line("L1", 0, "A")), fo("FO2", "ON_HOLD", LYON, line("L2", 1, "B")));
        final FulfillmentPlan plan = planner.plan(whole(null), order);
        assertEquals(Status.NOTHING_TO_FULFILL, plan.rejection().status());
        assertTrue(plan.rejection().message().contains("FO2 is ON_HOLD"), plan.rejection().message());

        final FulfillmentPlan partial = planner.plan(lines(null, ShipmentLine.ofSku("A", 1)), order);
        assertEquals(Status.NOTHING_TO_FULFILL, partial.rejection().status());
    }

    @Test
    void remainingElsewhereIsALocationMismatch() {
        final FulfillableOrder order = order(fo("FO1", "CLOSED", PARIS, line("L1", 0, "A")), fo("FO2", "OPEN", LYON, line("L2", 1, "A")));
        assertEquals(Status.LOCATION_MISMATCH, planner.plan(whole("Paris"), order).rejection().status());
        final FulfillmentPlan partial = planner.plan(lines(PARIS, ShipmentLine.ofSku("A", 1)), order);
        assertEquals(Status.LOCATION_MISMATCH, partial.rejection().status());
        assertTrue(partial.rejection().message().contains("'Lyon'"), partial.rejection().message());
    }

    @Test
    void invalidLinesAreRejected() {
        final FulfillableOrder order = order(fo("FO1", "OPEN", PARIS, line("L1", 2, "A")));
        assertEquals(Status.INVALID_LINES, planner.plan(lines(null, ShipmentLine.ofSku("ZZZ", 1)), order).rejection().status());
        assertEquals(Status.INVALID_LINES, planner.plan(lines(null, ShipmentLine.ofSku("A", 0)), order).rejection().status());
        final FulfillmentPlan over = planner.plan(lines(null, ShipmentLine.ofSku("A", 3)), order);
        assertEquals(Status.INVALID_LINES, over.rejection().status());
        assertTrue(over.rejection().message().contains("only 2 remain"), over.rejection().message());
    }
}
