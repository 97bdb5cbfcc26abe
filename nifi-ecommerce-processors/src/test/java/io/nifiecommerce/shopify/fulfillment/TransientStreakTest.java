package io.nifiecommerce.shopify.fulfillment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientStreakTest {

    private static final FulfillmentOutcome TRANSIENT = FulfillmentOutcome.failure(FulfillmentOutcome.Status.TRANSIENT, "HTTP 503");
    private static final FulfillmentOutcome CREATED = new FulfillmentOutcome(FulfillmentOutcome.Status.CREATED, "gid://shopify/Order/1", "#1001",
            java.util.List.of("gid://shopify/Fulfillment/1"), "created", java.util.List.of());

    @Test
    void oneTransientFailureLetsTheNextShipmentBeTried() {
        final TransientStreak streak = new TransientStreak();
        assertFalse(streak.interrupts(TRANSIENT));
        assertFalse(streak.interrupts(CREATED));
        assertFalse(streak.interrupts(TRANSIENT));
        assertFalse(streak.interrupts(TRANSIENT), "two in a row, after a success: still tried");
    }

    @Test
    void failuresInARowStopTheBatch() {
        final TransientStreak streak = new TransientStreak();
        for (int i = 1; i < TransientStreak.INTERRUPT_AFTER; i++) {
            assertFalse(streak.interrupts(TRANSIENT));
        }
        assertTrue(streak.interrupts(TRANSIENT), "the shop looks throttled or down");
    }

    @Test
    void permanentFailuresDoNotCount() {
        final TransientStreak streak = new TransientStreak();
        final FulfillmentOutcome notFound = FulfillmentOutcome.failure(FulfillmentOutcome.Status.ORDER_NOT_FOUND, "no such order");
        for (int i = 0; i < 5; i++) {
            assertFalse(streak.interrupts(notFound));
        }
    }

    @Test
    void refusedCredentialsStopAtOnce() {
        assertTrue(new TransientStreak().interrupts(FulfillmentOutcome.failure(FulfillmentOutcome.Status.AUTHENTICATION, "HTTP 401")));
    }

    @Test
    void anOrderStillADraftNeitherCountsNorBreaksTheStreak() {
        final TransientStreak streak = new TransientStreak();
        final FulfillmentOutcome draft = FulfillmentOutcome.failure(FulfillmentOutcome.Status.DRAFT_NOT_COMPLETED, "draft #D3 still open");
        assertFalse(streak.interrupts(TRANSIENT));
        for (int i = 0; i < 5; i++) {
            assertFalse(streak.interrupts(draft), "the shop answered: nothing to wait for");
        }
        assertFalse(streak.interrupts(TRANSIENT));
        assertTrue(streak.interrupts(TRANSIENT), "three of the shop's failures in a row, drafts between them");
    }
}
