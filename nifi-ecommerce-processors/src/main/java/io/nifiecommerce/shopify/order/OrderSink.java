package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Where an order read puts what it reads: the processor writes orders to FlowFiles and commits them with the state. */
public interface OrderSink {

    /** Takes one new order version; false when it is filtered out or cannot be mapped, so it fills no FlowFile. */
    boolean accept(ObjectNode order) throws IOException;

    /**
     * Whether the order last given to {@link #accept} was held back until it changes (a B2B order awaiting approval): it is then
     * not remembered as emitted, so that a change made within the same second as the version read (Shopify's updatedAt has
     * whole seconds), such as the approval tag, is not mistaken for the version already seen.
     */
    default boolean lastHeld() {
        return false;
    }

    /**
     * Called once every order of a page was given to {@link #accept}, before the read goes on: what is done for a whole page
     * at once (tagging its drafts for review). An {@link io.nifiecommerce.http.ApiException} here ends the read as a
     * failed page does: the page is read again from its start next time.
     */
    default void endOfPage() {
    }

    /** Commits the orders accepted since the last checkpoint together with the state that resumes right after them. */
    void checkpoint(SyncState state) throws IOException;

    /** The API version Shopify served the last answer with. */
    void servedApiVersion(String version);

    /** Whether to stop at the next checkpoint (the processor is being stopped). */
    boolean stopRequested();
}
