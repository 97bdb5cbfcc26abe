package io.nifiecommerce.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with exponential backoff and full jitter: attempt n waits a random time in
 * [0, min(maxDelay, baseDelay * 2^n)], or what the server asked for when it said so (capped too),
 * so that many clients hit by the same outage do not retry in step.
 *
 * @param maxAttempts total attempts including the first (1 = no retry)
 * @param baseDelay delay scale of the first retry
 * @param maxDelay upper bound of any single wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Wait before retry number {@code retry} (1-based), honouring the server's Retry-After when given. */
    public Duration delay(final int retry, final Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        final long base = Math.max(1, baseDelay.toMillis());
        final long ceiling = Math.min(maxDelay.toMillis(), base << Math.min(retry, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
