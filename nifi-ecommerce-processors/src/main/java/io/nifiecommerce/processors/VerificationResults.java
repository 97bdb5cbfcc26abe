package io.nifiecommerce.processors;

import io.nifiecommerce.http.ReadinessCheck;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;

/** The Verify button's results from the plain-Java readiness checks. */
public final class VerificationResults {

    private VerificationResults() {
    }

    public static ConfigVerificationResult of(final ReadinessCheck check) {
        final Outcome outcome = switch (check.outcome()) {
            case PASSED -> Outcome.SUCCESSFUL;
            case FAILED -> Outcome.FAILED;
            case SKIPPED -> Outcome.SKIPPED;
        };
        return new ConfigVerificationResult.Builder().verificationStepName(check.step()).outcome(outcome).explanation(check.explanation()).build();
    }
}
