package io.nifiecommerce.http;

import java.time.Duration;

/**
 * The longest wait a call may sleep in place. Calls run on NiFi's task threads, shared by every
 * processor of the node: a wait of more than a few seconds (a long Retry-After, a drained rate window,
 * an empty cost bucket) ends the call as a transient failure carrying the wait as its retry-after, so
 * the processor penalizes the FlowFile or yields and the thread serves others meanwhile.
 */
public final class InlineWait {

    public static final Duration LIMIT = Duration.ofSeconds(5);

    private InlineWait() {
    }

    /** The wait before retrying after {@code cause}, when short enough; otherwise the cause again, with the wait. */
    public static Duration bounded(final Duration wait, final ApiException cause) {
        if (wait.compareTo(LIMIT) <= 0) {
            return wait;
        }
        throw new ApiException(ErrorClass.TRANSIENT, cause.status(), cause.code(),
                cause.getMessage() + "; the next attempt is due in " + seconds(wait) + " s", wait, cause);
    }

    /** A wait imposed by local pacing (no failed call): beyond the limit, a transient failure with {@code code}. */
    public static Duration bounded(final Duration wait, final String code, final String reason) {
        if (wait.compareTo(LIMIT) <= 0) {
            return wait;
        }
        throw new ApiException(ErrorClass.TRANSIENT, 0, code, reason + ": the next request is due in " + seconds(wait) + " s", wait, null);
    }

    private static long seconds(final Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
