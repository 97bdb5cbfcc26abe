package io.nifiecommerce.processors;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ReadinessCheck;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;

import java.util.List;
import java.util.function.Supplier;

/** The Verify button's results: one step, a connection's single round trip, or the plain-Java readiness checks. */
public final class VerificationResults {

    private VerificationResults() {
    }

    public static ConfigVerificationResult of(final ReadinessCheck check) {
        final Outcome outcome = switch (check.outcome()) {
            case PASSED -> Outcome.SUCCESSFUL;
            case FAILED -> Outcome.FAILED;
            case SKIPPED -> Outcome.SKIPPED;
        };
        return step(check.step(), outcome, check.explanation());
    }

    public static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
    }

    /**
     * One step that builds a connection and makes one request with it: successful with the explanation the request returns,
     * failed with the vendor's error code when the request fails, failed as unbuildable on any other runtime failure.
     */
    public static List<ConfigVerificationResult> roundTrip(final String name, final Supplier<String> request) {
        try {
            return List.of(step(name, Outcome.SUCCESSFUL, request.get()));
        } catch (final ApiException e) {
            return List.of(step(name, Outcome.FAILED, e.code() + ": " + e.getMessage()));
        } catch (final RuntimeException e) {
            return List.of(step(name, Outcome.FAILED, "Cannot build the connection: " + e.getMessage()));
        }
    }
}
