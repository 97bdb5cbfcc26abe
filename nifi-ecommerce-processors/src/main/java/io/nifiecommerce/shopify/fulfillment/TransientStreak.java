package io.nifiecommerce.shopify.fulfillment;

/**
 * Decides when a batch of shipments stops after transient failures. One failed call is what an unreliable network or
 * a 503 looks like: the shipment goes to retry and the next one is tried. Several in a row mean the shop is throttled
 * or down, and the rest of the batch waits with them rather than hammering it. Stopping at the first one made a batch
 * of hundreds of shipments advance by a handful per retry round (30 s penalty, 10 s yield) at a 10 % fault rate.
 */
public final class TransientStreak {

    /** Transient failures in a row after which the rest of the batch is not attempted. */
    public static final int INTERRUPT_AFTER = 3;

    private int inARow;

    /** Records one shipment's outcome; true when the rest of the batch should wait. */
    public boolean interrupts(final FulfillmentOutcome outcome) {
        inARow = outcome.route() == FulfillmentOutcome.Route.RETRY ? inARow + 1 : 0;
        return inARow >= INTERRUPT_AFTER;
    }
}
