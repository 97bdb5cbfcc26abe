package io.nifiecommerce.processors;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerificationResultsTest {

    private static final String STEP = "Authenticate and List Orders (OR11)";

    @Test
    void aRoundTripThatAnswersIsOneSuccessfulStepWithItsExplanation() {
        final List<ConfigVerificationResult> results = VerificationResults.roundTrip(STEP, () -> "Connected: the shop has 3 orders");

        assertEquals(1, results.size());
        assertEquals(STEP, results.get(0).getVerificationStepName());
        assertEquals(Outcome.SUCCESSFUL, results.get(0).getOutcome());
        assertEquals("Connected: the shop has 3 orders", results.get(0).getExplanation());
    }

    @Test
    void aRefusedRequestFailsWithTheVendorsCode() {
        final List<ConfigVerificationResult> results = VerificationResults.roundTrip(STEP, () -> {
            throw new ApiException(ErrorClass.PERMANENT, 401, "UNAUTHORIZED", "The API key is not valid");
        });

        assertEquals(Outcome.FAILED, results.get(0).getOutcome());
        assertEquals("UNAUTHORIZED: The API key is not valid", results.get(0).getExplanation());
    }

    @Test
    void anyOtherFailureSaysTheConnectionCannotBeBuilt() {
        final List<ConfigVerificationResult> results = VerificationResults.roundTrip(STEP, () -> {
            throw new IllegalArgumentException("Illegal character in authority at index 8");
        });

        assertEquals(Outcome.FAILED, results.get(0).getOutcome());
        assertEquals("Cannot build the connection: Illegal character in authority at index 8", results.get(0).getExplanation());
    }
}
