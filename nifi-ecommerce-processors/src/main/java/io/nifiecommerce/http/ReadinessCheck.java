package io.nifiecommerce.http;

import java.util.function.Supplier;

/**
 * One step of checking, without changing anything, that a remote API answers what a component needs:
 * its name, whether it passed, skipped (it could not be decided), and what was found or went wrong.
 * Behind the Verify button of the processors.
 */
public record ReadinessCheck(String step, Outcome outcome, String explanation) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    public static ReadinessCheck passed(final String step, final String explanation) {
        return new ReadinessCheck(step, Outcome.PASSED, explanation);
    }

    public static ReadinessCheck failed(final String step, final String explanation) {
        return new ReadinessCheck(step, Outcome.FAILED, explanation);
    }

    /** Passed with the probe's explanation, or failed with the message of what it threw. */
    public static ReadinessCheck probe(final String step, final Supplier<String> probe) {
        try {
            return passed(step, probe.get());
        } catch (final RuntimeException e) {
            return failed(step, e.getMessage());
        }
    }
}
