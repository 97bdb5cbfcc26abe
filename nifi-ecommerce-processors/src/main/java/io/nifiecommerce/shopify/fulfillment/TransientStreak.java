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

    /**
     * Records one shipment's outcome; true when the rest of the batch should wait. Refused credentials stop it at once; a
     * retry that is not the shop's (an order still a draft) neither counts nor breaks the streak.
     */
    public boolean interrupts(final FulfillmentOutcome outcome) {
        if (outcome.status() == FulfillmentOutcome.Status.AUTHENTICATION) {
            return true;
        }
        if (outcome.status().shopUnavailable()) {
            inARow++;
        } else if (outcome.route() != FulfillmentOutcome.Route.RETRY) {
            inARow = 0;
        }
        return inARow >= INTERRUPT_AFTER;
    }
}
