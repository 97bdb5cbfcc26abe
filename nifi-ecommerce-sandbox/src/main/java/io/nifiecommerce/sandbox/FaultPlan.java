package io.nifiecommerce.sandbox;

import java.time.Duration;

/**
 * What the sandbox does wrong on purpose: the share of requests that fail and how, and the latency
 * every request pays. Rates are shares of all requests in [0, 1]; the fault kind is drawn among the
 * enabled ones with equal weight.
 *
 * @param faultRate share of requests that get a fault
 * @param throttle answer 429 (BC) or THROTTLED (Shopify)
 * @param serverError answer 500 or 503
 * @param timeout hold the request for {@code timeoutHold}, then close without answering
 * @param connectionReset close the connection before answering
 * @param malformedBody answer 200 with a truncated body
 * @param latencyMedian median of the log-normal latency added to every request (zero for none)
 * @param timeoutHold how long a "timeout" fault holds the request
 * @param faultAfterCommit for writes: apply the change, then fail the response (the lost-ack case)
 */
public record FaultPlan(double faultRate, boolean throttle, boolean serverError, boolean timeout,
                        boolean connectionReset, boolean malformedBody, Duration latencyMedian,
                        Duration timeoutHold, boolean faultAfterCommit) {

    public static final FaultPlan NONE = new FaultPlan(0, false, false, false, false, false, Duration.ZERO, Duration.ofSeconds(2), false);

    /** Every kind of fault enabled at the given rate, the lost-ack case included. */
    public static FaultPlan all(final double rate) {
        return new FaultPlan(rate, true, true, true, true, true, Duration.ZERO, Duration.ofSeconds(2), true);
    }

    public FaultPlan withLatency(final Duration median) {
        return new FaultPlan(faultRate, throttle, serverError, timeout, connectionReset, malformedBody, median, timeoutHold, faultAfterCommit);
    }

    public FaultPlan withTimeoutHold(final Duration hold) {
        return new FaultPlan(faultRate, throttle, serverError, timeout, connectionReset, malformedBody, latencyMedian, hold, faultAfterCommit);
    }
}
