package io.nifiecommerce.processors.edi;

import io.nifiecommerce.http.ApiException;
import org.apache.nifi.logging.ComponentLog;

import java.util.function.Supplier;

/**
 * A posting to BC tried again at once, up to {@value #ATTEMPTS} attempts, when BC fails transiently or its answer is lost.
 * Safe only because every attempt of {@link io.nifiecommerce.edi.ThreePlPosting} starts by looking for what it would post,
 * and a posting action whose outcome cannot be told is never thrown as transient (it goes to review). It spares a 3PL
 * document the 30 s penalty of the retry loop for a fault of one request; throttling (429) is left to that loop.
 */
final class ImmediateRetry {

    static final int ATTEMPTS = 3;

    private ImmediateRetry() {
    }

    static <T> T post(final Supplier<T> attempt, final ComponentLog logger, final String key) {
        for (int tried = 1; ; tried++) {
            try {
                return attempt.get();
            } catch (final ApiException e) {
                if (!e.isTransient() || e.status() == 429 || tried >= ATTEMPTS) {
                    throw e;
                }
                logger.debug("{} attempt {} failed ({}); checking BC and trying again", key, tried, e.getMessage());
            }
        }
    }
}
