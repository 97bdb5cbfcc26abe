package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.stock.InventoryApiException;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopifyCallFailureTest {

    static final Relationship RETRY = new Relationship.Builder().name("retry").build();
    static final Relationship FAILURE = new Relationship.Builder().name("failure").build();

    /** A publisher whose one call to Shopify always fails with the given exception. */
    static final class FailingPublisher extends AbstractProcessor {
        private static final ShopifyCallFailure CALL_FAILURE = new ShopifyCallFailure(RETRY, FAILURE, "check the scopes");
        private final RuntimeException failure;

        FailingPublisher(final RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Set<Relationship> getRelationships() {
            return Set.of(RETRY, FAILURE);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            final FlowFile flowFile = session.get();
            if (flowFile == null) {
                return;
            }
            if (failure instanceof ApiException e) {
                CALL_FAILURE.route(context, session, flowFile, getLogger(), e);
            } else {
                CALL_FAILURE.route(context, session, flowFile, getLogger(), (InventoryApiException) failure);
            }
        }
    }

    private static TestRunner run(final RuntimeException failure) {
        final TestRunner runner = TestRunners.newTestRunner(new FailingPublisher(failure));
        runner.enqueue("sku,qty");
        runner.run();
        return runner;
    }

    @Test
    void aTransientFailureSendsTheInputToRetryPenalizedWithTheErrorAttributes() {
        final TestRunner runner = run(new ApiException(ErrorClass.TRANSIENT, 429, "THROTTLED", "Throttled beyond the retries"));

        runner.assertAllFlowFilesTransferred(RETRY, 1);
        final MockFlowFile retry = runner.getFlowFilesForRelationship(RETRY).getFirst();
        assertTrue(retry.isPenalized());
        retry.assertAttributeEquals("error.code", "THROTTLED");
        retry.assertAttributeEquals("error.message", "Throttled beyond the retries");
    }

    @Test
    void aRejectedRequestSendsTheInputToFailure() {
        final TestRunner runner = run(new InventoryApiException(false, "INVALID_VARIABLE", "Variable $input is invalid"));

        runner.assertAllFlowFilesTransferred(FAILURE, 1);
        final MockFlowFile failure = runner.getFlowFilesForRelationship(FAILURE).getFirst();
        assertFalse(failure.isPenalized());
        failure.assertAttributeEquals("error.code", "INVALID_VARIABLE");
    }

    @Test
    void refusedCredentialsRouteNothingAndYield() {
        for (final RuntimeException refused : new RuntimeException[] {
                new ApiException(ErrorClass.AUTHENTICATION, 401, "UNAUTHORIZED", "Invalid API key or access token"),
                new InventoryApiException(false, true, "ACCESS_DENIED", "Access denied for inventorySetQuantities", null)}) {
            final TestRunner runner = run(refused);

            runner.assertTransferCount(RETRY, 0);
            runner.assertTransferCount(FAILURE, 0);
            runner.assertQueueNotEmpty();
            assertTrue(((MockProcessContext) runner.getProcessContext()).isYieldCalled());
        }
    }
}
