package io.nifiecommerce.amazon;

import java.time.Clock;
import java.time.Duration;

/**
 * The caller's copy of one SP-API operation's usage plan: a token bucket of {@code burst} requests refilled at
 * {@code rate} requests per second, as Amazon meters the operation per selling partner and application. A request
 * reserves a token before it is sent, waiting for it when the wait is short; a longer wait is refused, so that a
 * NiFi task stops and the next run goes on rather than holding a thread for minutes (getOrders refills one request a
 * minute). The rate follows what Amazon says in {@code x-amzn-RateLimit-Limit}; a 429 empties the bucket.
 */
public final class RateGate {

    private final int burst;
    private final Clock clock;
    private double rate;
    private double tokens;
    private long refilledAt;

    /**
     * @param rate requests per second, e.g. 0.0167 for getOrders
     * @param burst the bucket's size, full at the start
     */
    public RateGate(final double rate, final int burst, final Clock clock) {
        if (rate <= 0 || burst < 1) {
            throw new IllegalArgumentException("A rate gate needs a positive rate and a burst of at least 1");
        }
        this.rate = rate;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.millis();
    }

    /**
     * Reserves the next request: how long to wait before sending it (zero when a token is there), or null, with
     * nothing reserved, when the wait would be longer than {@code maxWait}.
     */
    public synchronized Duration reserve(final Duration maxWait) {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        final Duration wait = Duration.ofMillis((long) Math.ceil((1 - tokens) / rate * 1000));
        if (wait.compareTo(maxWait) > 0) {
            return null;
        }
        tokens -= 1;
        return wait;
    }

    /** Amazon's rate for this caller, from {@code x-amzn-RateLimit-Limit}; ignored when not a positive number. */
    public synchronized void rate(final String header) {
        try {
            final double announced = Double.parseDouble(header.trim());
            if (announced > 0 && Double.isFinite(announced)) {
                refill();
                rate = announced;
            }
        } catch (final NumberFormatException | NullPointerException e) {
            // no usable figure: keep the documented default
        }
    }

    /** Amazon answered 429: its bucket is empty whatever this copy thought. */
    public synchronized void drain() {
        refill();
        tokens = Math.min(tokens, 0);
    }

    public synchronized double rate() {
        return rate;
    }

    private void refill() {
        final long now = clock.millis();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1000.0 * rate);
        refilledAt = now;
    }
}
